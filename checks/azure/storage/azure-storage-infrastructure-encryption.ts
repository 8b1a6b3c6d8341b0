import { defineAzureCheck } from '../../../source/model/check.js';
import { assessStorageAccounts } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-storage-infrastructure-encryption',
  service: 'storage',
  title: 'Storage accounts use infrastructure (double) encryption',
  severity: 'low',
  criteria: ['C1.1'],
  risk: 'With a single layer of encryption, one compromised key or flawed algorithm exposes the data; a second, independent layer limits that.',
  remediation: {
    summary:
      'Infrastructure encryption can only be chosen when an account is created: create new accounts with it and move data from existing accounts that hold confidential data.',
    snippet: {
      language: 'terraform',
      code: `resource "azurerm_storage_account" "data" {
  # ...
  # Set at creation only: changing it replaces the account, so migrate the data first
  infrastructure_encryption_enabled = true
}`,
    },
  },
  effort: { baseHours: 2, perResourceHours: 2, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'The encryption settings of each confidential-data account, exported at the window’s start and end.',
  evaluate(snapshot) {
    return assessStorageAccounts(snapshot, (account, where) =>
      account.requireInfrastructureEncryption
        ? pass(
            account.id,
            `Storage account ${account.name} encrypts data twice (infrastructure encryption).`,
            where,
          )
        : fail(account.id, `Storage account ${account.name} does not use infrastructure encryption.`, where),
    );
  },
});
