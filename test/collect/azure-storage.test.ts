import { describe, expect, it } from 'vitest';
import activityLogImmutable from '../../checks/azure/monitor/azure-monitor-activity-log-immutable.js';
import storageChecks from '../../checks/azure/storage/index.js';
import { collectStorage } from '../../source/collect/azure/storage.js';
import type { AzureMonitor, StorageAccount } from '../../source/model/azure-snapshot.js';
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
  containerId,
  noImmutabilityPolicy,
  STORAGE_DATA_ID,
  STORAGE_LEGACY_ID,
  STORAGE_LOGS_ID,
  storageKeyVaultSubscription,
} from './fixtures/azure-storage-keyvault.js';

const wire = azureWirePerTest(storageKeyVaultSubscription);

/** Collects storage from the fixture subscription; `override` answers first where it answers. */
async function collect(override?: AzureHandler) {
  const { section, ...rest } = await wire.collect(collectStorage, override);
  return { storage: section, ...rest };
}

const ACCOUNTS_PATH = `${SUBSCRIPTION}/providers/Microsoft.Storage/storageAccounts`;
const ACTIVITY_LOGS = containerId(STORAGE_LOGS_ID, 'insights-activity-logs');
const isContainerList = (r: AzureRequest, account: string) =>
  r.path === `${account}/blobServices/default/containers`;
const isPolicyRead = (r: AzureRequest, container: string) =>
  r.path === `${container}/immutabilityPolicies/default`;

/** The Activity Log goes to stauditlogs: what the monitor collector would have read. */
const MONITOR: AzureMonitor = {
  activityLogDiagnosticSettings: [
    {
      id: `${SUBSCRIPTION}/providers/microsoft.insights/diagnosticSettings/activity-to-storage`,
      name: 'activity-to-storage',
      storageAccountId: STORAGE_LOGS_ID,
      logs: [{ category: 'Administrative', enabled: true }],
    },
  ],
  logAnalyticsWorkspaces: [],
};

function evaluate(storage: { accounts: StorageAccount[] } | undefined, errors: CollectionError[]) {
  const snapshot = wireSnapshot({ ...(storage ? { storage } : {}), monitor: MONITOR, errors });
  return [...storageChecks, activityLogImmutable].flatMap((check) =>
    check.evaluate(snapshot).map((r) => ({ check: check.id, ...r })),
  );
}

const statusOf = (results: ReturnType<typeof evaluate>, check: string, resourceId: string) =>
  results.find((r) => r.check === check && r.resourceId === resourceId)?.status;

const byId = (storage: { accounts: StorageAccount[] } | undefined, id: string) =>
  storage?.accounts.find((a) => a.id === id);

