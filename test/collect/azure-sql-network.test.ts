import { describe, expect, it } from 'vitest';
import nsgOpenAdminPorts from '../../checks/azure/network/azure-network-nsg-open-admin-ports.js';
import sqlAuditing from '../../checks/azure/sql/azure-sql-auditing.js';
import sqlTde from '../../checks/azure/sql/azure-sql-tde.js';
import { collectNetwork } from '../../source/collect/azure/network.js';
import { collectSql } from '../../source/collect/azure/sql.js';
import {
  azureWirePerTest,
  expectDenied,
  expectOnlyGets,
  expectUnjudged,
  statusByResource,
  wireSnapshot,
} from './azure-harness.js';
import {
  answering,
  armError,
  authorizationFailed,
  SUBSCRIPTION,
  throttledOnce,
  twoPages,
  type AzureHandler,
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
  SQL_SERVERS,
  sqlNetworkSubscription,
  sqlServerResource,
} from './fixtures/azure-sql-network.js';

const SERVERS_PATH = `${SUBSCRIPTION}/providers/Microsoft.Sql/servers`;
const NSGS_PATH = `${SUBSCRIPTION}/providers/Microsoft.Network/networkSecurityGroups`;
const LEDGER_DB = `${SQL_PROD_ID}/databases/ledger`;
const REPORTS_DB = `${SQL_DEV_ID}/databases/reports`;

const wire = azureWirePerTest(sqlNetworkSubscription);

/** Collects SQL and network from the fixture subscription; `override` answers first when it answers. */
async function collect(override?: AzureHandler) {
  const { section, errors, calls } = await wire.collect(
    (ctx) => Promise.all([collectSql(ctx), collectNetwork(ctx)]),
    override,
  );
  const [sql, network] = section;
  const snapshot = wireSnapshot({ errors, ...(sql ? { sql } : {}), ...(network ? { network } : {}) });
  return { sql, network, errors, snapshot, calls };
}

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
    expectOnlyGets(calls);
  });

  it('gives the checks the shape they read: one PASS and one FAIL per check', async () => {
    const { snapshot } = await collect();
    expect(statusByResource(sqlAuditing.evaluate(snapshot))).toEqual({
      [SQL_PROD_ID]: 'PASS',
      [SQL_DEV_ID]: 'FAIL',
    });
    expect(statusByResource(sqlTde.evaluate(snapshot))).toEqual({
      [LEDGER_DB]: 'PASS',
      [REPORTS_DB]: 'FAIL',
    });
    const nsg = nsgOpenAdminPorts.evaluate(snapshot);
    expect(statusByResource(nsg)).toEqual({
      [NSG_APP_ID]: 'PASS',
      [NSG_JUMPBOX_ID]: 'FAIL',
      [NSG_SPARE_ID]: 'PASS',
    });
    expect(nsg.find((r) => r.resourceId === NSG_JUMPBOX_ID)?.reason).toContain(
      "'allow-remote-admin' (ports 22 and 3389)",
    );
  });
});

describe('when the primary list is denied', () => {
  it('leaves SQL out, records servers.list with its permission, and the checks say UNKNOWN naming it', async () => {
    const { sql, network, errors, snapshot } = await collect(
      answering(SERVERS_PATH, authorizationFailed('Microsoft.Sql/servers/read', SUBSCRIPTION)),
    );
    expect(sql).toBeUndefined();
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expectDenied(errors, {
      service: 'Microsoft.Sql',
      operation: 'servers.list',
      permission: 'Microsoft.Sql/servers/read',
    });
    expect(errors[0]).not.toHaveProperty('resourceId');
    for (const check of [sqlAuditing, sqlTde])
      expectUnjudged(check.evaluate(snapshot), 'missing Microsoft.Sql/servers/read');
  });

  it('leaves the network out, records networkSecurityGroups.listAll, and the check says UNKNOWN', async () => {
    const { network, sql, errors, snapshot } = await collect(
      answering(NSGS_PATH, authorizationFailed('Microsoft.Network/networkSecurityGroups/read', SUBSCRIPTION)),
    );
    expect(network).toBeUndefined();
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expectDenied(errors, {
      service: 'Microsoft.Network',
      operation: 'networkSecurityGroups.listAll',
      permission: 'Microsoft.Network/networkSecurityGroups/read',
    });
    expectUnjudged(
      nsgOpenAdminPorts.evaluate(snapshot),
      'missing Microsoft.Network/networkSecurityGroups/read',
    );
  });
});

