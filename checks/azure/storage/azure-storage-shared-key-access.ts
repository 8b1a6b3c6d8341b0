import { defineAzureCheck } from '../../../source/model/check.js';
import { assessStorageAccounts } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-storage-shared-key-access',
  service: 'storage',
  title: 'Storage accounts refuse shared key access',
  severity: 'medium',
  criteria: ['CC6.1'],
  risk: 'An account key is a password with full control over all the data in the account, never expires on its own, and leaves no record of which person used it.',
  remediation: {
    summary:
      'Move applications to Entra ID authentication (managed identities and RBAC data roles), then disallow shared key access on the account.',
    snippet: {
      language: 'shell',
      code: 'az storage account update --resource-group <rg> --name <account> --allow-shared-key-access false',
    },
  },
  effort: { baseHours: 2, perResourceHours: 1.5, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'The shared-key setting of each account at the window’s start and end, and storage logs across the window showing requests authenticated with Entra ID rather than keys.',
  evaluate(snapshot) {
    return assessStorageAccounts(snapshot, (account, where) => {
      // Not set means allowed: Azure only refuses keys when the flag is explicitly false.
      if (account.allowSharedKeyAccess === false)
        return pass(account.id, `Storage account ${account.name} refuses shared key access.`, where);
      const how =
        account.allowSharedKeyAccess === undefined ? ' (not set, which Azure treats as allowed)' : '';
      return fail(account.id, `Storage account ${account.name} allows shared key access${how}.`, where);
    });
  },
});
