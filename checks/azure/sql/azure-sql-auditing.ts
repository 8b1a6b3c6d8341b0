import { defineAzureCheck } from '../../../source/model/check.js';
import { azureUnreadReason, unreadSection } from '../../lib/azure.js';
import { fail, pass, unknown } from '../../lib/results.js';

const MIN_RETENTION_DAYS = 90;

export default defineAzureCheck({
  id: 'azure-sql-auditing',
  service: 'sql',
  title: 'Azure SQL servers audit database activity and keep it at least 90 days',
  severity: 'high',
  criteria: ['CC7.2', 'CC4.1'],
  risk: 'Without SQL auditing nobody can tell who read or changed payment data, and audit records kept for weeks do not cover an audit window of months.',
  remediation: {
    summary:
      'Turn on server-level auditing for every SQL server, sending to a Log Analytics workspace or to storage with retention of at least 90 days (0 keeps records forever).',
    snippet: {
      language: 'shell',
      code: `az sql server audit-policy update --resource-group <rg> --name <server> \\
  --state Enabled \\
  --log-analytics-target-state Enabled --log-analytics-workspace-resource-id <workspace-id> \\
  --blob-storage-target-state Enabled --storage-account <audit-storage-account> --retention-days 365`,
    },
  },
  effort: { baseHours: 1, perResourceHours: 1, maxHours: 8 },
  owner: 'Database administrator',
  evidence:
    'The auditing policy of each server at the window’s start and end, and audit records from the window’s first month, showing they were captured and kept throughout.',
  evaluate(snapshot) {
    if (!snapshot.sql) return unreadSection(snapshot, 'sqlServers');
    return snapshot.sql.servers.map((server) => {
      const where = { resourceName: server.name, region: server.location };
      const auditing = server.auditing;
      if (!auditing) {
        const query = { services: ['sql'], operation: 'audit', resourceId: server.id };
        return unknown(
          server.id,
          azureUnreadReason(snapshot, query, 'the auditing policy', {
            subject: `auditing on ${server.name}`,
          }),
          where,
        );
      }
      if (auditing.state === 'Disabled')
        return fail(server.id, `Auditing is off on SQL server ${server.name}.`, where);
      if (auditing.isAzureMonitorTargetEnabled)
        return pass(
          server.id,
          `SQL server ${server.name} audits to Azure Monitor, where the workspace's retention applies.`,
          where,
        );
      if (auditing.retentionDays === 0)
        return pass(
          server.id,
          `SQL server ${server.name} audits to storage and keeps records indefinitely.`,
          where,
        );
      if (auditing.retentionDays >= MIN_RETENTION_DAYS)
        return pass(
          server.id,
          `SQL server ${server.name} audits and keeps records for ${auditing.retentionDays} days.`,
          where,
        );
      return fail(
        server.id,
        `SQL server ${server.name} audits but keeps records only ${auditing.retentionDays} days (under ${MIN_RETENTION_DAYS}).`,
        where,
      );
    });
  },
});
