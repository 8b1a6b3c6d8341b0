import type { AwsSnapshot, S3Bucket } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { assessAuditBuckets } from '../../lib/aws-logging.js';
import { bucketWhere } from '../../lib/aws-s3.js';
import { fail, pass, unknownResource } from '../../lib/results.js';

const MIN_DAYS = 90;
const RECOMMENDED_DAYS = 365;

export default defineAwsCheck({
  id: 'aws-logs-audit-bucket-retention',
  service: 'logs',
  title: `Audit log buckets keep logs at least ${MIN_DAYS} days`,
  severity: 'high',
  criteria: ['CC7.2', 'CC7.3'],
  risk: 'Logs that expire after a few weeks are gone before most breaches are discovered, and the auditor cannot sample events from the start of the observation window.',
  remediation: {
    summary: `Set the log buckets' lifecycle to keep objects at least ${RECOMMENDED_DAYS} days (move them to Glacier after 90 to save cost) instead of expiring them early.`,
    snippet: {
      language: 'terraform',
      code: [
        'resource "aws_s3_bucket_lifecycle_configuration" "audit_logs" {',
        '  bucket = aws_s3_bucket.audit_logs.id',
        '  rule {',
        '    id     = "keep-audit-logs"',
        '    status = "Enabled"',
        '    filter {}',
        '    transition {',
        '      days          = 90',
        '      storage_class = "GLACIER"',
        '    }',
        '    expiration {',
        '      days = 400',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 4 },
  owner: 'Cloud platform engineer',
  evidence:
    'The lifecycle configuration of each log bucket across the window, and log objects dated from the first month of the window still present at fieldwork.',
  dependsOn: ['aws-cloudtrail-multi-region-logging'],
  evaluate(snapshot, estate = [snapshot]) {
    // The bucket's own account (often a central log archive) explains a setting it could not read.
    return assessAuditBuckets(snapshot, estate, (holder, bucket, sources) =>
      assessRetention(holder, bucket, sources),
    );
  },
});

function assessRetention(snapshot: AwsSnapshot, bucket: S3Bucket, sources: string): CheckResult {
  const where = bucketWhere(bucket);
  const days = bucket.lifecycleExpirationDays;
  const subject = `Bucket ${bucket.name} (receives ${sources})`;
  if (days === undefined) {
    const query = { service: 's3', operation: 'GetBucketLifecycleConfiguration', resourceId: bucket.arn };
    return unknownResource(snapshot, query, where);
  }
  if (days === null) return pass(bucket.arn, `${subject} never expires its log files.`, where);
  if (days < MIN_DAYS)
    return fail(
      bucket.arn,
      `${subject} deletes log files after ${days} days, under the ${MIN_DAYS}-day minimum.`,
      where,
    );
  const advice = days < RECOMMENDED_DAYS ? `; ${RECOMMENDED_DAYS} days is recommended` : '';
  return pass(bucket.arn, `${subject} keeps log files for ${days} days${advice}.`, where);
}
