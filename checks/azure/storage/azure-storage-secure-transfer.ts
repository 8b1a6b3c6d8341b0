import type { StorageAccount } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { assessStorageAccounts, listOf } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

const MODERN_TLS = ['TLS1_2', 'TLS1_3'];

function transferGaps(account: StorageAccount): string[] {
  const gaps: string[] = [];
  if (!account.enableHttpsTrafficOnly) gaps.push('accepts plain HTTP');
  // Azure treats an unset minimum as TLS 1.0 on accounts created before the default changed.
  if (!account.minimumTlsVersion) gaps.push('sets no minimum TLS version, so TLS 1.0 is accepted');
  else if (!MODERN_TLS.includes(account.minimumTlsVersion))
    gaps.push(`accepts ${account.minimumTlsVersion.replace('TLS', 'TLS ').replace('_', '.')}`);
  return gaps;
}

export default defineAzureCheck({
  id: 'azure-storage-secure-transfer',
  service: 'storage',
  title: 'Storage accounts accept only HTTPS with TLS 1.2 or later',
  severity: 'high',
  criteria: ['CC6.7'],
  risk: 'Plain HTTP or old TLS lets anyone on the network path read or alter data and access keys on their way to storage.',
  remediation: {
    summary:
      'Require secure transfer (HTTPS only) and a minimum TLS version of 1.2 on every storage account.',
    snippet: {
      language: 'shell',
      code: 'az storage account update --resource-group <rg> --name <account> --https-only true --min-tls-version TLS1_2',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 6 },
  owner: 'Cloud platform engineer',
  evidence:
    'The transfer settings of each account at the window’s start and end, with an Azure Policy compliance history for secure transfer across the window.',
  evaluate(snapshot) {
    return assessStorageAccounts(snapshot, (account, where) => {
      const gaps = transferGaps(account);
      return gaps.length === 0
        ? pass(
            account.id,
            `Storage account ${account.name} accepts only HTTPS with ${account.minimumTlsVersion} or later.`,
            where,
          )
        : fail(account.id, `Storage account ${account.name} ${listOf(gaps)}.`, where);
    });
  },
});
