import { defineAwsCheck } from '../../../source/model/check.js';
import { trailOwnerNote, trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-cloudtrail-cloudwatch-delivery',
  service: 'cloudtrail',
  title: 'CloudTrail events reach CloudWatch Logs so they can raise alarms',
  severity: 'medium',
  criteria: ['CC7.2', 'CC7.3'],
  risk: 'Logs that only land in a bucket are read after the damage is done; root logins, policy changes or a stopped trail raise no alarm that someone has to evaluate.',
  remediation: {
    summary:
      'Send each trail to a CloudWatch Logs group, then add metric filters and alarms for root use, IAM and security-group changes, console sign-in failures and CloudTrail changes (or forward to your SIEM).',
    snippet: {
      language: 'shell',
      code: [
        'aws logs create-log-group --log-group-name cloudtrail/audit',
        'aws logs put-retention-policy --log-group-name cloudtrail/audit --retention-in-days 365',
        'aws cloudtrail update-trail --name <trail-name> \\',
        '  --cloud-watch-logs-log-group-arn arn:aws:logs:<region>:<account-id>:log-group:cloudtrail/audit:* \\',
        '  --cloud-watch-logs-role-arn arn:aws:iam::<account-id>:role/CloudTrailToCloudWatchLogs',
      ].join('\n'),
    },
  },
  effort: { baseHours: 2, perResourceHours: 1, maxHours: 8 },
  owner: 'Security engineer',
  evidence:
    'The trail-to-log-group setting, the alarm definitions, and alarm notifications or tickets raised during the window showing someone evaluated them.',
  evaluate(snapshot) {
    if (!snapshot.cloudtrail)
      return unreadService(snapshot, awsAccountId(snapshot), { service: 'cloudtrail' });
    return trailsOf(snapshot).map((trail) => {
      const where = { region: trail.homeRegion, resourceName: trail.name };
      return trail.cloudWatchLogsLogGroupArn
        ? pass(
            trail.arn,
            `Trail ${trail.name} delivers to CloudWatch Logs (${trail.cloudWatchLogsLogGroupArn}).`,
            where,
          )
        : fail(
            trail.arn,
            `Trail ${trail.name} does not deliver to CloudWatch Logs, so its events cannot raise alarms.${trailOwnerNote(snapshot, trail)}`,
            where,
          );
    });
  },
});
