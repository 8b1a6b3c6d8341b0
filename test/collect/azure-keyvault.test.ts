import { describe, expect, it } from 'vitest';
import keyVaultChecks from '../../checks/azure/keyvault/index.js';
import { collectKeyVault, isoDurationDays, rotationPolicyOf } from '../../source/collect/azure/keyvault.js';
import type { KeyVault } from '../../source/model/azure-snapshot.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { azureWirePerTest, expectDenied, expectOnlyGets, wireSnapshot } from './azure-harness.js';
import {
  answering,
  armError,
  authorizationFailed,
  SUBSCRIPTION,
  throttledOnce,
  type AzureHandler,
  type AzureRequest,
} from './azure-wire.js';
import {
  authorizedVaultRequest,
  keyUrl,
  keyVaultForbidden,
  storageKeyVaultSubscription,
  VAULT_LEGACY_ID,
  VAULT_PAY_ID,
} from './fixtures/azure-storage-keyvault.js';

const wire = azureWirePerTest(storageKeyVaultSubscription);

/** Collects key vaults from the fixture subscription; `override` answers first where it answers. */
async function collect(override?: AzureHandler) {
  const { section, ...rest } = await wire.collect(collectKeyVault, override);
  return { keyVault: section, ...rest };
}

const VAULTS_PATH = `${SUBSCRIPTION}/providers/Microsoft.KeyVault/vaults`;

/** A data-plane request with a token, to `vault`, for `rest` (`/keys`, `/keys/x/rotationpolicy`). */
const vaultCall = (vault: string, rest: string) => (r: AzureRequest) => {
  const call = authorizedVaultRequest(r);
  return call?.vault === vault && call.rest === rest;
};

function evaluate(keyVault: { vaults: KeyVault[] } | undefined, errors: CollectionError[]) {
  const snapshot = wireSnapshot({ ...(keyVault ? { keyVault } : {}), errors });
  return keyVaultChecks.flatMap((check) => check.evaluate(snapshot).map((r) => ({ check: check.id, ...r })));
}

const ROTATION = 'azure-keyvault-key-rotation-policy';
const PURGE = 'azure-keyvault-purge-protection';

const vaultById = (keyVault: { vaults: KeyVault[] } | undefined, id: string) =>
  keyVault?.vaults.find((v) => v.id === id);

