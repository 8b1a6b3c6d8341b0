import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/storage/azure-storage-shared-key-access.js';
import type { StorageAccount } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const account = (name: string, allowSharedKeyAccess: boolean | undefined): StorageAccount => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  location: 'westeurope',
  keySource: 'Microsoft.Storage',
  requireInfrastructureEncryption: false,
  enableHttpsTrafficOnly: true,
  allowSharedKeyAccess,
  allowBlobPublicAccess: false,
});

describe('azure-storage-shared-key-access', () => {
  it('passes only an explicit false; true and not set both fail', () => {
    const results = check.evaluate(
      azureSnapshot({
        storage: { accounts: [account('strict', false), account('open', true), account('unset', undefined)] },
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(results[2]?.reason).toContain('not set, which Azure treats as allowed');
  });

  it('is UNKNOWN for the subscription when storage accounts could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Storage', 'storageAccounts.list')] });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('storageAccounts.list');
  });
});
