// Builders for the demo's AWS resources, shared by the production and development accounts: each
// takes the few facts that vary and fills in the ARNs, regions and defaults the model asks for.

import type {
  AccessKeyReport,
  CloudTrailTrail,
  ConfigRecorder,
  CredentialReportRow,
  Ec2Instance,
  FlowLog,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  InlinePolicy,
  KmsKey,
  LogGroup,
  PolicyDocument,
  PolicyStatement,
  S3Bucket,
  S3Encryption,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Vpc,
} from '../model/aws-snapshot.js';

// ---- IAM builders ----

export const allow = (action: string | string[], resource: string | string[] = '*'): PolicyStatement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

export const policyDocument = (...statements: PolicyStatement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});

export const awsPolicyArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;
export const ADMINISTRATOR_ACCESS = awsPolicyArn('AdministratorAccess');
export const READ_ONLY_ACCESS = awsPolicyArn('ReadOnlyAccess');
export const POWER_USER_ACCESS = awsPolicyArn('PowerUserAccess');

/** AWS-managed policies, with their documents shortened to what the checks look at. */
const AWS_MANAGED_DOCUMENTS: Record<string, PolicyDocument> = {
  AdministratorAccess: policyDocument(allow('*')),
  ReadOnlyAccess: policyDocument(allow(['ec2:Describe*', 's3:Get*', 's3:List*', 'iam:Get*', 'iam:List*'])),
  PowerUserAccess: policyDocument(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    allow(['iam:CreateServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization']),
  ),
  'aws-service-role/AWSConfigServiceRolePolicy': policyDocument(
    allow(['config:Put*', 'ec2:Describe*', 's3:GetBucket*']),
  ),
};

export function awsManagedPolicy(
  name: keyof typeof AWS_MANAGED_DOCUMENTS,
  attachments: number,
): IamManagedPolicy {
  const document = AWS_MANAGED_DOCUMENTS[name];
  if (!document) throw new Error(`No demo document for AWS-managed policy ${name}`);
  return {
    arn: awsPolicyArn(name),
    policyName: name.split('/').pop() ?? name,
    awsManaged: true,
    attachmentCount: attachments,
    document,
  };
}

export function customerPolicy(
  account: string,
  name: string,
  attachments: number,
  document: PolicyDocument,
): IamManagedPolicy {
  return {
    arn: `arn:aws:iam::${account}:policy/${name}`,
    policyName: name,
    awsManaged: false,
    attachmentCount: attachments,
    document,
  };
}

export function group(account: string, name: string, attached: string[]): IamGroup {
  return {
    arn: `arn:aws:iam::${account}:group/${name}`,
    groupName: name,
    inlinePolicies: [],
    attachedPolicyArns: attached,
  };
}

/** An access key: when it was last rotated (created) and last used; never used when `lastUsed` is absent. */
export interface KeySpec {
  rotated: string;
  lastUsed?: string;
  active?: boolean;
}

/** One IAM user, from which both the user and its credential-report row are built, so they agree. */
export interface UserSpec {
  name: string;
  created: string;
  groups?: string[];
  attached?: string[];
  inline?: InlinePolicy[];
  /** A console password; `lastLogin` absent means it was never used. */
  console?: { mfa: boolean; lastLogin?: string };
  keys?: KeySpec[];
}

export function iamUser(account: string, spec: UserSpec): IamUser {
  return {
    arn: `arn:aws:iam::${account}:user/${spec.name}`,
    path: '/',
    createDate: spec.created,
    userName: spec.name,
    groupNames: spec.groups ?? [],
    attachedPolicyArns: spec.attached ?? [],
    inlinePolicies: spec.inline ?? [],
  };
}

/** The credential report always lists two key slots; an unused slot is inactive and has no dates. */
function keySlots(keys: KeySpec[] = []): AccessKeyReport[] {
  const slots: AccessKeyReport[] = keys.map((key) => ({
    active: key.active ?? true,
    lastRotated: key.rotated,
    ...(key.lastUsed ? { lastUsedDate: key.lastUsed } : {}),
  }));
  while (slots.length < 2) slots.push({ active: false });
  return slots;
}