describe('collectKeyVault on the wire', () => {
  it('reads every vault and its keys with their rotation policies, with GET requests only', async () => {
    const { keyVault, errors, calls } = await collect();
    expect(errors).toEqual([]);
    expect(keyVault?.vaults).toEqual([
      {
        id: VAULT_PAY_ID,
        name: 'kv-payments-prod',
        location: 'westeurope',
        enableSoftDelete: true,
        enablePurgeProtection: true,
        keys: [
          {
            id: keyUrl('kv-payments-prod', 'ledger-cmk'),
            name: 'ledger-cmk',
            enabled: true,
            rotationPolicy: { autoRotate: true, rotateAfterDays: 335, expiresAfterDays: 365 },
          },
          {
            id: keyUrl('kv-payments-prod', 'tokens'),
            name: 'tokens',
            enabled: true,
            rotationPolicy: { autoRotate: true, expiresAfterDays: 180 },
          },
          // Never given a policy: Key Vault answers its default, which is none.
          {
            id: keyUrl('kv-payments-prod', 'statements-signing'),
            name: 'statements-signing',
            enabled: true,
            rotationPolicy: null,
          },
          {
            id: keyUrl('kv-payments-prod', 'archive-2022'),
            name: 'archive-2022',
            enabled: false,
            rotationPolicy: null,
          },
          // cert-tls backs a certificate and rotates with it: not listed.
        ],
      },
      {
        id: VAULT_LEGACY_ID,
        name: 'kv-web-legacy',
        location: 'westeurope',
        enableSoftDelete: true,
        // Not in Azure's reply at all: read, and off.
        enablePurgeProtection: false,
        keys: [
          {
            id: keyUrl('kv-web-legacy', 'session-key'),
            name: 'session-key',
            enabled: true,
            rotationPolicy: { autoRotate: false, expiresAfterDays: 90 },
          },
          {
            id: keyUrl('kv-web-legacy', 'backup-key'),
            name: 'backup-key',
            enabled: true,
            rotationPolicy: { autoRotate: true, rotateAfterDays: 730 },
          },
        ],
      },
    ]);
    expectOnlyGets(calls);
  });

  it("answers each vault's token challenge and sends its token only to that vault's data plane", async () => {
    const { calls, scopes } = await collect();
    const dataPlane = calls.filter((c) => c.path.startsWith('/vault/'));
    // One unauthenticated first request per vault, answered with the challenge; then the token on every call.
    const bare = dataPlane.filter((c) => !c.headers.authorization);
    expect(bare.map((c) => c.path).sort()).toEqual([
      '/vault/kv-payments-prod/keys',
      '/vault/kv-web-legacy/keys',
    ]);
    for (const call of dataPlane.filter((c) => c.headers.authorization))
      expect(call.headers.authorization).toBe('Bearer test-token');
    expect(scopes).toContain('https://vault.azure.net/.default');
  });

  it('gives the purge protection and rotation checks a PASS or FAIL per vault and enabled key', async () => {
    const { keyVault, errors } = await collect();
    const results = evaluate(keyVault, errors);
    expect(results.map((r) => [r.check, r.resourceId, r.status])).toEqual([
      [ROTATION, keyUrl('kv-payments-prod', 'ledger-cmk'), 'PASS'],
      [ROTATION, keyUrl('kv-payments-prod', 'tokens'), 'PASS'],
      [ROTATION, keyUrl('kv-payments-prod', 'statements-signing'), 'FAIL'],
      [ROTATION, keyUrl('kv-web-legacy', 'session-key'), 'FAIL'],
      [ROTATION, keyUrl('kv-web-legacy', 'backup-key'), 'FAIL'],
      [PURGE, VAULT_PAY_ID, 'PASS'],
      [PURGE, VAULT_LEGACY_ID, 'FAIL'],
    ]);
    const reasons = results.map((r) => r.reason);
    expect(reasons).toContain('Key kv-payments-prod/statements-signing has no rotation policy.');
    expect(reasons).toContain('Key kv-payments-prod/tokens rotates automatically every 180 days.');
    expect(reasons).toContain('Key vault kv-web-legacy has purge protection off.');
  });

  it('leaves key vaults unread when the vault list is denied, and both checks say which permission', async () => {
    const { keyVault, errors, calls } = await collect(
      answering(VAULTS_PATH, authorizationFailed('Microsoft.KeyVault/vaults/read', SUBSCRIPTION)),
    );
    expect(keyVault).toBeUndefined();
    expectDenied(errors, {
      service: 'Microsoft.KeyVault',
      operation: 'vaults.listBySubscription',
      permission: 'Microsoft.KeyVault/vaults/read',
    });
    expect(calls.some((c) => c.path.startsWith('/vault/'))).toBe(false);
    const results = evaluate(keyVault, errors);
    expect(results.map((r) => [r.check, r.resourceId, r.status])).toEqual([
      [ROTATION, SUBSCRIPTION, 'UNKNOWN'],
      [PURGE, SUBSCRIPTION, 'UNKNOWN'],
    ]);
    for (const result of results) expect(result.reason).toContain('Microsoft.KeyVault/vaults/read');
  });

  it('keeps a vault whose keys the data plane refuses, with its keys unknown and the rotation check UNKNOWN for it alone', async () => {
    const { keyVault, errors } = await collect(
      answering(vaultCall('kv-web-legacy', '/keys'), keyVaultForbidden('kv-web-legacy')),
    );
    const legacy = vaultById(keyVault, VAULT_LEGACY_ID);
    expect(legacy).toMatchObject({ enablePurgeProtection: false });
    expect(legacy).not.toHaveProperty('keys');
    expect(vaultById(keyVault, VAULT_PAY_ID)?.keys).toHaveLength(4);
    expect(errors).toEqual([
      {
        service: 'Microsoft.KeyVault',
        operation: 'keys.list',
        kind: 'AccessDenied',
        // Key Vault's own words, which the paged list alone would lose.
        message: 'Forbidden: Caller is not authorized to perform action on resource.',
        region: 'westeurope',
        resourceId: VAULT_LEGACY_ID,
        permission: 'Microsoft.KeyVault/vaults/keys/read',
      },
    ]);
    const results = evaluate(keyVault, errors);
    const unknown = results.filter((r) => r.status === 'UNKNOWN');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ check: ROTATION, resourceId: VAULT_LEGACY_ID });
    expect(unknown[0]?.reason).toContain('Microsoft.KeyVault/vaults/keys/read');
    expect(results.find((r) => r.check === PURGE && r.resourceId === VAULT_LEGACY_ID)?.status).toBe('FAIL');
    expect(results.find((r) => r.resourceId === keyUrl('kv-payments-prod', 'ledger-cmk'))?.status).toBe(
      'PASS',
    );
  });

  it('makes only the key whose rotation policy is denied UNKNOWN, recorded against the key', async () => {
    const action = 'Microsoft.KeyVault/vaults/keyrotationpolicies/read';
    const tokens = keyUrl('kv-payments-prod', 'tokens');
    const { keyVault, errors } = await collect(
      answering(
        vaultCall('kv-payments-prod', '/keys/tokens/rotationpolicy'),
        keyVaultForbidden('kv-payments-prod', action),
      ),
    );
    const key = vaultById(keyVault, VAULT_PAY_ID)?.keys?.find((k) => k.name === 'tokens');
    expect(key).toEqual({ id: tokens, name: 'tokens', enabled: true });
    expectDenied(errors, { operation: 'keys.getKeyRotationPolicy', resourceId: tokens, permission: action });
    const results = evaluate(keyVault, errors);
    expect(results.filter((r) => r.status === 'UNKNOWN').map((r) => r.resourceId)).toEqual([tokens]);
    expect(results.find((r) => r.resourceId === tokens)?.reason).toContain(action);
  });

  it('reads a key gone before its policy read (404) as having no policy, without an error', async () => {
    const { keyVault, errors } = await collect(
      answering(
        vaultCall('kv-web-legacy', '/keys/backup-key/rotationpolicy'),
        armError(404, 'KeyNotFound', 'A key with (name/id) backup-key was not found in this key vault.'),
      ),
    );
    expect(errors).toEqual([]);
    expect(
      vaultById(keyVault, VAULT_LEGACY_ID)?.keys?.find((k) => k.name === 'backup-key')?.rotationPolicy,
    ).toBeNull();
  });

  it('follows nextLink across the pages of the vault list and of a key list', async () => {
    const { keyVault, calls } = await collect();
    expect(calls.filter((c) => c.path === VAULTS_PATH).map((c) => c.query.get('$skiptoken'))).toEqual([
      null,
      'page-2',
    ]);
    const keyPages = calls.filter(
      (c) => c.path === '/vault/kv-payments-prod/keys' && c.headers.authorization,
    );
    expect(keyPages.map((c) => c.query.get('$skiptoken'))).toEqual([null, 'page-2']);
    expect(keyVault?.vaults).toHaveLength(2);
    expect(vaultById(keyVault, VAULT_PAY_ID)?.keys?.map((k) => k.name)).toContain('archive-2022');
  });

  it('retries throttled vault and key lists transparently', async () => {
    const throttle = throttledOnce(VAULTS_PATH, vaultCall('kv-web-legacy', '/keys'));
    const { keyVault, errors } = await collect(throttle);
    // One each: the vault list, and kv-web-legacy's key list once it carries a token.
    expect(throttle.throttled.map((r) => r.path)).toEqual(
      expect.arrayContaining([VAULTS_PATH, '/vault/kv-web-legacy/keys']),
    );
    expect(throttle.throttled).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(vaultById(keyVault, VAULT_LEGACY_ID)?.keys).toHaveLength(2);
  });
});

