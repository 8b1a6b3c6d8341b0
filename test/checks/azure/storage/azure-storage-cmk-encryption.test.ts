import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/storage/azure-storage-cmk-encryption.js';
import type { StorageAccount } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const account = (name: string, keySource: StorageAccount['keySource']): StorageAccount => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  location: 'westeurope',
  keySource,
  requireInfrastructureEncryption: false,
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false,
});

describe('azure-storage-cmk-encryption', () => {
  it('passes customer-managed keys and fails Microsoft-managed ones', () => {
    const results = check.evaluate(
      azureSnapshot({
        storage: {
          accounts: [account('ledger', 'Microsoft.Keyvault'), account('exports', 'Microsoft.Storage')],
        },
      }),
    );
    expect(results).toMatchObject([
      { status: 'PASS', resourceName: 'ledger', region: 'westeurope' },
      { status: 'FAIL', resourceId: account('exports', 'Microsoft.Storage').id },
    ]);
    expect(results[1]?.reason).toBe('Storage account exports is encrypted with Microsoft-managed keys only.');
  });

  it('is UNKNOWN for the subscription when storage accounts could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Storage', 'storageAccounts.list')] });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({
      status: 'UNKNOWN',
      resourceId: '/subscriptions/00000000-0000-0000-0000-00000000bbbb',
    });
    expect(result?.reason).toContain('storageAccounts.list');
  });
});
