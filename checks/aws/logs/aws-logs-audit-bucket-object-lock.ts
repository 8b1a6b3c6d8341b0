import type { AwsSnapshot, S3Bucket } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { assessAuditBuckets } from '../../lib/aws-logging.js';
import { bucketWhere } from '../../lib/aws-s3.js';
import { fail, pass, unknownResource } from '../../lib/results.js';

const MIN_RETENTION_DAYS = 90;

export default defineAwsCheck({
  id: 'aws-logs-audit-bucket-object-lock',
  service: 'logs',
  title: 'Audit log buckets are immutable (S3 Object Lock)',
  severity: 'high',
  criteria: ['CC7.2', 'CC2.1'],
  risk: 'Anyone with enough access to the log bucket, including an attacker with stolen admin keys, can delete or overwrite the logs that would show what they did, and the auditor cannot rely on them.',
  remediation: {
    summary: `Enable Object Lock on every bucket that receives CloudTrail or flow logs, with a default COMPLIANCE retention of at least ${MIN_RETENTION_DAYS} days (365 recommended); ideally in a separate log-archive account.`,
    snippet: {
      language: 'shell',
      code: [
        'aws s3api put-bucket-versioning --bucket <audit-log-bucket> --versioning-configuration Status=Enabled',
        'aws s3api put-object-lock-configuration --bucket <audit-log-bucket> --object-lock-configuration \\',
        '  \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":365}}}\'',
      ].join('\n'),
    },
  },
  effort: { baseHours: 8, perResourceHours: 4, maxHours: 24 },
  owner: 'Cloud platform engineer',
  evidence:
    'The Object Lock configuration of each log bucket from the start of the window, and a sample log object from the first month showing its retain-until date.',
  dependsOn: ['aws-cloudtrail-multi-region-logging'],
  evaluate(snapshot, estate = [snapshot]) {
    // The bucket's own account (often a central log archive) explains a setting it could not read.
    return assessAuditBuckets(snapshot, estate, (holder, bucket, sources) =>
      assessLock(holder, bucket, sources),
    );
  },
});

function assessLock(snapshot: AwsSnapshot, bucket: S3Bucket, sources: string): CheckResult {
  const where = bucketWhere(bucket);
  const lock = bucket.objectLock;
  const subject = `Bucket ${bucket.name} (receives ${sources})`;
  if (lock === undefined) {
    const query = { service: 's3', operation: 'GetObjectLockConfiguration', resourceId: bucket.arn };
    return unknownResource(snapshot, query, where);
  }
  if (!lock?.enabled)
    return fail(
      bucket.arn,
      `${subject} has no Object Lock, so its log files can be deleted or overwritten.`,
      where,
    );
  if (!lock.mode || lock.retentionDays === undefined)
    return fail(
      bucket.arn,
      `${subject} has Object Lock on but no default retention, so new log files are not locked.`,
      where,
    );
  if (lock.retentionDays < MIN_RETENTION_DAYS)
    return fail(
      bucket.arn,
      `${subject} locks log files for only ${lock.retentionDays} days; at least ${MIN_RETENTION_DAYS} are needed.`,
      where,
    );
  const weaker =
    lock.mode === 'GOVERNANCE'
      ? ' in GOVERNANCE mode, which users with s3:BypassGovernanceRetention can override; COMPLIANCE mode is stronger'
      : ' in COMPLIANCE mode';
  return pass(bucket.arn, `${subject} locks log files for ${lock.retentionDays} days${weaker}.`, where);
}