describe('when a per-resource read is denied', () => {
  it("leaves that server's auditing unread and the check UNKNOWN for that server only", async () => {
    const { sql, errors, snapshot } = await collect(
      answering(
        (r) => is(r.path, 'sql-reporting-dev/auditingSettings'),
        authorizationFailed('Microsoft.Sql/servers/auditingSettings/read', SQL_DEV_ID),
      ),
    );
    const dev = sql?.servers.find((s) => s.id === SQL_DEV_ID);
    expect(dev).toBeDefined();
    expect(dev?.auditing).toBeUndefined();
    expect(dev?.databases).toEqual(EXPECTED_SQL.servers[1]?.databases);
    expectDenied(errors, {
      service: 'Microsoft.Sql',
      operation: 'serverBlobAuditingPolicies.get',
      resourceId: SQL_DEV_ID,
      permission: 'Microsoft.Sql/servers/auditingSettings/read',
    });
    const results = sqlAuditing.evaluate(snapshot);
    expect(statusByResource(results)).toEqual({ [SQL_PROD_ID]: 'PASS', [SQL_DEV_ID]: 'UNKNOWN' });
    expect(results.find((r) => r.resourceId === SQL_DEV_ID)?.reason).toContain(
      'Microsoft.Sql/servers/auditingSettings/read',
    );
  });

  it("leaves that database's TDE unread, naming the permission when Azure does not", async () => {
    const { sql, errors, snapshot } = await collect(
      answering(
        (r) => is(r.path, '/databases/ledger/transparentDataEncryption'),
        armError(
          403,
          'AuthorizationFailed',
          'The client does not have authorization to perform this action.',
        ),
      ),
    );
    expect(sql?.servers[0]?.databases).toStrictEqual([{ id: LEDGER_DB, name: 'ledger' }]);
    expectDenied(errors, {
      service: 'Microsoft.Sql',
      operation: 'transparentDataEncryptions.get',
      resourceId: LEDGER_DB,
      permission: 'Microsoft.Sql/servers/databases/transparentDataEncryption/read',
    });
    const results = sqlTde.evaluate(snapshot);
    expect(statusByResource(results)).toEqual({ [LEDGER_DB]: 'UNKNOWN', [REPORTS_DB]: 'FAIL' });
    expect(results.find((r) => r.resourceId === LEDGER_DB)?.reason).toContain(
      'transparentDataEncryptions.get',
    );
  });

  it('records a denied database list against the server, keeps its auditing, and the TDE check says UNKNOWN for it', async () => {
    const { sql, errors, snapshot } = await collect(
      answering(
        (r) => is(r.path, 'sql-ledger-prod/databases') && !is(r.path, 'transparent'),
        authorizationFailed('Microsoft.Sql/servers/databases/read', SQL_PROD_ID),
      ),
    );
    expect(sql?.servers[0]).toMatchObject({ id: SQL_PROD_ID, auditing: { state: 'Enabled' } });
    expect(sql?.servers[0]?.databases).toBeUndefined();
    const results = sqlTde.evaluate(snapshot);
    expect(results.find((r) => r.resourceId === SQL_PROD_ID)).toMatchObject({ status: 'UNKNOWN' });
    expect(results.find((r) => r.resourceId === SQL_PROD_ID)?.reason).toContain(
      'Microsoft.Sql/servers/databases/read',
    );
    expectDenied(errors, {
      operation: 'databases.listByServer',
      resourceId: SQL_PROD_ID,
      permission: 'Microsoft.Sql/servers/databases/read',
    });
  });
});

describe('paging and throttling', () => {
  it('follows nextLink across two pages of servers and of NSGs', async () => {
    const servers = SQL_SERVERS.map(sqlServerResource);
    const nsgs = NSGS.map(nsgResource);
    const serverPages = answering(SERVERS_PATH, (r) => twoPages(r, servers, 1));
    const nsgPages = answering(NSGS_PATH, (r) => twoPages(r, nsgs, 2));
    const { sql, network, errors, calls } = await collect((r) => serverPages(r) ?? nsgPages(r));
    expect(errors).toEqual([]);
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expect(calls.filter((c) => c.query.get('$skiptoken') === 'page-2').map((c) => c.path)).toEqual(
      expect.arrayContaining([SERVERS_PATH, NSGS_PATH]),
    );
  });

  it('drops a list whose second page fails rather than passing a partial one', async () => {
    const nsgs = NSGS.map(nsgResource);
    const { network, errors } = await collect(
      answering(NSGS_PATH, (r) =>
        r.query.get('$skiptoken') === 'page-2'
          ? armError(500, 'InternalServerError', 'boom')
          : twoPages(r, nsgs, 1),
      ),
    );
    expect(network).toBeUndefined();
    expect(errors).toMatchObject([
      { service: 'Microsoft.Network', operation: 'networkSecurityGroups.listAll' },
    ]);
  });

  it('retries a 429 with Retry-After transparently', async () => {
    const { sql, network, errors, calls } = await collect(
      throttledOnce(SERVERS_PATH, NSGS_PATH, (r) => is(r.path, 'sql-ledger-prod/auditingSettings')),
    );
    expect(errors).toEqual([]);
    expect(sql).toStrictEqual(EXPECTED_SQL);
    expect(network).toStrictEqual(EXPECTED_NETWORK);
    expect(calls.filter((c) => c.path === SERVERS_PATH)).toHaveLength(2);
    expect(calls.filter((c) => c.path === NSGS_PATH)).toHaveLength(2);
  });
});
