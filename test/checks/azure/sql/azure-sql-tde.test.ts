import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/sql/azure-sql-tde.js';
import type { SqlDatabase, SqlServer } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SERVER = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/payments';
const db = (
  name: string,
  transparentDataEncryption?: SqlDatabase['transparentDataEncryption'],
): SqlDatabase => ({
  id: `${SERVER}/databases/${name}`,
  name,
  transparentDataEncryption,
});
const server = (...databases: SqlDatabase[]): SqlServer => ({
  id: SERVER,
  name: 'payments',
  location: 'westeurope',
  databases,
});

describe('azure-sql-tde', () => {
  it('passes encrypted databases and fails unencrypted ones, skipping master', () => {
    const results = check.evaluate(
      azureSnapshot({
        sql: {
          servers: [server(db('ledger', 'Enabled'), db('reports', 'Disabled'), db('master', 'Disabled'))],
        },
      }),
    );
    expect(results).toMatchObject([
      { status: 'PASS', resourceId: `${SERVER}/databases/ledger`, resourceName: 'payments/ledger' },
      { status: 'FAIL', resourceId: `${SERVER}/databases/reports` },
    ]);
    expect(results[1]?.reason).toBe('Transparent data encryption is off for database payments/reports.');
  });

  it('is UNKNOWN for a database whose TDE state could not be read, naming the operation', () => {
    const snapshot = azureSnapshot({
      sql: { servers: [server(db('ledger'))] },
      errors: [
        accessDenied('Microsoft.Sql', 'transparentDataEncryptions.get', {
          resourceId: `${SERVER}/databases/ledger`,
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('transparentDataEncryptions.get');
    expect(result?.reason).toContain('payments/ledger');
  });

  it('is UNKNOWN for the subscription when SQL servers could not be listed', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Sql', 'servers.list', { permission: 'Microsoft.Sql/servers/read' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('Microsoft.Sql/servers/read');
  });
});
