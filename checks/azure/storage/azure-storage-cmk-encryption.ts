import { defineAzureCheck } from '../../../source/model/check.js';
import { assessStorageAccounts } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-storage-cmk-encryption',
  service: 'storage',
  title: 'Storage accounts encrypt data with customer-managed keys in Key Vault',
  severity: 'medium',
  criteria: ['CC6.1', 'C1.1'],
  risk: 'With Microsoft-managed keys the company cannot rotate, revoke or audit the key that protects its stored data, so it cannot show who can decrypt it or cut access off.',
  remediation: {
    summary:
      'Encrypt storage accounts that hold customer or financial data with a customer-managed key from Key Vault (with a rotation policy), accessed through a managed identity.',
    snippet: {
      language: 'terraform',
      code: `resource "azurerm_storage_account_customer_managed_key" "data" {
  storage_account_id        = azurerm_storage_account.data.id
  key_vault_id              = azurerm_key_vault.main.id
  key_name                  = azurerm_key_vault_key.storage.name
  # The account needs this identity, with Key Vault Crypto Service Encryption User on the vault
  user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
}`,
    },
  },
  effort: { baseHours: 4, perResourceHours: 1, maxHours: 12 },
  owner: 'Security engineer',
  evidence:
    'The encryption settings of each account at the window’s start and end, and the Key Vault key’s version history and access log showing the key in use and rotated during the window.',
  evaluate(snapshot) {
    return assessStorageAccounts(snapshot, (account, where) =>
      account.keySource === 'Microsoft.Keyvault'
        ? pass(account.id, `Storage account ${account.name} is encrypted with a customer-managed key.`, where)
        : fail(
            account.id,
            `Storage account ${account.name} is encrypted with Microsoft-managed keys only.`,
            where,
          ),
    );
  },
});
