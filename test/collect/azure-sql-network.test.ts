import { afterEach, describe, expect, it } from 'vitest';
import nsgOpenAdminPorts from '../../checks/azure/network/azure-network-nsg-open-admin-ports.js';
import sqlAuditing from '../../checks/azure/sql/azure-sql-auditing.js';
import sqlTde from '../../checks/azure/sql/azure-sql-tde.js';
import { collectNetwork } from '../../source/collect/azure/network.js';
import { collectSql } from '../../source/collect/azure/sql.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';
import { azureSnapshot } from '../fixtures/snapshots.js';
import {
  armError,
  armList,
  authorizationFailed,
  azureContext,
  azureWire,
  SUBSCRIPTION_ID,
  TENANT_ID,
  type AzureHandler,
  type AzureReply,
  type AzureWire,
} from './azure-wire.js';
import {
  APP_SUBNET_ID,
  JUMPBOX_NIC_ID,
  NSG_APP_ID,
  NSG_JUMPBOX_ID,
  NSG_SPARE_ID,
  NSGS,
  nsgResource,
  SQL_DEV_ID,
  SQL_PROD_ID,
  sqlNetworkSubscription,
} from './fixtures/azure-sql-network.js';

const SUBSCRIPTION = `/subscriptions/${SUBSCRIPTION_ID}`;
const SERVERS_PATH = `${SUBSCRIPTION}/providers/Microsoft.Sql/servers`;
const NSGS_PATH = `${SUBSCRIPTION}/providers/Microsoft.Network/networkSecurityGroups`;
const LEDGER_DB = `${SQL_PROD_ID}/databases/ledger`;
const REPORTS_DB = `${SQL_DEV_ID}/databases/reports`;

let wire: AzureWire | undefined;

afterEach(async () => {
  await wire?.close();
  wire = undefined;
});

/** Collects SQL and network from the fixture subscription; `override` answers first when it answers. */
async function collect(override?: AzureHandler) {
  wire = await azureWire((request) => override?.(request) ?? sqlNetworkSubscription(request));
  const ctx = azureContext(wire);
  const [sql, network] = await Promise.all([collectSql(ctx), collectNetwork(ctx)]);
  const snapshot: AzureSnapshot = azureSnapshot({
    tenantId: TENANT_ID,
    subscriptionId: SUBSCRIPTION_ID,
    errors: ctx.errors,
    ...(sql ? { sql } : {}),
    ...(network ? { network } : {}),
  });
  return { sql, network, errors: ctx.errors, snapshot, calls: wire.calls };
}

const statuses = (results: { resourceId: string; status: string }[]) =>
  Object.fromEntries(results.map((r) => [r.resourceId, r.status]));

const is = (path: string, fragment: string) => path.toLowerCase().includes(fragment.toLowerCase());

const EXPECTED_SQL = {
  servers: [
    {
      id: SQL_PROD_ID,
      name: 'sql-ledger-prod',
      location: 'westeurope',
      tags: { environment: 'production', owner: 'payments' },
      auditing: {
        state: 'Enabled',
        retentionDays: 180,
        storageEndpoint: 'https://stledgeraudit.blob.core.windows.net/',
        isAzureMonitorTargetEnabled: false,
      },
      databases: [{ id: LEDGER_DB, name: 'ledger', transparentDataEncryption: 'Enabled' }],
    },
    {
      id: SQL_DEV_ID,
      name: 'sql-reporting-dev',
      location: 'northeurope',
      // Never configured: Azure answers Disabled with no storage target, which is read, not an error.
      auditing: { state: 'Disabled', retentionDays: 0, isAzureMonitorTargetEnabled: false },
      databases: [{ id: REPORTS_DB, name: 'reports', transparentDataEncryption: 'Disabled' }],
    },
  ],
};

const rule = (name: string, priority: number, sources: string[], ports: string[], extra = {}) => ({
  name,
  direction: 'Inbound',
  access: 'Allow',
  priority,
  protocol: 'Tcp',
  sourceAddressPrefixes: sources,
  destinationPortRanges: ports,
  ...extra,
});

const EXPECTED_NETWORK = {
  networkSecurityGroups: [
    {
      id: NSG_APP_ID,
      name: 'nsg-app',
      location: 'westeurope',
      tags: { environment: 'production' },
      securityRules: [
        rule('allow-https', 100, ['Internet'], ['443']),
        rule('allow-ssh-admin', 110, ['10.20.0.0/24', '10.20.1.0/24'], ['22']),
        rule('allow-dns-out', 200, ['*'], ['53'], { direction: 'Outbound', protocol: 'Udp' }),
      ],
      attachedTo: [APP_SUBNET_ID],
    },
    {
      id: NSG_JUMPBOX_ID,
      name: 'nsg-jumpbox',
      location: 'westeurope',
      securityRules: [rule('allow-remote-admin', 300, ['*'], ['22', '3389'])],
      attachedTo: [JUMPBOX_NIC_ID],
    },
    { id: NSG_SPARE_ID, name: 'nsg-spare', location: 'northeurope', securityRules: [], attachedTo: [] },
  ],
};

