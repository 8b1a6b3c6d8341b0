// What is read from one AWS account. Field names follow the AWS APIs (camelCased) so a collector maps
// replies one to one; every regional resource carries its region, every resource its ARN or id.

import type { SnapshotBase } from './snapshot.js';

export interface AwsSnapshot extends SnapshotBase {
  provider: 'aws';
  accountId: string;
  accountName?: string;
  /** Regions enabled in the account that were collected. Region-wide checks (AWS Config) loop over these. */
  regions: string[];
  organization?: AwsOrganization;
  iam?: AwsIam;
  s3?: { buckets: S3Bucket[] };
  kms?: { keys: KmsKey[] };
  cloudtrail?: { trails: CloudTrailTrail[] };
  ec2?: AwsEc2;
  config?: { recorders: ConfigRecorder[] };
  logs?: { logGroups: LogGroup[] };
}

// ---- Organizations ----

export interface AwsOrganization {
  /** `standalone` when the account is not in an organization. */
  role: 'management' | 'member' | 'standalone';
  organizationId?: string;
  managementAccountId?: string;
}

// ---- IAM ----

/** An IAM policy document as AWS returns it, URL-decoded and parsed. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
  Principal?: unknown;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface IamPrincipalBase {
  arn: string;
  path: string;
  createDate: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicyArns: string[];
  tags?: Record<string, string>;
}

export interface IamUser extends IamPrincipalBase {
  userName: string;
  groupNames: string[];
}

export interface IamRole extends IamPrincipalBase {
  roleName: string;
  assumeRolePolicy?: PolicyDocument;
  /** RoleLastUsed.LastUsedDate, when AWS reports one. */
  lastUsedDate?: string;
}

export interface IamGroup {
  arn: string;
  groupName: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicyArns: string[];
}

export interface IamManagedPolicy {
  arn: string;
  policyName: string;
  /** AWS managed (arn:aws:iam::aws:policy/...) or the customer's own. */
  awsManaged: boolean;
  attachmentCount: number;
  /** The default version's document. */
  document: PolicyDocument;
}

/** One row of the IAM credential report. The root user's row has `user: '<root_account>'`. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime: string;
  passwordEnabled: boolean;
  passwordLastUsed?: string;
  mfaActive: boolean;
  /** Access key 1 and 2, in that order; a key that never existed is `active: false` with no dates. */
  accessKeys: AccessKeyReport[];
}

export interface AccessKeyReport {
  active: boolean;
  lastRotated?: string;
  lastUsedDate?: string;
}

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  /** Days; absent when passwords do not expire. */
  maxPasswordAge?: number;
  /** How many previous passwords cannot be reused; absent when not set. */
  passwordReusePrevention?: number;
}

export interface AwsIam {
  users: IamUser[];
  roles: IamRole[];
  groups: IamGroup[];
  /** Managed policies, AWS-managed ones included; `attachmentCount` says whether they matter. */
  policies: IamManagedPolicy[];
  /** `undefined` when the report could not be generated or read. */
  credentialReport?: CredentialReportRow[];
  /** `null` when the account has no password policy; `undefined` when it could not be read. */
  passwordPolicy?: PasswordPolicy | null;
  /** From GetAccountSummary. */
  accountSummary?: { accountMfaEnabled: boolean; accountAccessKeysPresent: boolean };
}

// ---- S3 ----

export interface S3Bucket {
  name: string;
  arn: string;
  region: string;
  createdAt?: string;
  tags?: Record<string, string>;
  /** Default encryption; `null` when none is configured, `undefined` when it could not be read. */
  encryption?: S3Encryption | null;
  /** Object Lock; `null` when not enabled on the bucket. */
  objectLock?: S3ObjectLock | null;
  versioning?: 'Enabled' | 'Suspended' | 'Disabled';
  /**
   * The shortest lifecycle expiration (days) that applies to every object in the bucket, `null` when
   * objects never expire. This bounds how long logs written to the bucket are kept.
   */
  lifecycleExpirationDays?: number | null;
  publicAccessBlock?: {
    blockPublicAcls: boolean;
    ignorePublicAcls: boolean;
    blockPublicPolicy: boolean;
    restrictPublicBuckets: boolean;
  } | null;
}

