import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/keyvault/azure-keyvault-purge-protection.js';
import type { KeyVault } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const vault = (name: string, enableSoftDelete: boolean, enablePurgeProtection: boolean): KeyVault => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${name}`,
  name,
  location: 'westeurope',
  enableSoftDelete,
  enablePurgeProtection,
});

describe('azure-keyvault-purge-protection', () => {
  it('passes a vault with both protections and fails vaults missing either', () => {
    const results = check.evaluate(
      azureSnapshot({
        keyVault: {
          vaults: [vault('safe', true, true), vault('soft-only', true, false), vault('bare', false, false)],
        },
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(results[1]?.reason).toBe('Key vault soft-only has purge protection off.');
    expect(results[2]?.reason).toBe('Key vault bare has soft delete and purge protection off.');
  });

  it('is UNKNOWN for the subscription when vaults could not be listed', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.KeyVault', 'vaults.listBySubscription')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('vaults.listBySubscription');
  });
});
