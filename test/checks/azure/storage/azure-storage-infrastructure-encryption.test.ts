import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/storage/azure-storage-infrastructure-encryption.js';
import type { StorageAccount } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const account = (name: string, requireInfrastructureEncryption: boolean): StorageAccount => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  location: 'westeurope',
  keySource: 'Microsoft.Storage',
  requireInfrastructureEncryption,
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false,
});

describe('azure-storage-infrastructure-encryption', () => {
  it('passes double-encrypted accounts and fails the others', () => {
    const results = check.evaluate(
      azureSnapshot({ storage: { accounts: [account('ledger', true), account('exports', false)] } }),
    );
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['ledger', 'PASS'],
      ['exports', 'FAIL'],
    ]);
    expect(results[1]?.reason).toContain('exports does not use infrastructure encryption');
  });

  it('is UNKNOWN for the subscription when storage accounts could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Storage', 'storageAccounts.list')] });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('storageAccounts.list');
  });
});
