// Ledgerline's production AWS account: the payments API, and the management account of its AWS
// Organization (common at a 40-person company, and itself something an auditor raises).
//
// The story an auditor would find here: an account-level trail that logs well next to an organization
// trail someone stopped to save money; admin rights on a CI user and on a Terraform role; old access keys;
// a weak password policy; buckets with no or S3-managed encryption; Config recording in two of three
// regions; a staging box in a production subnet; SSH and RDP open to the internet next to tight groups.
// Two calls failed while collecting (one denied, one throttled), so some findings are UNKNOWN.

import type {
  AwsSnapshot,
  CloudTrailTrail,
  IamManagedPolicy,
  IamRole,
  S3Bucket,
} from '../model/aws-snapshot.js';
import type { CollectionError } from '../model/snapshot.js';
import { agoFrom } from './ago.js';
import {
  ADMINISTRATOR_ACCESS,
  allow,
  ANYWHERE_V4,
  ANYWHERE_V6,
  awsManagedPolicy,
  awsPolicyArn,
  bucket,
  credentialRow,
  customerPolicy,
  flowLog,
  group,
  iamUser,
  instance,
  kmsKey,
  logGroup,
  policyDocument,
  READ_ONLY_ACCESS,
  recorder,
  role,
  rootRow,
  securityGroup,
  SSE_S3,
  sseKms,
  subnet,
  tcp,
  trail,
  vpc,
  type UserSpec,
} from './aws-builders.js';

export const PRODUCTION_ACCOUNT_ID = '412345678901';
export const ORGANIZATION_ID = 'o-l3dg3r7n1x';

const EU = 'eu-west-1';
const US = 'us-east-1';
/** Enabled but barely used: nothing records configuration changes there. */
const FRANKFURT = 'eu-central-1';

// ---- The organization trail: created here, seen (read-only) by every member account ----

/** The organization trail lives in this account; member accounts see the same trail through Organizations. */
export function organizationTrail(asOf: Date): CloudTrailTrail {
  const ago = agoFrom(asOf);
  // Stopped seven weeks ago when the CloudTrail bill spiked; nobody turned it back on.
  return trail(PRODUCTION_ACCOUNT_ID, {
    name: 'ledgerline-org',
    homeRegion: US,
    multiRegion: true,
    organization: true,
    validation: false,
    bucket: 'ledgerline-org-cloudtrail',
    status: {
      isLogging: false,
      startLoggingTime: ago(610),
      stopLoggingTime: ago(47),
      latestDeliveryTime: ago(47),
    },
  });
}

// ---- The account ----

