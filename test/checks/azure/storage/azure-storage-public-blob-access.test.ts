import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/storage/azure-storage-public-blob-access.js';
import type { StorageAccount } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const account = (name: string, allowBlobPublicAccess: boolean): StorageAccount => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  location: 'westeurope',
  keySource: 'Microsoft.Storage',
  requireInfrastructureEncryption: false,
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess,
});

describe('azure-storage-public-blob-access', () => {
  it('passes accounts that forbid anonymous access and fails those that allow it', () => {
    const results = check.evaluate(
      azureSnapshot({ storage: { accounts: [account('private', false), account('cdn', true)] } }),
    );
    expect(results).toMatchObject([
      { status: 'PASS', resourceName: 'private' },
      {
        status: 'FAIL',
        resourceName: 'cdn',
        reason: 'Storage account cdn allows containers to be made public.',
      },
    ]);
  });

  it('is UNKNOWN for the subscription when storage accounts could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Storage', 'storageAccounts.list')] });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('storageAccounts.list');
  });
});
