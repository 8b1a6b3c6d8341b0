import { defineAwsCheck } from '../../../source/model/check.js';
import { classifyLogGroups } from '../../lib/aws-logging.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

const MIN_DAYS = 90;

export default defineAwsCheck({
  id: 'aws-logs-log-group-retention',
  service: 'logs',
  title: `Application log groups keep events at least ${MIN_DAYS} days`,
  severity: 'low',
  criteria: ['CC7.2'],
  risk: 'Application and service logs that vanish within weeks cannot help reconstruct an incident or answer an auditor asking what happened earlier in the window.',
  remediation: {
    summary: `Give every log group a retention of at least ${MIN_DAYS} days; set it in the code that creates the group so new groups do not default to short or ad-hoc values.`,
    snippet: {
      language: 'terraform',
      code: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/app/payments-api"\n  retention_in_days = 90\n}',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.1, maxHours: 4 },
  owner: 'Cloud platform engineer',
  evidence: 'The retention setting of each log group, exported at the start and end of the window.',
  evaluate(snapshot) {
    if (!snapshot.logs) return unreadService(snapshot, awsAccountId(snapshot), { service: 'logs' });
    // Audit log groups are judged by aws-logs-audit-log-group-retention, at a higher severity.
    return classifyLogGroups(snapshot).other.map((group) => {
      const where = { region: group.region, resourceName: group.name };
      const days = group.retentionInDays;
      if (days !== null && days < MIN_DAYS)
        return fail(group.arn, `Log group ${group.name} keeps events for only ${days} days.`, where);
      const kept = days === null ? 'never expires its events' : `keeps events for ${days} days`;
      return pass(group.arn, `Log group ${group.name} ${kept}.`, where);
    });
  },
});
