import { defineAwsCheck } from '../../../source/model/check.js';
import { trailOwnerNote, trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-cloudtrail-log-file-validation',
  service: 'cloudtrail',
  title: 'CloudTrail log file validation is on',
  severity: 'medium',
  criteria: ['CC7.2', 'CC2.1'],
  risk: 'Without digest files nobody can prove a log file was not edited or deleted after delivery, so the logs are weak evidence in an investigation or an audit.',
  remediation: {
    summary: 'Turn on log file validation so CloudTrail writes signed hourly digest files next to the logs.',
    snippet: {
      language: 'shell',
      code: 'aws cloudtrail update-trail --name <trail-name> --enable-log-file-validation\n# Later, prove integrity for a period:\naws cloudtrail validate-logs --trail-arn <trail-arn> --start-time <window-start>',
    },
  },
  effort: { baseHours: 0.5, perResourceHours: 0.25, maxHours: 2 },
  owner: 'Security engineer',
  evidence:
    'The trail setting across the window and a validate-logs run over the window showing every digest and log file intact.',
  evaluate(snapshot) {
    if (!snapshot.cloudtrail)
      return unreadService(snapshot, awsAccountId(snapshot), { service: 'cloudtrail' });
    return trailsOf(snapshot).map((trail) => {
      const where = { region: trail.homeRegion, resourceName: trail.name };
      return trail.logFileValidationEnabled
        ? pass(trail.arn, `Trail ${trail.name} writes signed digest files to validate its logs.`, where)
        : fail(
            trail.arn,
            `Trail ${trail.name} does not validate log files, so edited or deleted logs would go unnoticed.${trailOwnerNote(snapshot, trail)}`,
            where,
          );
    });
  },
});