describe('isoDurationDays', () => {
  it.each([
    ['P90D', 90],
    ['P335D', 335],
    ['P3M', 90],
    ['P1Y', 365],
    ['P2Y', 730],
    ['P1Y6M', 545],
    ['P2W', 14],
    ['P1DT12H', 2],
    ['p30d', 30],
  ])('reads %s as %i days', (text, days) => {
    expect(isoDurationDays(text)).toBe(days);
  });

  it.each(['', 'P', 'PT', 'P1DT', '90D', 'P1.5Y', 'P-1D', 'P1D2Y'])('rejects %j', (text) => {
    expect(isoDurationDays(text)).toBeUndefined();
  });
});

describe('rotationPolicyOf', () => {
  const id = 'https://kv.vault.azure.net/keys/k/rotationpolicy';

  it('reads a default policy (no id) or an empty one as none', () => {
    expect(
      rotationPolicyOf({ lifetimeActions: [{ action: 'Notify', timeBeforeExpiry: 'P30D' }] }),
    ).toBeNull();
    expect(rotationPolicyOf({ id, lifetimeActions: [] })).toBeNull();
    expect(rotationPolicyOf(null)).toBeNull();
  });

  it('keeps the expiry of a notify-only policy, and skips periods it cannot read', () => {
    expect(
      rotationPolicyOf({
        id,
        lifetimeActions: [{ action: 'Notify', timeBeforeExpiry: 'P30D' }],
        expiresIn: 'P1Y',
      }),
    ).toEqual({
      autoRotate: false,
      expiresAfterDays: 365,
    });
    expect(
      rotationPolicyOf({ id, lifetimeActions: [{ action: 'Rotate', timeAfterCreate: 'soon' }] }),
    ).toEqual({
      autoRotate: true,
    });
  });
});
