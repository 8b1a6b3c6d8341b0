import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/sql/azure-sql-auditing.js';
import type { SqlServer } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const server = (name: string, auditing: SqlServer['auditing']): SqlServer => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/${name}`,
  name,
  location: 'westeurope',
  auditing,
  databases: [],
});

const evaluate = (...servers: SqlServer[]) => check.evaluate(azureSnapshot({ sql: { servers } }));

describe('azure-sql-auditing', () => {
  it('passes auditing kept 90 days or more, forever (0), or sent to Azure Monitor', () => {
    const results = evaluate(
      server('keeps-120', {
        state: 'Enabled',
        retentionDays: 120,
        storageEndpoint: 'https://a.blob.core.windows.net',
      }),
      server('keeps-90', { state: 'Enabled', retentionDays: 90 }),
      server('forever', { state: 'Enabled', retentionDays: 0 }),
      server('monitor', { state: 'Enabled', retentionDays: 7, isAzureMonitorTargetEnabled: true }),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(results[0]).toMatchObject({ region: 'westeurope', resourceName: 'keeps-120' });
  });

  it('fails auditing that is off, and auditing kept under 90 days, saying which', () => {
    const [off, short] = evaluate(
      server('off', { state: 'Disabled', retentionDays: 0 }),
      server('short', { state: 'Enabled', retentionDays: 30 }),
    );
    expect(off).toMatchObject({ status: 'FAIL', reason: 'Auditing is off on SQL server off.' });
    expect(short?.status).toBe('FAIL');
    expect(short?.reason).toContain('only 30 days');
  });

  it('is UNKNOWN for a server whose auditing policy could not be read', () => {
    const s = server('locked', undefined);
    const snapshot = azureSnapshot({
      sql: { servers: [s] },
      errors: [accessDenied('Microsoft.Sql', 'serverBlobAuditingPolicies.get', { resourceId: s.id })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: s.id });
    expect(result?.reason).toContain('serverBlobAuditingPolicies.get');
    expect(result?.reason).toContain('locked');
  });

  it('is UNKNOWN for the subscription when SQL servers could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Sql', 'servers.list')] });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'UNKNOWN', resourceId: '/subscriptions/00000000-0000-0000-0000-00000000bbbb' },
    ]);
  });
});
