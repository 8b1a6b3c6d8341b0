import { defineAzureCheck } from '../../../source/model/check.js';
import { azureUnreadReason, unreadSection } from '../../lib/azure.js';
import { fail, pass, unknown } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-sql-tde',
  service: 'sql',
  title: 'Azure SQL databases are encrypted at rest with transparent data encryption',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  risk: 'Without transparent data encryption, database files, backups and logs hold customer data in the clear for anyone who gets a copy of them.',
  remediation: {
    summary:
      'Turn transparent data encryption on for every user database (it is online and transparent to applications).',
    snippet: {
      language: 'shell',
      code: 'az sql db tde set --resource-group <rg> --server <server> --database <database> --status Enabled',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 6 },
  owner: 'Database administrator',
  evidence:
    'The TDE state of each database at the window’s start and end, and Activity Log entries showing no one turned it off in between.',
  evaluate(snapshot) {
    if (!snapshot.sql) return unreadSection(snapshot, 'sqlServers');
    return snapshot.sql.servers.flatMap((server) => {
      if (!server.databases) {
        const query = { services: ['sql'], operation: 'databases', resourceId: server.id };
        return [
          unknown(
            server.id,
            azureUnreadReason(snapshot, query, 'the databases', {
              subject: `encryption of the databases on ${server.name}`,
            }),
            { resourceName: server.name, region: server.location },
          ),
        ];
      }
      // master holds no customer data and its encryption is not configurable.
      return server.databases
        .filter((db) => db.name.toLowerCase() !== 'master')
        .map((db) => {
          const name = `${server.name}/${db.name}`;
          const where = { resourceName: name, region: server.location };
          if (db.transparentDataEncryption === undefined) {
            const query = { services: ['sql'], operation: 'transparentDataEncryption', resourceId: db.id };
            return unknown(
              db.id,
              azureUnreadReason(snapshot, query, 'the TDE state', { subject: `encryption of ${name}` }),
              where,
            );
          }
          return db.transparentDataEncryption === 'Enabled'
            ? pass(db.id, `Database ${name} is encrypted with transparent data encryption.`, where)
            : fail(db.id, `Transparent data encryption is off for database ${name}.`, where);
        });
    });
  },
});
