// Ledgerline's development AWS account, a member of the organization.
//
// What an auditor would find: nothing multi-region is logging (the organization trail was stopped in the
// management account and the account's own trail covers one region), root has an access key and no MFA,
// there is no password policy at all, a developer holds AdministratorAccess without MFA, SSH and Postgres
// are open to the internet, and Config is stopped. Network segmentation, by contrast, is clean here: the
// account holds development workloads only.

import type { AwsSnapshot, IamManagedPolicy, S3Bucket } from '../model/aws-snapshot.js';
import { agoFrom } from './ago.js';
import {
  ADMINISTRATOR_ACCESS,
  allow,
  ANYWHERE_V4,
  ANYWHERE_V6,
  awsManagedPolicy,
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
  POWER_USER_ACCESS,
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
import { ORGANIZATION_ID, organizationTrail, PRODUCTION_ACCOUNT_ID } from './aws-production.js';

export const DEVELOPMENT_ACCOUNT_ID = '512345678902';

const EU = 'eu-west-1';
const US = 'us-east-1';

export function awsDevelopment(asOf: Date): AwsSnapshot {
  const ago = agoFrom(asOf);
  const account = DEVELOPMENT_ACCOUNT_ID;

  const keys = {
    devDefault: kmsKey(account, {
      keyId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f01',
      region: EU,
      alias: 'alias/dev-default',
      created: ago(500),
      rotation: false,
    }),
    devApp: kmsKey(account, {
      keyId: '2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b02',
      region: EU,
      alias: 'alias/dev-app-secrets',
      created: ago(150),
      rotation: true,
    }),
  };

  const logGroups = {
    flowLogs: logGroup(account, EU, '/aws/vpc/flowlogs/dev', 14, ago(300)),
    api: logGroup(account, EU, '/ecs/dev-api', null, ago(450)),
    seeding: logGroup(account, EU, '/aws/lambda/dev-seed-data', 7, ago(120)),
  };

  // ---- IAM ----
  const users: UserSpec[] = [
    // Given AdministratorAccess "temporarily" for a migration, and never enrolled an MFA device.
    {
      name: 'dan.dev',
      created: ago(420),
      attached: [ADMINISTRATOR_ACCESS],
      console: { mfa: false, lastLogin: ago(3) },
    },
    {
      name: 'erin.dev',
      created: ago(260),
      groups: ['developers'],
      console: { mfa: true, lastLogin: ago(0) },
    },
    { name: 'dev-ci', created: ago(400), keys: [{ rotated: ago(30), lastUsed: ago(0) }] },
    // A load-test key made once and never used.
    { name: 'qa-loadtest', created: ago(200), keys: [{ rotated: ago(200) }] },
  ];

  const policies: IamManagedPolicy[] = [
    awsManagedPolicy('AdministratorAccess', 1),
    awsManagedPolicy('PowerUserAccess', 1),
    customerPolicy(
      account,
      'dev-api-runtime',
      1,
      policyDocument(
        allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::ledgerline-dev-artifacts/*'),
        allow('kms:Decrypt', keys.devApp.arn),
      ),
    ),
  ];

  // ---- S3 ----
  const logBucket = 'ledgerline-dev-cloudtrail';
  const buckets: S3Bucket[] = [
    bucket({ name: 'ledgerline-dev-artifacts', region: EU, created: ago(450), encryption: SSE_S3 }),
    // An "anonymised" copy of production data with no default encryption, open to a public policy.
    bucket({
      name: 'ledgerline-dev-test-data',
      region: EU,
      created: ago(330),
      encryption: null,
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
    }),
    bucket({
      name: 'ledgerline-dev-secrets',
      region: EU,
      created: ago(500),
      encryption: sseKms(keys.devDefault),
    }),
    bucket({
      name: 'ledgerline-dev-app-config',
      region: EU,
      created: ago(150),
      encryption: sseKms(keys.devApp),
    }),
    bucket({
      name: logBucket,
      region: EU,
      created: ago(300),
      encryption: SSE_S3,
      lifecycleExpirationDays: 14,
    }),
  ];

  // ---- EC2 / VPC ----
  const devVpc = vpc(account, EU, 'vpc-0d1e2f3a4b5c60101', '10.60.0.0/16', 'development');
  const appSubnet = subnet(account, devVpc, 'subnet-0e2f3a4b5c6d70111', '10.60.1.0/24', 'dev-app-a');
  const dataSubnet = subnet(account, devVpc, 'subnet-0e2f3a4b5c6d70112', '10.60.2.0/24', 'dev-data-a', 'dev');
  const defaultUs = vpc(account, US, 'vpc-0f3a4b5c6d7e80102', '172.31.0.0/16', undefined, true);
  const defaultUsSubnet = subnet(
    account,
    defaultUs,
    'subnet-0f3a4b5c6d7e80121',
    '172.31.0.0/20',
    'default-use1a',
  );

  const ec2: AwsSnapshot['ec2'] = {
    vpcs: [devVpc, defaultUs],
    subnets: [appSubnet, dataSubnet, defaultUsSubnet],
    flowLogs: [
      flowLog(
        devVpc,
        'fl-0a9b8c7d6e5f40101',
        ago(300),
        // Flow logs name their log group by ARN without the `:*` that DescribeLogGroups adds.
        { type: 'cloud-watch-logs', arn: logGroups.flowLogs.arn.replace(/:\*$/, '') },
        'REJECT',
      ),
    ],
    securityGroups: [
      securityGroup(account, devVpc, 'sg-0b1c2d3e4f5a60101', 'dev-api', 2, [
        tcp(443, ANYWHERE_V4, ANYWHERE_V6),
        tcp(80, ANYWHERE_V4),
      ]),
      securityGroup(account, devVpc, 'sg-0b1c2d3e4f5a60102', 'dev-ssh-anywhere', 3, [tcp(22, ANYWHERE_V4)]),
      securityGroup(account, devVpc, 'sg-0b1c2d3e4f5a60103', 'dev-postgres-debug', 0, [
        tcp(5432, ANYWHERE_V4),
      ]),
    ],
    instances: [
      // Untagged: development by the account's tag.
      instance(account, appSubnet, 'i-0c1d2e3f4a5b60201', 'dev-api-1'),
      instance(account, appSubnet, 'i-0c1d2e3f4a5b60202', 'dev-worker-1', 'development'),
      instance(account, dataSubnet, 'i-0c1d2e3f4a5b60203', 'dev-postgres', 'dev'),
      instance(account, defaultUsSubnet, 'i-0c1d2e3f4a5b60204', 'latency-test', 'sandbox', 'stopped'),
    ],
  };

  return {
    schemaVersion: 1,
    provider: 'aws',
    source: 'demo',
    collectedAt: asOf.toISOString(),
    errors: [],
    tags: { environment: 'development' },
    accountId: account,
    accountName: 'ledgerline-dev',
    regions: [EU, US],
    organization: {
      role: 'member',
      organizationId: ORGANIZATION_ID,
      managementAccountId: PRODUCTION_ACCOUNT_ID,
    },
    iam: {
      users: users.map((spec) => iamUser(account, spec)),
      roles: [
        role(account, {
          name: 'dev-api-instance',
          created: ago(450),
          trusted: 'ec2.amazonaws.com',
          attached: [`arn:aws:iam::${account}:policy/dev-api-runtime`],
          lastUsed: ago(0),
        }),
        // An inline "sandbox" policy: full S3 and EC2 on everything.
        role(account, {
          name: 'dev-sandbox',
          created: ago(380),
          trusted: account,
          inline: [{ name: 'sandbox-anything', document: policyDocument(allow(['s3:*', 'ec2:*'])) }],
          lastUsed: ago(9),
        }),
      ],
      groups: [group(account, 'developers', [POWER_USER_ACCESS])],
      policies,
      // Root still has the access key made when the account was opened, and no MFA.
      credentialReport: [
        rootRow(account, ago(1300), false, [{ rotated: ago(1300), lastUsed: ago(310) }]),
        ...users.map((spec) => credentialRow(account, spec)),
      ],
      passwordPolicy: null,
      accountSummary: { accountMfaEnabled: false, accountAccessKeysPresent: true },
    },
    s3: { buckets },
    kms: { keys: Object.values(keys) },
    cloudtrail: {
      trails: [
        // The account's own trail: one region, logging, but nothing else an auditor looks for.
        trail(account, {
          name: 'dev-trail',
          homeRegion: EU,
          multiRegion: false,
          validation: false,
          bucket: logBucket,
          status: { isLogging: true, startLoggingTime: ago(300), latestDeliveryTime: ago(0) },
        }),
        organizationTrail(asOf),
      ],
    },
    ec2,
    // Stopped in eu-west-1 to save cost; never set up in us-east-1.
    config: { recorders: [recorder(EU, false, ago(500), true)] },
    logs: { logGroups: Object.values(logGroups) },
  };
}
