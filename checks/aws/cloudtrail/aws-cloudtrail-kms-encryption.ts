import { defineAwsCheck } from '../../../source/model/check.js';
import { trailOwnerNote, trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-cloudtrail-kms-encryption',
  service: 'cloudtrail',
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'medium',
  criteria: ['CC6.1', 'CC7.2'],
  risk: 'Audit logs reveal the whole estate; with only S3-managed encryption anyone who can read the bucket can read them, and there is no separate key permission or key-use record guarding them.',
  remediation: {
    summary:
      'Encrypt each trail with a customer-managed KMS key whose policy lets CloudTrail encrypt and only the security team decrypt.',
    snippet: {
      language: 'shell',
      code: '# The key policy must allow cloudtrail.amazonaws.com to call kms:GenerateDataKey*.\naws cloudtrail update-trail --name <trail-name> --kms-key-id <kms-key-arn>',
    },
  },
  effort: { baseHours: 3, perResourceHours: 0.5, maxHours: 6 },
  owner: 'Security engineer',
  evidence:
    'The trail configuration showing the KMS key through the window, and the key policy limiting who may decrypt the logs.',
  evaluate(snapshot) {
    if (!snapshot.cloudtrail)
      return unreadService(snapshot, awsAccountId(snapshot), { service: 'cloudtrail' });
    return trailsOf(snapshot).map((trail) => {
      const where = { region: trail.homeRegion, resourceName: trail.name };
      return trail.kmsKeyId
        ? pass(trail.arn, `Trail ${trail.name} encrypts its logs with KMS key ${trail.kmsKeyId}.`, where)
        : fail(
            trail.arn,
            `Trail ${trail.name} does not encrypt its logs with a KMS key.${trailOwnerNote(snapshot, trail)}`,
            where,
          );
    });
  },
});
