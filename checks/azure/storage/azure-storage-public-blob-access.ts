import { defineAzureCheck } from '../../../source/model/check.js';
import { assessStorageAccounts } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-storage-public-blob-access',
  service: 'storage',
  title: 'Storage accounts forbid anonymous public blob access',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  risk: 'While public blob access is allowed, one container set to public by mistake publishes its files to anyone with the link, with no sign-in and no record of who read them.',
  remediation: {
    summary:
      'Disallow anonymous blob access on every account; serve public files through a CDN or SAS URLs instead.',
    snippet: {
      language: 'shell',
      code: 'az storage account update --resource-group <rg> --name <account> --allow-blob-public-access false',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 4 },
  owner: 'Cloud platform engineer',
  evidence:
    'The public-access setting of each account at the window’s start and end, with an Azure Policy deny assignment and its compliance history across the window.',
  evaluate(snapshot) {
    return assessStorageAccounts(snapshot, (account, where) =>
      account.allowBlobPublicAccess
        ? fail(account.id, `Storage account ${account.name} allows containers to be made public.`, where)
        : pass(account.id, `Storage account ${account.name} forbids anonymous blob access.`, where),
    );
  },
});
