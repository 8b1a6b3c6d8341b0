import type { LogGroup } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { classifyLogGroups, describeSources, logGroupArnOf } from '../../lib/aws-logging.js';
import { fail, pass, unknown, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

const MIN_DAYS = 90;
const RECOMMENDED_DAYS = 365;

export default defineAwsCheck({
  id: 'aws-logs-audit-log-group-retention',
  service: 'logs',
  title: `Audit log groups keep events at least ${MIN_DAYS} days`,
  severity: 'high',
  criteria: ['CC7.2', 'CC7.3'],
  risk: 'CloudTrail, flow-log and security events kept in CloudWatch for a few days are gone before an incident is noticed or an auditor samples the window.',
  remediation: {
    summary: `Set the retention of every log group receiving CloudTrail, VPC flow logs or security events to at least ${RECOMMENDED_DAYS} days (${MIN_DAYS} at the very least).`,
    snippet: {
      language: 'shell',
      code: 'aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 365',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.25, maxHours: 4 },
  owner: 'Cloud platform engineer',
  evidence:
    'The retention setting of each audit log group across the window, and events queried from the first month of the window.',
  evaluate(snapshot) {
    if (!snapshot.logs) return unreadService(snapshot, awsAccountId(snapshot), { service: 'logs' });
    const { audit, missing } = classifyLogGroups(snapshot);
    const missingResults = missing.map((destination) =>
      unknown(
        logGroupArnOf(snapshot, destination.name, destination.region),
        `Log group ${destination.name}${destination.region ? ` in ${destination.region}` : ''} (receives ${describeSources(destination.sources)}) is not in this snapshot: it may have been deleted, or its region was not collected.`,
        { resourceName: destination.name, ...(destination.region ? { region: destination.region } : {}) },
      ),
    );
    return [...audit.map(({ group, why }) => assessRetention(group, why)), ...missingResults];
  },
});

function assessRetention(group: LogGroup, why: string): CheckResult {
  const where = { region: group.region, resourceName: group.name };
  const days = group.retentionInDays;
  const subject = `Log group ${group.name} (${why})`;
  if (days === null) return pass(group.arn, `${subject} never expires its events.`, where);
  if (days < MIN_DAYS)
    return fail(
      group.arn,
      `${subject} keeps events for only ${days} days, under the ${MIN_DAYS}-day minimum.`,
      where,
    );
  const advice = days < RECOMMENDED_DAYS ? `; ${RECOMMENDED_DAYS} days is recommended` : '';
  return pass(group.arn, `${subject} keeps events for ${days} days${advice}.`, where);
}
