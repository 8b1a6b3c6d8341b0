import type { AwsCheck } from '../../../source/model/check.js';
import auditBucketObjectLock from './aws-logs-audit-bucket-object-lock.js';
import auditBucketRetention from './aws-logs-audit-bucket-retention.js';
import auditLogGroupRetention from './aws-logs-audit-log-group-retention.js';
import logGroupRetention from './aws-logs-log-group-retention.js';

const checks: AwsCheck[] = [
  auditBucketObjectLock,
  auditBucketRetention,
  auditLogGroupRetention,
  logGroupRetention,
];

export default checks;