export function awsProduction(asOf: Date): AwsSnapshot {
  const ago = agoFrom(asOf);
  const account = PRODUCTION_ACCOUNT_ID;

  const keys = {
    paymentsData: kmsKey(account, {
      keyId: '3f6c1a2e-8b4d-4f71-9a0e-5d2c7b1e9f40',
      region: EU,
      alias: 'alias/payments-data',
      created: ago(720),
      rotation: true,
      description: 'Card and payout data at rest',
    }),
    statements: kmsKey(account, {
      keyId: '7a9e4c1b-2d3f-4e85-b6a0-1c8d9e2f3a51',
      region: EU,
      alias: 'alias/customer-statements',
      created: ago(540),
      rotation: false,
    }),
    cloudtrail: kmsKey(account, {
      keyId: 'c2d8e1f4-5a6b-4c7d-8e9f-0a1b2c3d4e62',
      region: EU,
      alias: 'alias/cloudtrail-logs',
      created: ago(430),
      rotation: true,
      rotationPeriodInDays: 180,
    }),
    // GetKeyRotationStatus was throttled in us-east-1 for this one (see errors).
    drBackups: kmsKey(account, {
      keyId: '9b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b373',
      region: US,
      alias: 'alias/dr-backups',
      created: ago(300),
      rotation: undefined,
    }),
    // Not rotatable automatically (asymmetric), or not the customer's to rotate: the checks skip these.
    webhookSigning: kmsKey(account, {
      keyId: 'e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f60784',
      region: EU,
      alias: 'alias/webhook-signing',
      created: ago(365),
      rotation: undefined,
      keySpec: 'RSA_2048',
    }),
    awsS3: kmsKey(account, {
      keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c95',
      region: EU,
      alias: 'alias/aws/s3',
      created: ago(900),
      rotation: true,
      keyManager: 'AWS',
    }),
    retired: kmsKey(account, {
      keyId: '5c6d7e8f-9a0b-4c1d-2e3f-4a5b6c7d8ea6',
      region: US,
      alias: 'alias/legacy-tokenization',
      created: ago(1100),
      rotation: false,
      keyState: 'PendingDeletion',
    }),
  };

  const logGroups = {
    trail: logGroup(account, EU, '/aws/cloudtrail/payments-audit', 365, ago(430)),
    guardDuty: logGroup(account, EU, '/ledgerline/security/guardduty-findings', 30, ago(200)),
    api: logGroup(account, EU, '/ecs/payments-api', 30, ago(700)),
    reconciler: logGroup(account, EU, '/ecs/payments-reconciler', 365, ago(500)),
    renderer: logGroup(account, EU, '/aws/lambda/statement-renderer', null, ago(260)),
  };

  // ---- IAM ----
  const users: UserSpec[] = [
    {
      name: 'alice.ops',
      created: ago(900),
      groups: ['platform-admins'],
      console: { mfa: true, lastLogin: ago(2) },
    },
    {
      name: 'bob.finance',
      created: ago(500),
      groups: ['finance-readonly'],
      console: { mfa: false, lastLogin: ago(6) },
    },
    {
      name: 'carol.security',
      created: ago(400),
      groups: ['finance-readonly'],
      console: { mfa: true, lastLogin: ago(1) },
    },
    // Left the company five months ago; nobody disabled the console password.
    {
      name: 'frank.analyst',
      created: ago(700),
      groups: ['finance-readonly'],
      console: { mfa: true, lastLogin: ago(160) },
    },
    {
      // The CI user from the first month of the company: admin, and a key older than a year.
      name: 'deploy-bot',
      created: ago(820),
      inline: [{ name: 'deploy-everything', document: policyDocument(allow('*')) }],
      keys: [{ rotated: ago(410), lastUsed: ago(0) }],
    },
    {
      name: 'legacy-reporting',
      created: ago(640),
      attached: [`arn:aws:iam::${account}:policy/reporting-export`],
      keys: [
        { rotated: ago(600), lastUsed: ago(240) },
        { rotated: ago(900), lastUsed: ago(610), active: false },
      ],
    },
    { name: 'partner-sftp-sync', created: ago(200), keys: [{ rotated: ago(35), lastUsed: ago(1) }] },
  ];

  const roles: IamRole[] = [
    role(account, {
      name: 'payments-api-instance',
      created: ago(700),
      trusted: 'ec2.amazonaws.com',
      attached: [`arn:aws:iam::${account}:policy/payments-api-runtime`],
      lastUsed: ago(0),
    }),
    role(account, {
      name: 'ops-automation',
      created: ago(380),
      trusted: 'lambda.amazonaws.com',
      attached: [`arn:aws:iam::${account}:policy/ops-automation`],
      lastUsed: ago(3),
    }),
    role(account, {
      name: 'terraform-deploy',
      created: ago(600),
      trusted: account,
      attached: [ADMINISTRATOR_ACCESS],
      lastUsed: ago(1),
    }),
    role(account, {
      name: 'AWSServiceRoleForConfig',
      path: '/aws-service-role/config.amazonaws.com/',
      created: ago(400),
      trusted: 'config.amazonaws.com',
      attached: [awsPolicyArn('aws-service-role/AWSConfigServiceRolePolicy')],
    }),
    role(account, {
      name: 'AWSReservedSSO_AdministratorAccess_4f2a9c81d7e3b605',
      path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
      created: ago(350),
      trusted: 'sso.amazonaws.com',
      attached: [ADMINISTRATOR_ACCESS],
      lastUsed: ago(0),
    }),
  ];

  const policies: IamManagedPolicy[] = [
    awsManagedPolicy('AdministratorAccess', 3),
    awsManagedPolicy('ReadOnlyAccess', 1),
    awsManagedPolicy('aws-service-role/AWSConfigServiceRolePolicy', 1),
    customerPolicy(
      account,
      'payments-api-runtime',
      1,
      policyDocument(
        allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::ledgerline-payments-data-prod/*'),
        allow(['kms:Decrypt', 'kms:GenerateDataKey'], keys.paymentsData.arn),
        allow(
          'secretsmanager:GetSecretValue',
          `arn:aws:secretsmanager:${EU}:${account}:secret:payments/db-Xk29Qa`,
        ),
      ),
    ),
    // Written during an incident "for now": full IAM and KMS control for a Lambda.
    customerPolicy(account, 'ops-automation', 1, policyDocument(allow(['iam:*', 'kms:*']), allow('logs:*'))),
    customerPolicy(
      account,
      'reporting-export',
      1,
      policyDocument(allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::ledgerline-statements-prod*')),
    ),
    // Attached to nothing any more: broad, but it grants nobody anything today.
    customerPolicy(account, 'legacy-ci-deploy', 0, policyDocument(allow(['s3:*', 'ec2:*']))),
  ];

  // ---- S3 ----
  const production = { Environment: 'production' };
  const buckets: S3Bucket[] = [
    bucket({
      name: 'ledgerline-payments-data-prod',
      region: EU,
      created: ago(720),
      encryption: sseKms(keys.paymentsData),
      tags: { ...production, DataClassification: 'confidential' },
    }),
    bucket({
      name: 'ledgerline-statements-prod',
      region: EU,
      created: ago(540),
      encryption: sseKms(keys.statements),
      tags: production,
    }),
    bucket({
      name: 'ledgerline-exports-prod',
      region: EU,
      created: ago(480),
      encryption: SSE_S3,
      // Opened to a partner through a bucket policy.
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
    }),
    bucket({
      name: 'ledgerline-partner-uploads',
      region: EU,
      created: ago(1200),
      encryption: null,
      publicAccessBlock: null,
    }),
    // Its bucket policy denies everyone but the KYC service, the read-only audit role included (see errors).
    bucket({
      name: 'ledgerline-kyc-documents',
      region: EU,
      created: ago(650),
      encryption: undefined,
      tags: { ...production, DataClassification: 'restricted' },
    }),
    bucket({
      name: 'ledgerline-dr-backups-use1',
      region: US,
      created: ago(300),
      encryption: sseKms(keys.drBackups),
    }),
    // Audit destinations: one locked down, one not, and the flow logs in between.
    bucket({
      name: 'ledgerline-cloudtrail-prod',
      region: EU,
      created: ago(430),
      encryption: sseKms(keys.cloudtrail),
      objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 365 },
      lifecycleExpirationDays: 400,
    }),
    bucket({
      name: 'ledgerline-org-cloudtrail',
      region: US,
      created: ago(610),
      encryption: SSE_S3,
      lifecycleExpirationDays: 30,
    }),
    bucket({
      name: 'ledgerline-flowlogs-prod',
      region: EU,
      created: ago(380),
      encryption: SSE_S3,
      objectLock: { enabled: true, mode: 'GOVERNANCE', retentionDays: 90 },
      lifecycleExpirationDays: 365,
    }),
  ];

  // ---- EC2 / VPC ----
  const paymentsVpc = vpc(account, EU, 'vpc-0a3f9c2e7d1b40001', '10.20.0.0/16', 'production');
  const appA = subnet(
    account,
    paymentsVpc,
    'subnet-0b4e1a7c9d2f30011',
    '10.20.1.0/24',
    'payments-app-a',
    'production',
  );
  const appB = subnet(
    account,
    paymentsVpc,
    'subnet-0b4e1a7c9d2f30012',
    '10.20.2.0/24',
    'payments-app-b',
    'production',
  );
  // "Tools" subnet, untagged: production by the account's tag, yet a staging API runs in it.
  const tools = subnet(account, paymentsVpc, 'subnet-0b4e1a7c9d2f30019', '10.20.9.0/24', 'payments-tools');
  const drVpc = vpc(account, US, 'vpc-0c5d2b8e4f6a70002', '10.40.0.0/16', 'production');
  const drSubnet = subnet(
    account,
    drVpc,
    'subnet-0d6e3c9f5a7b80021',
    '10.40.1.0/24',
    'dr-app-a',
    'production',
  );
  const unusedDefault = vpc(account, FRANKFURT, 'vpc-0e7f4d0a6b8c90003', '172.31.0.0/16', undefined, true);

  const ec2: AwsSnapshot['ec2'] = {
    vpcs: [paymentsVpc, drVpc, unusedDefault],
    subnets: [appA, appB, tools, drSubnet],
    flowLogs: [
      flowLog(paymentsVpc, 'fl-0f1a2b3c4d5e60001', ago(380), {
        type: 's3',
        arn: 'arn:aws:s3:::ledgerline-flowlogs-prod',
      }),
    ],
    securityGroups: [
      securityGroup(account, paymentsVpc, 'sg-0a1b2c3d4e5f60001', 'payments-alb', 2, [
        tcp(443, ANYWHERE_V4, ANYWHERE_V6),
      ]),
      securityGroup(account, paymentsVpc, 'sg-0a1b2c3d4e5f60002', 'payments-api', 4, [
        tcp(8443, '10.20.0.0/16'),
      ]),
      securityGroup(account, paymentsVpc, 'sg-0a1b2c3d4e5f60003', 'payments-db', 2, [
        tcp(5432, '10.20.1.0/24', '10.20.2.0/24'),
      ]),
      securityGroup(account, paymentsVpc, 'sg-0a1b2c3d4e5f60004', 'bastion-ssh', 1, [tcp(22, ANYWHERE_V4)]),
      // Left from a Windows reporting box deleted last year: guards nothing today, still wide open.
      securityGroup(account, paymentsVpc, 'sg-0a1b2c3d4e5f60005', 'ops-windows-rdp', 0, [
        tcp(3389, ANYWHERE_V4, ANYWHERE_V6),
      ]),
      securityGroup(account, drVpc, 'sg-0a1b2c3d4e5f60006', 'dr-app', 1, [tcp(8443, '10.40.0.0/16')]),
    ],
    instances: [
      instance(account, appA, 'i-0a1b2c3d4e5f60101', 'payments-api-1', 'production'),
      instance(account, appB, 'i-0a1b2c3d4e5f60102', 'payments-api-2', 'production'),
      instance(account, tools, 'i-0a1b2c3d4e5f60103', 'batch-reconciler'),
      instance(account, tools, 'i-0a1b2c3d4e5f60104', 'payments-api-staging', 'staging'),
      instance(account, drSubnet, 'i-0a1b2c3d4e5f60105', 'payments-api-dr', 'production', 'stopped'),
    ],
  };

  const errors: CollectionError[] = [
    {
      service: 's3',
      operation: 'GetBucketEncryption',
      kind: 'AccessDenied',
      message: 'Access Denied (explicit deny in the bucket policy of ledgerline-kyc-documents)',
      region: EU,
      resourceId: 'arn:aws:s3:::ledgerline-kyc-documents',
      permission: 's3:GetEncryptionConfiguration',
    },
    {
      service: 'kms',
      operation: 'GetKeyRotationStatus',
      kind: 'Throttled',
      message: 'Rate exceeded',
      region: US,
      resourceId: keys.drBackups.arn,
    },
  ];

  return {
    schemaVersion: 1,
    provider: 'aws',
    source: 'demo',
    collectedAt: asOf.toISOString(),
    errors,
    tags: { environment: 'production' },
    accountId: account,
    accountName: 'ledgerline-prod',
    regions: [EU, US, FRANKFURT],
    organization: { role: 'management', organizationId: ORGANIZATION_ID, managementAccountId: account },
    iam: {
      users: users.map((spec) => iamUser(account, spec)),
      roles,
      groups: [
        group(account, 'platform-admins', [ADMINISTRATOR_ACCESS]),
        group(account, 'finance-readonly', [READ_ONLY_ACCESS]),
      ],
      policies,
      credentialReport: [
        rootRow(account, ago(1300), true),
        ...users.map((spec) => credentialRow(account, spec)),
      ],
      // Weak: short, no symbols, no reuse prevention.
      passwordPolicy: {
        minimumPasswordLength: 8,
        requireSymbols: false,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        maxPasswordAge: 90,
      },
      accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false },
    },
    s3: { buckets },
    kms: { keys: Object.values(keys) },
    cloudtrail: {
      trails: [
        trail(account, {
          name: 'payments-audit',
          homeRegion: EU,
          multiRegion: true,
          validation: true,
          bucket: 'ledgerline-cloudtrail-prod',
          kmsKey: keys.cloudtrail,
          logGroup: logGroups.trail,
          status: { isLogging: true, startLoggingTime: ago(430), latestDeliveryTime: ago(0) },
        }),
        organizationTrail(asOf),
      ],
    },
    ec2,
    config: { recorders: [recorder(EU, true, ago(400), true), recorder(US, true, ago(150))] },
    logs: { logGroups: Object.values(logGroups) },
  };
}