export function credentialRow(account: string, spec: UserSpec): CredentialReportRow {
  return {
    user: spec.name,
    arn: `arn:aws:iam::${account}:user/${spec.name}`,
    userCreationTime: spec.created,
    passwordEnabled: spec.console !== undefined,
    ...(spec.console?.lastLogin ? { passwordLastUsed: spec.console.lastLogin } : {}),
    mfaActive: spec.console?.mfa ?? false,
    accessKeys: keySlots(spec.keys),
  };
}

export function rootRow(
  account: string,
  created: string,
  mfa: boolean,
  keys: KeySpec[] = [],
): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${account}:root`,
    userCreationTime: created,
    passwordEnabled: true,
    mfaActive: mfa,
    accessKeys: keySlots(keys),
  };
}

export interface RoleSpec {
  name: string;
  created: string;
  /** Who may assume it: an AWS service (`ec2.amazonaws.com`) or an account id. */
  trusted: string;
  path?: string;
  attached?: string[];
  inline?: InlinePolicy[];
  lastUsed?: string;
}

export function role(account: string, spec: RoleSpec): IamRole {
  const path = spec.path ?? '/';
  const principal = /^\d{12}$/.test(spec.trusted)
    ? { AWS: `arn:aws:iam::${spec.trusted}:root` }
    : { Service: spec.trusted };
  return {
    arn: `arn:aws:iam::${account}:role${path}${spec.name}`,
    path,
    roleName: spec.name,
    createDate: spec.created,
    attachedPolicyArns: spec.attached ?? [],
    inlinePolicies: spec.inline ?? [],
    assumeRolePolicy: policyDocument({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }),
    ...(spec.lastUsed ? { lastUsedDate: spec.lastUsed } : {}),
  };
}

// ---- S3 and KMS builders ----

export const SSE_S3: S3Encryption = { algorithm: 'AES256' };
export const sseKms = (key: KmsKey): S3Encryption => ({
  algorithm: 'aws:kms',
  kmsKeyId: key.arn,
  bucketKeyEnabled: true,
});

const ALL_BLOCKED = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export interface BucketSpec {
  name: string;
  region: string;
  created: string;
  /** Required on purpose: `null` = no default encryption, `undefined` = could not be read. */
  encryption: S3Encryption | null | undefined;
  objectLock?: S3Bucket['objectLock'];
  lifecycleExpirationDays?: number | null;
  publicAccessBlock?: S3Bucket['publicAccessBlock'];
  tags?: Record<string, string>;
}

export function bucket(spec: BucketSpec): S3Bucket {
  return {
    name: spec.name,
    arn: `arn:aws:s3:::${spec.name}`,
    region: spec.region,
    createdAt: spec.created,
    ...(spec.tags ? { tags: spec.tags } : {}),
    ...(spec.encryption !== undefined ? { encryption: spec.encryption } : {}),
    objectLock: spec.objectLock ?? null,
    versioning: 'Enabled',
    lifecycleExpirationDays: spec.lifecycleExpirationDays ?? null,
    publicAccessBlock: spec.publicAccessBlock === undefined ? ALL_BLOCKED : spec.publicAccessBlock,
  };
}

export interface KeyParts {
  keyId: string;
  region: string;
  alias: string;
  created: string;
  /** `undefined` when GetKeyRotationStatus failed. */
  rotation: boolean | undefined;
  rotationPeriodInDays?: number;
  keyManager?: KmsKey['keyManager'];
  keyState?: KmsKey['keyState'];
  keySpec?: string;
  description?: string;
}

export function kmsKey(account: string, parts: KeyParts): KmsKey {
  return {
    keyId: parts.keyId,
    arn: `arn:aws:kms:${parts.region}:${account}:key/${parts.keyId}`,
    region: parts.region,
    keyManager: parts.keyManager ?? 'CUSTOMER',
    keyState: parts.keyState ?? 'Enabled',
    keySpec: parts.keySpec ?? 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    creationDate: parts.created,
    aliases: [parts.alias],
    ...(parts.description ? { description: parts.description } : {}),
    ...(parts.rotation !== undefined ? { rotationEnabled: parts.rotation } : {}),
    ...(parts.rotation ? { rotationPeriodInDays: parts.rotationPeriodInDays ?? 365 } : {}),
  };
}

// ---- CloudTrail, Config and Logs builders ----

export const logGroupArn = (account: string, region: string, name: string): string =>
  `arn:aws:logs:${region}:${account}:log-group:${name}:*`;

export function logGroup(
  account: string,
  region: string,
  name: string,
  retention: number | null,
  created: string,
): LogGroup {
  return {
    name,
    arn: logGroupArn(account, region, name),
    region,
    retentionInDays: retention,
    creationTime: created,
  };
}

export interface TrailSpec {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  organization?: boolean;
  validation: boolean;
  bucket: string;
  kmsKey?: KmsKey;
  logGroup?: LogGroup;
  status: NonNullable<CloudTrailTrail['status']>;
}

export function trail(account: string, spec: TrailSpec): CloudTrailTrail {
  return {
    name: spec.name,
    arn: `arn:aws:cloudtrail:${spec.homeRegion}:${account}:trail/${spec.name}`,
    homeRegion: spec.homeRegion,
    isMultiRegionTrail: spec.multiRegion,
    isOrganizationTrail: spec.organization ?? false,
    logFileValidationEnabled: spec.validation,
    s3BucketName: spec.bucket,
    ...(spec.kmsKey ? { kmsKeyId: spec.kmsKey.arn } : {}),
    ...(spec.logGroup ? { cloudWatchLogsLogGroupArn: spec.logGroup.arn } : {}),
    includesManagementEvents: true,
    status: spec.status,
  };
}

export function recorder(
  region: string,
  recording: boolean,
  lastStart: string,
  includeGlobal = false,
): ConfigRecorder {
  return {
    name: 'default',
    region,
    allSupported: true,
    includeGlobalResourceTypes: includeGlobal,
    recording,
    lastStatus: 'Success',
    lastStartTime: lastStart,
  };
}

// ---- EC2 / VPC builders ----

const env = (environment: string | undefined): { tags?: Record<string, string> } =>
  environment ? { tags: { Environment: environment } } : {};

export function vpc(
  account: string,
  region: string,
  vpcId: string,
  cidr: string,
  environment?: string,
  isDefault = false,
): Vpc {
  return {
    vpcId,
    arn: `arn:aws:ec2:${region}:${account}:vpc/${vpcId}`,
    region,
    isDefault,
    cidrBlock: cidr,
    ...env(environment),
  };
}

export function subnet(
  account: string,
  parent: Vpc,
  subnetId: string,
  cidr: string,
  name: string,
  environment?: string,
): Subnet {
  return {
    subnetId,
    arn: `arn:aws:ec2:${parent.region}:${account}:subnet/${subnetId}`,
    vpcId: parent.vpcId,
    region: parent.region,
    cidrBlock: cidr,
    tags: { Name: name, ...(environment ? { Environment: environment } : {}) },
  };
}

/** An instance; with no environment it inherits the account's tag, as the segmentation check reads it. */
export function instance(
  account: string,
  where: Subnet,
  instanceId: string,
  name: string,
  environment?: string,
  state = 'running',
): Ec2Instance {
  return {
    instanceId,
    arn: `arn:aws:ec2:${where.region}:${account}:instance/${instanceId}`,
    region: where.region,
    vpcId: where.vpcId,
    subnetId: where.subnetId,
    state,
    tags: { Name: name, ...(environment ? { Environment: environment } : {}) },
  };
}

export function flowLog(
  watched: Vpc,
  flowLogId: string,
  created: string,
  destination: { type: FlowLog['destinationType']; arn: string },
  trafficType: FlowLog['trafficType'] = 'ALL',
): FlowLog {
  return {
    flowLogId,
    region: watched.region,
    resourceId: watched.vpcId,
    status: 'ACTIVE',
    trafficType,
    destinationType: destination.type,
    destination: destination.arn,
    creationTime: created,
  };
}

export const ANYWHERE_V4 = '0.0.0.0/0';
export const ANYWHERE_V6 = '::/0';

export const tcp = (port: number, ...ranges: string[]): SecurityGroupRule => ({
  ipProtocol: 'tcp',
  fromPort: port,
  toPort: port,
  ipv4Ranges: ranges.filter((r) => !r.includes(':')),
  ipv6Ranges: ranges.filter((r) => r.includes(':')),
});

export function securityGroup(
  account: string,
  parent: Vpc,
  groupId: string,
  name: string,
  attachments: number,
  ingress: SecurityGroupRule[],
): SecurityGroup {
  return {
    groupId,
    arn: `arn:aws:ec2:${parent.region}:${account}:security-group/${groupId}`,
    groupName: name,
    vpcId: parent.vpcId,
    region: parent.region,
    ingress,
    attachmentCount: attachments,
  };
}