describe('collectStorage on the wire', () => {
  it('reads every account with its settings and containers, with GET requests only', async () => {
    const { storage, errors, calls } = await collect();
    expect(errors).toEqual([]);
    expect(storage?.accounts.map((a) => a.id)).toEqual([STORAGE_DATA_ID, STORAGE_LEGACY_ID, STORAGE_LOGS_ID]);
    expect(byId(storage, STORAGE_DATA_ID)).toEqual({
      id: STORAGE_DATA_ID,
      name: 'stpaymentsdata',
      location: 'westeurope',
      tags: { environment: 'production', data: 'confidential' },
      keySource: 'Microsoft.Keyvault',
      requireInfrastructureEncryption: true,
      enableHttpsTrafficOnly: true,
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2',
      containers: [
        { name: 'statements', immutabilityPolicy: null, hasLegalHold: false },
        {
          name: 'ledger-exports',
          immutabilityPolicy: { state: 'Unlocked', periodDays: 30 },
          hasLegalHold: true,
        },
      ],
    });
    // Shared keys never set: left undefined, which the check reads as allowed.
    const legacy = byId(storage, STORAGE_LEGACY_ID);
    expect(legacy).toMatchObject({
      keySource: 'Microsoft.Storage',
      requireInfrastructureEncryption: false,
      enableHttpsTrafficOnly: false,
      allowBlobPublicAccess: true,
      minimumTlsVersion: 'TLS1_0',
    });
    expect(legacy).not.toHaveProperty('allowSharedKeyAccess');
    expect(legacy).not.toHaveProperty('tags');
    expect(byId(storage, STORAGE_LOGS_ID)).toMatchObject({
      location: 'northeurope',
      containers: [
        {
          name: 'insights-activity-logs',
          immutabilityPolicy: { state: 'Locked', periodDays: 365 },
          hasLegalHold: false,
        },
      ],
    });
    expectOnlyGets(calls);
  });

  it('reads a policy on its own only for containers that have one the list does not carry', async () => {
    const { calls } = await collect();
    const policyReads = calls
      .filter((c) => c.path.endsWith('/immutabilityPolicies/default'))
      .map((c) => c.path);
    expect(policyReads).toEqual([`${ACTIVITY_LOGS}/immutabilityPolicies/default`]);
  });

  it('gives each storage check a PASS or FAIL per account, and the WORM check its verdict', async () => {
    const { storage, errors } = await collect();
    const results = evaluate(storage, errors);
    const expected: [string, string, string][] = [
      ['azure-storage-cmk-encryption', STORAGE_DATA_ID, 'PASS'],
      ['azure-storage-cmk-encryption', STORAGE_LEGACY_ID, 'FAIL'],
      ['azure-storage-cmk-encryption', STORAGE_LOGS_ID, 'FAIL'],
      ['azure-storage-infrastructure-encryption', STORAGE_DATA_ID, 'PASS'],
      ['azure-storage-infrastructure-encryption', STORAGE_LEGACY_ID, 'FAIL'],
      ['azure-storage-infrastructure-encryption', STORAGE_LOGS_ID, 'PASS'],
      ['azure-storage-secure-transfer', STORAGE_DATA_ID, 'PASS'],
      ['azure-storage-secure-transfer', STORAGE_LEGACY_ID, 'FAIL'],
      ['azure-storage-secure-transfer', STORAGE_LOGS_ID, 'PASS'],
      ['azure-storage-shared-key-access', STORAGE_DATA_ID, 'PASS'],
      ['azure-storage-shared-key-access', STORAGE_LEGACY_ID, 'FAIL'],
      ['azure-storage-shared-key-access', STORAGE_LOGS_ID, 'PASS'],
      ['azure-storage-public-blob-access', STORAGE_DATA_ID, 'PASS'],
      ['azure-storage-public-blob-access', STORAGE_LEGACY_ID, 'FAIL'],
      ['azure-storage-public-blob-access', STORAGE_LOGS_ID, 'PASS'],
      ['azure-monitor-activity-log-immutable', SUBSCRIPTION, 'PASS'],
    ];
    expect(results.map((r) => [r.check, r.resourceId, r.status])).toEqual(expect.arrayContaining(expected));
    expect(results).toHaveLength(expected.length);
    const transfer = results.find(
      (r) => r.check === 'azure-storage-secure-transfer' && r.resourceId === STORAGE_LEGACY_ID,
    );
    expect(transfer?.reason).toBe('Storage account stlegacyuploads accepts plain HTTP and accepts TLS 1.0.');
  });

  it('leaves storage unread when the account list is denied, and every check says which permission', async () => {
    const { storage, errors } = await collect(
      answering(ACCOUNTS_PATH, authorizationFailed('Microsoft.Storage/storageAccounts/read', SUBSCRIPTION)),
    );
    expect(storage).toBeUndefined();
    expectDenied(errors, {
      service: 'Microsoft.Storage',
      operation: 'storageAccounts.list',
      permission: 'Microsoft.Storage/storageAccounts/read',
    });
    const results = evaluate(storage, errors);
    expect(results).toHaveLength(6);
    for (const result of results) {
      expect(result.status).toBe('UNKNOWN');
      expect(result.reason).toContain('Microsoft.Storage/storageAccounts/read');
    }
  });

  it("makes only the denied account's containers unknown, and the WORM check UNKNOWN", async () => {
    const { storage, errors } = await collect(
      answering(
        (r) => isContainerList(r, STORAGE_LOGS_ID),
        authorizationFailed(
          'Microsoft.Storage/storageAccounts/blobServices/containers/read',
          STORAGE_LOGS_ID,
        ),
      ),
    );
    expect(byId(storage, STORAGE_LOGS_ID)).toBeDefined();
    expect(byId(storage, STORAGE_LOGS_ID)).not.toHaveProperty('containers');
    expect(byId(storage, STORAGE_DATA_ID)?.containers).toHaveLength(2);
    expect(errors).toEqual([
      {
        service: 'Microsoft.Storage',
        operation: 'blobContainers.list',
        kind: 'AccessDenied',
        // The paged list keeps Azure's code, not its message.
        message: expect.stringContaining('AuthorizationFailed'),
        region: 'northeurope',
        resourceId: STORAGE_LOGS_ID,
        permission: 'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      },
    ]);
    const results = evaluate(storage, errors);
    const worm = results.find((r) => r.check === 'azure-monitor-activity-log-immutable');
    expect(worm?.status).toBe('UNKNOWN');
    expect(worm?.reason).toContain('Microsoft.Storage/storageAccounts/blobServices/containers/read');
    // The account settings were read: those checks still judge it.
    expect(statusOf(results, 'azure-storage-secure-transfer', STORAGE_LOGS_ID)).toBe('PASS');
  });

  it('treats a denied policy read as unread containers, recorded against the container', async () => {
    const action = 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read';
    const { storage, errors } = await collect(
      answering((r) => isPolicyRead(r, ACTIVITY_LOGS), authorizationFailed(action, ACTIVITY_LOGS)),
    );
    expect(byId(storage, STORAGE_LOGS_ID)).not.toHaveProperty('containers');
    expectDenied(errors, {
      operation: 'blobContainers.getImmutabilityPolicy',
      resourceId: ACTIVITY_LOGS,
      permission: action,
    });
    const worm = evaluate(storage, errors).find((r) => r.check === 'azure-monitor-activity-log-immutable');
    expect(worm?.status).toBe('UNKNOWN');
    expect(worm?.reason).toContain(action);
  });

  it("reads Azure's Deleted tombstone and a vanished container as no policy, without an error", async () => {
    // Older replies leave `hasImmutabilityPolicy` out, so the policy is read on its own.
    const unflagged = (r: AzureRequest) => {
      const reply = storageKeyVaultSubscription(r);
      if (!isContainerList(r, STORAGE_LOGS_ID)) return reply;
      const body = reply?.body as { value: { properties: Record<string, unknown> }[] };
      for (const c of body.value) delete c.properties.hasImmutabilityPolicy;
      return reply;
    };
    const tombstone = await collect((r) =>
      isPolicyRead(r, ACTIVITY_LOGS)
        ? noImmutabilityPolicy(STORAGE_LOGS_ID, 'insights-activity-logs')
        : unflagged(r),
    );
    expect(tombstone.errors).toEqual([]);
    expect(byId(tombstone.storage, STORAGE_LOGS_ID)?.containers).toEqual([
      { name: 'insights-activity-logs', immutabilityPolicy: null, hasLegalHold: false },
    ]);
    const worm = evaluate(tombstone.storage, tombstone.errors).find(
      (r) => r.check === 'azure-monitor-activity-log-immutable',
    );
    expect(worm?.status).toBe('FAIL');
    expect(worm?.reason).toContain('has no immutability policy');

    const vanished = await collect(
      answering(
        (r) => isPolicyRead(r, ACTIVITY_LOGS),
        armError(404, 'ContainerNotFound', 'The specified container does not exist.'),
      ),
    );
    expect(vanished.errors).toEqual([]);
    expect(byId(vanished.storage, STORAGE_LOGS_ID)?.containers?.[0]?.immutabilityPolicy).toBeNull();
  });

  it('follows nextLink across the pages of the account list', async () => {
    const { storage, calls } = await collect();
    const pages = calls.filter((c) => c.path === ACCOUNTS_PATH);
    expect(pages.map((c) => c.query.get('$skiptoken'))).toEqual([null, 'page-2']);
    expect(storage?.accounts).toHaveLength(3);
  });

  it('retries a throttled account list transparently', async () => {
    const { storage, errors, calls } = await collect(throttledOnce(ACCOUNTS_PATH));
    expect(errors).toEqual([]);
    expect(storage?.accounts).toHaveLength(3);
    expect(calls.filter((c) => c.path === ACCOUNTS_PATH && !c.query.get('$skiptoken'))).toHaveLength(2);
  });
});
