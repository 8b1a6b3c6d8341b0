// Every check, in one list. Each service folder's index.ts lists its own checks; a test makes sure
// no check file is left out.

import type { Check } from '../source/model/check.js';
import awsCloudtrail from './aws/cloudtrail/index.js';
import awsConfig from './aws/config/index.js';
import awsEc2 from './aws/ec2/index.js';
import awsIam from './aws/iam/index.js';
import awsKms from './aws/kms/index.js';
import awsLogs from './aws/logs/index.js';
import awsS3 from './aws/s3/index.js';
import azureAuthorization from './azure/authorization/index.js';
import azureDefender from './azure/defender/index.js';
import azureEntra from './azure/entra/index.js';
import azureKeyvault from './azure/keyvault/index.js';
import azureMonitor from './azure/monitor/index.js';
import azureNetwork from './azure/network/index.js';
import azurePolicy from './azure/policy/index.js';
import azureSql from './azure/sql/index.js';
import azureStorage from './azure/storage/index.js';

export const ALL_CHECKS: readonly Check[] = [
  ...awsIam,
  ...awsS3,
  ...awsKms,
  ...awsCloudtrail,
  ...awsConfig,
  ...awsLogs,
  ...awsEc2,
  ...azureEntra,
  ...azureAuthorization,
  ...azureSql,
  ...azureNetwork,
  ...azureStorage,
  ...azureKeyvault,
  ...azureMonitor,
  ...azurePolicy,
  ...azureDefender,
];
