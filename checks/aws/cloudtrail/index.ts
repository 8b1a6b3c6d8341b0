import type { AwsCheck } from '../../../source/model/check.js';
import cloudwatchDelivery from './aws-cloudtrail-cloudwatch-delivery.js';
import deliveryHealth from './aws-cloudtrail-delivery-health.js';
import kmsEncryption from './aws-cloudtrail-kms-encryption.js';
import logFileValidation from './aws-cloudtrail-log-file-validation.js';
import multiRegionLogging from './aws-cloudtrail-multi-region-logging.js';
import organizationTrail from './aws-cloudtrail-organization-trail.js';

const checks: AwsCheck[] = [
  multiRegionLogging,
  organizationTrail,
  logFileValidation,
  kmsEncryption,
  cloudwatchDelivery,
  deliveryHealth,
];

export default checks;