export interface S3Encryption {
  algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface S3ObjectLock {
  enabled: boolean;
  /** Default retention, when one is set. */
  mode?: 'GOVERNANCE' | 'COMPLIANCE';
  retentionDays?: number;
}

// ---- KMS ----

export interface KmsKey {
  keyId: string;
  arn: string;
  region: string;
  keyManager: 'CUSTOMER' | 'AWS';
  keyState:
    'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable' | 'Creating' | 'Updating';
  keySpec: string;
  origin: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  creationDate?: string;
  description?: string;
  aliases?: string[];
  /** GetKeyRotationStatus; `undefined` when it could not be read or does not apply. */
  rotationEnabled?: boolean;
  rotationPeriodInDays?: number;
}

// ---- CloudTrail ----

export interface CloudTrailTrail {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  logFileValidationEnabled: boolean;
  s3BucketName?: string;
  kmsKeyId?: string;
  cloudWatchLogsLogGroupArn?: string;
  /** Whether the trail records management events (read and write), from its event selectors. */
  includesManagementEvents?: boolean;
  /** GetTrailStatus, read in the home region; `undefined` when it could not be read. */
  status?: {
    isLogging: boolean;
    startLoggingTime?: string;
    stopLoggingTime?: string;
    latestDeliveryTime?: string;
    latestDeliveryError?: string;
  };
}

// ---- EC2 / VPC ----

export interface AwsEc2 {
  vpcs: Vpc[];
  subnets: Subnet[];
  flowLogs: FlowLog[];
  securityGroups: SecurityGroup[];
  instances: Ec2Instance[];
}

export interface Vpc {
  vpcId: string;
  arn: string;
  region: string;
  isDefault: boolean;
  cidrBlock?: string;
  tags?: Record<string, string>;
}

export interface Subnet {
  subnetId: string;
  arn: string;
  vpcId: string;
  region: string;
  cidrBlock?: string;
  tags?: Record<string, string>;
}

export interface FlowLog {
  flowLogId: string;
  region: string;
  /** The VPC, subnet or network interface the flow log watches. */
  resourceId: string;
  status: 'ACTIVE' | 'FAILED' | string;
  trafficType: 'ALL' | 'ACCEPT' | 'REJECT';
  destinationType: 's3' | 'cloud-watch-logs' | 'kinesis-data-firehose';
  /** Bucket ARN or log group name/ARN. */
  destination?: string;
  creationTime?: string;
}

export interface SecurityGroupRule {
  /** `-1` means all protocols. */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
}

export interface SecurityGroup {
  groupId: string;
  arn: string;
  groupName: string;
  vpcId?: string;
  region: string;
  ingress: SecurityGroupRule[];
  /** How many network interfaces use the group; 0 means it guards nothing today. */
  attachmentCount?: number;
  tags?: Record<string, string>;
}

export interface Ec2Instance {
  instanceId: string;
  arn: string;
  region: string;
  vpcId?: string;
  subnetId?: string;
  state: string;
  tags?: Record<string, string>;
}

// ---- AWS Config ----

export interface ConfigRecorder {
  name: string;
  region: string;
  /** Records all supported resource types (or an explicit list when false). */
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** DescribeConfigurationRecorderStatus. */
  recording: boolean;
  lastStatus?: 'Pending' | 'Success' | 'Failure';
  /** When recording last started: configuration history reaches back to here. */
  lastStartTime?: string;
}

// ---- CloudWatch Logs ----

export interface LogGroup {
  name: string;
  arn: string;
  region: string;
  /** Days; `null` means the group never expires its events. */
  retentionInDays: number | null;
  kmsKeyId?: string;
  creationTime?: string;
}
