import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/keyvault/azure-keyvault-key-rotation-policy.js';
import type { KeyVault, KeyVaultKey } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const VAULT = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-pay';

const key = (name: string, rotationPolicy: KeyVaultKey['rotationPolicy'], enabled = true): KeyVaultKey => ({
  id: `https://kv-pay.vault.azure.net/keys/${name}`,
  name,
  enabled,
  rotationPolicy,
});

const vault = (keys: KeyVaultKey[] | undefined): KeyVault => ({
  id: VAULT,
  name: 'kv-pay',
  location: 'westeurope',
  enableSoftDelete: true,
  enablePurgeProtection: true,
  keys,
});

const evaluate = (keys: KeyVaultKey[] | undefined, errors = [] as ReturnType<typeof accessDenied>[]) =>
  check.evaluate(azureSnapshot({ keyVault: { vaults: [vault(keys)] }, errors }));

describe('azure-keyvault-key-rotation-policy', () => {
  it('passes keys that rotate automatically within a year, including by expiry', () => {
    const results = evaluate([
      key('ledger', { autoRotate: true, rotateAfterDays: 335, expiresAfterDays: 365 }),
      key('tokens', { autoRotate: true, expiresAfterDays: 180 }),
    ]);
    expect(results).toMatchObject([
      {
        status: 'PASS',
        resourceName: 'kv-pay/ledger',
        region: 'westeurope',
        reason: 'Key kv-pay/ledger rotates automatically every 335 days.',
      },
      { status: 'PASS', reason: 'Key kv-pay/tokens rotates automatically every 180 days.' },
    ]);
  });

  it('fails keys with no policy, a notify-only policy, or rotation slower than yearly', () => {
    const results = evaluate([
      key('none', null),
      key('notify', { autoRotate: false, expiresAfterDays: 365 }),
      key('slow', { autoRotate: true, rotateAfterDays: 730 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.reason).toBe('Key kv-pay/none has no rotation policy.');
    expect(results[1]?.reason).toContain('never rotates automatically');
    expect(results[2]?.reason).toContain('every 730 days');
  });

  it('skips disabled keys', () => {
    expect(evaluate([key('old', null, false)])).toEqual([]);
  });

  it('is UNKNOWN for the vault when its keys could not be listed (data plane denied)', () => {
    const [result] = evaluate(undefined, [
      accessDenied('Microsoft.KeyVault', 'keys.list', { resourceId: VAULT, kind: 'AccessDenied' }),
    ]);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: VAULT });
    expect(result?.reason).toContain('keys in vault kv-pay');
    expect(result?.reason).toContain('keys.list');
  });

  it('is UNKNOWN for a key whose rotation policy could not be read', () => {
    const [result] = evaluate(
      [key('ledger', undefined)],
      [accessDenied('Microsoft.KeyVault', 'getKeyRotationPolicy', { resourceId: VAULT })],
    );
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceName: 'kv-pay/ledger' });
    expect(result?.reason).toContain('getKeyRotationPolicy');
  });

  it('is UNKNOWN for the subscription when vaults could not be listed', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.KeyVault', 'vaults.listBySubscription')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({
      status: 'UNKNOWN',
      resourceId: '/subscriptions/00000000-0000-0000-0000-00000000bbbb',
    });
    expect(result?.reason).toContain('vaults.listBySubscription');
  });
});