describe('collectSql and collectNetwork on the fixture subscription', () => {
  it('reads servers, auditing, user databases with TDE, and NSGs with their custom rules', async () => {
    const { sql, network, errors, calls } = await collect();
    expect(errors).toEqual([]);
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    // master is skipped, so its encryption is never asked for.
    expect(calls.some((c) => is(c.path, '/databases/master/'))).toBe(false);
  });

  it('makes only GET requests', async () => {
    const { calls } = await collect();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('gives the checks the shape they read: one PASS and one FAIL per check', async () => {
    const { snapshot } = await collect();
    expect(statuses(sqlAuditing.evaluate(snapshot))).toEqual({ [SQL_PROD_ID]: 'PASS', [SQL_DEV_ID]: 'FAIL' });
    expect(statuses(sqlTde.evaluate(snapshot))).toEqual({ [LEDGER_DB]: 'PASS', [REPORTS_DB]: 'FAIL' });
    const nsg = nsgOpenAdminPorts.evaluate(snapshot);
    expect(statuses(nsg)).toEqual({ [NSG_APP_ID]: 'PASS', [NSG_JUMPBOX_ID]: 'FAIL', [NSG_SPARE_ID]: 'PASS' });
    expect(nsg.find((r) => r.resourceId === NSG_JUMPBOX_ID)?.reason).toContain(
      "'allow-remote-admin' (ports 22 and 3389)",
    );
  });
});

describe('when the primary list is denied', () => {
  it('leaves SQL out, records servers.list with its permission, and the checks say UNKNOWN naming it', async () => {
    const { sql, network, errors, snapshot } = await collect((r) =>
      r.path === SERVERS_PATH ? authorizationFailed('Microsoft.Sql/servers/read', SUBSCRIPTION) : undefined,
    );
    expect(sql).toBeUndefined();
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'Microsoft.Sql',
        operation: 'servers.list',
        kind: 'AccessDenied',
        permission: 'Microsoft.Sql/servers/read',
      }),
    ]);
    expect(errors[0]).not.toHaveProperty('resourceId');
    for (const check of [sqlAuditing, sqlTde]) {
      const results = check.evaluate(snapshot);
      expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: SUBSCRIPTION }]);
      expect(results[0]?.reason).toContain('missing Microsoft.Sql/servers/read');
    }
  });

  it('leaves the network out, records networkSecurityGroups.listAll, and the check says UNKNOWN', async () => {
    const { network, sql, errors, snapshot } = await collect((r) =>
      r.path === NSGS_PATH
        ? authorizationFailed('Microsoft.Network/networkSecurityGroups/read', SUBSCRIPTION)
        : undefined,
    );
    expect(network).toBeUndefined();
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'Microsoft.Network',
        operation: 'networkSecurityGroups.listAll',
        kind: 'AccessDenied',
        permission: 'Microsoft.Network/networkSecurityGroups/read',
      }),
    ]);
    const results = nsgOpenAdminPorts.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: SUBSCRIPTION }]);
    expect(results[0]?.reason).toContain('missing Microsoft.Network/networkSecurityGroups/read');
  });
});

describe('when a per-resource read is denied', () => {
  it("leaves that server's auditing unread and the check UNKNOWN for that server only", async () => {
    const { sql, errors, snapshot } = await collect((r) =>
      is(r.path, 'sql-reporting-dev/auditingSettings')
        ? authorizationFailed('Microsoft.Sql/servers/auditingSettings/read', SQL_DEV_ID)
        : undefined,
    );
    const dev = sql?.servers.find((s) => s.id === SQL_DEV_ID);
    expect(dev).toBeDefined();
    expect(dev?.auditing).toBeUndefined();
    expect(dev?.databases).toEqual(EXPECTED_SQL.servers[1]?.databases);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'Microsoft.Sql',
        operation: 'serverBlobAuditingPolicies.get',
        kind: 'AccessDenied',
        resourceId: SQL_DEV_ID,
        permission: 'Microsoft.Sql/servers/auditingSettings/read',
      }),
    ]);
    const results = sqlAuditing.evaluate(snapshot);
    expect(statuses(results)).toEqual({ [SQL_PROD_ID]: 'PASS', [SQL_DEV_ID]: 'UNKNOWN' });
    expect(results.find((r) => r.resourceId === SQL_DEV_ID)?.reason).toContain(
      'Microsoft.Sql/servers/auditingSettings/read',
    );
  });

  it("leaves that database's TDE unread, naming the permission when Azure does not", async () => {
    const { sql, errors, snapshot } = await collect((r) =>
      is(r.path, '/databases/ledger/transparentDataEncryption')
        ? armError(
            403,
            'AuthorizationFailed',
            'The client does not have authorization to perform this action.',
          )
        : undefined,
    );
    expect(sql?.servers[0]?.databases).toStrictEqual([{ id: LEDGER_DB, name: 'ledger' }]);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'Microsoft.Sql',
        operation: 'transparentDataEncryptions.get',
        kind: 'AccessDenied',
        resourceId: LEDGER_DB,
        permission: 'Microsoft.Sql/servers/databases/transparentDataEncryption/read',
      }),
    ]);
    const results = sqlTde.evaluate(snapshot);
    expect(statuses(results)).toEqual({ [LEDGER_DB]: 'UNKNOWN', [REPORTS_DB]: 'FAIL' });
    expect(results.find((r) => r.resourceId === LEDGER_DB)?.reason).toContain(
      'transparentDataEncryptions.get',
    );
  });

  it('records a denied database list against the server, keeps its auditing, and the TDE check says UNKNOWN for it', async () => {
    const { sql, errors } = await collect((r) =>
      is(r.path, 'sql-ledger-prod/databases') && !is(r.path, 'transparent')
        ? authorizationFailed('Microsoft.Sql/servers/databases/read', SQL_PROD_ID)
        : undefined,
    );
    expect(sql?.servers[0]).toMatchObject({ id: SQL_PROD_ID, auditing: { state: 'Enabled' } });
    expect(sql?.servers[0]?.databases).toBeUndefined();
    const snapshot = azureSnapshot({ sql: sql!, errors });
    const results = sqlTde.evaluate(snapshot);
    expect(results.find((r) => r.resourceId === SQL_PROD_ID)).toMatchObject({ status: 'UNKNOWN' });
    expect(results.find((r) => r.resourceId === SQL_PROD_ID)?.reason).toContain(
      'Microsoft.Sql/servers/databases/read',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'databases.listByServer',
        kind: 'AccessDenied',
        resourceId: SQL_PROD_ID,
        permission: 'Microsoft.Sql/servers/databases/read',
      }),
    ]);
  });
});

/** Answers the list at `path` in two pages, the second behind an absolute nextLink on the wire. */
function twoPages(path: string, first: unknown[], second: unknown[]): AzureHandler {
  return (r) => {
    if (r.path !== path) return undefined;
    if (r.query.get('$skiptoken') === 'page2') return armList(second);
    return armList(first, `${wire?.url}${path}?api-version=${r.query.get('api-version')}&$skiptoken=page2`);
  };
}

describe('paging and throttling', () => {
  it('follows nextLink across two pages of servers and of NSGs', async () => {
    const servers = (await fixtureList(SERVERS_PATH)) as unknown[];
    const nsgs = NSGS.map(nsgResource);
    const serverPages = twoPages(SERVERS_PATH, servers.slice(0, 1), servers.slice(1));
    const nsgPages = twoPages(NSGS_PATH, nsgs.slice(0, 2), nsgs.slice(2));
    const { sql, network, errors, calls } = await collect((r) => serverPages(r) ?? nsgPages(r));
    expect(errors).toEqual([]);
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expect(calls.filter((c) => c.query.get('$skiptoken') === 'page2').map((c) => c.path)).toEqual(
      expect.arrayContaining([SERVERS_PATH, NSGS_PATH]),
    );
  });

  it('drops a list whose second page fails rather than passing a partial one', async () => {
    const nsgs = NSGS.map(nsgResource);
    const pages = twoPages(NSGS_PATH, nsgs.slice(0, 1), []);
    const { network, errors } = await collect((r) =>
      r.query.get('$skiptoken') === 'page2' ? armError(500, 'InternalServerError', 'boom') : pages(r),
    );
    expect(network).toBeUndefined();
    expect(errors).toMatchObject([
      { service: 'Microsoft.Network', operation: 'networkSecurityGroups.listAll' },
    ]);
  });

  it('retries a 429 with Retry-After transparently', async () => {
    const throttled = new Set<string>();
    const once = (r: { path: string }): AzureReply | undefined => {
      const key = r.path.toLowerCase();
      const target =
        r.path === SERVERS_PATH || r.path === NSGS_PATH || is(r.path, 'sql-ledger-prod/auditingSettings');
      if (!target || throttled.has(key)) return undefined;
      throttled.add(key);
      return {
        status: 429,
        headers: { 'Retry-After': '0' },
        body: { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } },
      };
    };
    const { sql, network, errors, calls } = await collect(once);
    expect(errors).toEqual([]);
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expect(calls.filter((c) => c.path === SERVERS_PATH)).toHaveLength(2);
    expect(calls.filter((c) => c.path === NSGS_PATH)).toHaveLength(2);
  });
});

/** The body value the fixture serves at `path`. */
async function fixtureList(path: string): Promise<unknown> {
  const reply = sqlNetworkSubscription({
    method: 'GET',
    path,
    query: new URLSearchParams(),
    headers: {},
    body: '',
  });
  return (reply?.body as { value: unknown[] }).value;
}
