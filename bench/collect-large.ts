// Live AWS collection on a large account: `collectAwsAccount` reads a synthetic account from a local
// server that answers on AWS's real wire protocols (Query XML for IAM and STS, EC2's XML, JSON 1.1 for
// KMS, CloudTrail, Config, Logs and Organizations, REST-XML for S3), so the SDK's signers, serializers
// and parsers all run. The server runs in a child process (this file with `--serve`), so the times,
// the request rate and the memory figures are the collector's own. Prints Markdown tables; exits
// non-zero when the collection is incomplete, since a bench on a broken collection means nothing.
//
//   node --import tsx bench/collect-large.ts
//   BENCH_RUNS=5 (collections after a warm-up)  BENCH_LATENCY_MS=25 (modelled per-call latency; 0 skips)

import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AwsCollectContext } from '../source/collect/aws/context.js';
import type { AwsSnapshot } from '../source/model/aws-snapshot.js';

// ---- The account's size ----

const ACCOUNT_ID = '111122223333';
const MANAGEMENT_ACCOUNT_ID = '999988887777';
/** The 17 regions enabled by default in the commercial partition. */
const REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];
const IAM_USERS = 1_000;
const IAM_ROLES = 300;
const IAM_GROUPS = 50;
const IAM_CUSTOMER_POLICIES = 200;
/** AWS-managed policies GetAccountAuthorizationDetails also returns (AWS's catalogue; a few are attached). */
const IAM_AWS_POLICIES = 100;
/** Items (users, groups, roles and policies together) per GetAccountAuthorizationDetails page. */
const IAM_PAGE_ITEMS = 100;
const BUCKETS = 500;
/** Every Nth bucket comes without BucketRegion in ListBuckets, so its location is asked for. */
const BUCKET_WITHOUT_REGION_EVERY = 10;
const KMS_KEYS_PER_REGION = 20;
const CONFIG_RECORDERS_PER_REGION = 1;
const LOG_GROUPS_PER_REGION = 50;
const VPCS_PER_REGION = 5;
const SUBNETS_PER_REGION = 20;
const SECURITY_GROUPS_PER_REGION = 60;
const NETWORK_INTERFACES_PER_REGION = 100;
const INSTANCES_PER_REGION = 100;
const FLOW_LOGS_PER_REGION = 5;
/** EC2 Describe* without MaxResults answers everything in one reply; the server pages beyond this. */
const EC2_PAGE_SIZE = 1_000;

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Each collector alone, this many times (median). */
const COLLECTOR_RUNS = 3;
/** Modelled network latency per call for one extra collection (0 skips it). */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const NOW = new Date('2026-11-20T10:00:00Z');

// ---- Wire replies ----

interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
}

const XML = 'text/xml';
const S3_XML = 'application/xml';
const JSON_11 = 'application/x-amz-json-1.1';

const reply = (body: string, contentType = XML, status = 200): Reply => ({
  status,
  contentType,
  body: Buffer.from(body),
});
const jsonReply = (value: unknown): Reply => reply(JSON.stringify(value), JSON_11);
const queryReply = (op: string, inner: string): Reply =>
  reply(
    `<${op}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${op}Result>${inner}</${op}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${op}Response>`,
  );
const ec2Reply = (op: string, inner: string): Reply =>
  reply(
    `<?xml version="1.0" encoding="UTF-8"?><${op}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${op}Response>`,
  );
const s3Reply = (body: string): Reply => reply(`<?xml version="1.0" encoding="UTF-8"?>${body}`, S3_XML);
const s3Error = (status: number, code: string, message: string): Reply =>
  reply(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r-1</RequestId></Error>`,
    S3_XML,
    status,
  );
const jsonError = (status: number, code: string, message: string): Reply =>
  reply(JSON.stringify({ __type: code, message }), JSON_11, status);

/** An error in the protocol the request used, saying the bench server has no answer for it. */
function noAnswer(service: string, operation: string, json: boolean): Reply {
  const message = `the bench server has no answer for ${service} ${operation}`;
  if (json) return jsonError(400, 'NotStubbed', message);
  if (service === 's3') return s3Error(400, 'NotStubbed', message);
  if (service === 'ec2')
    return reply(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>NotStubbed</Code><Message>${message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`,
      XML,
      400,
    );
  return reply(
    `<ErrorResponse><Error><Type>Sender</Type><Code>NotStubbed</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
    XML,
    400,
  );
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const members = (items: readonly string[]) => items.map((i) => `<member>${i}</member>`).join('');
const seconds = (iso: string) => Date.parse(iso) / 1000;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const iso = (days: number) => daysBefore(days).replace('.000Z', 'Z');

/** Consecutive pages of `items`, `size` at a time; at least one (empty) page. */
function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

// ---- IAM ----

type Doc = { Version: string; Statement: unknown[] };
const iamArn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT_ID}:${kind}/${name}`;
const encDoc = (doc: Doc) => encodeURIComponent(JSON.stringify(doc));
const allow = (action: string | string[], resource: string | string[] = '*'): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const customerPolicyArn = (i: number) => iamArn('policy', `app-policy-${pad(i, 3)}`);
const awsPolicyArn = (i: number) =>
  i === 0
    ? 'arn:aws:iam::aws:policy/AdministratorAccess'
    : `arn:aws:iam::aws:policy/AwsCatalogue${pad(i, 3)}`;
/** AWS-managed policies principals attach: the rest of the catalogue is attached nowhere. */
const ATTACHED_AWS_POLICIES = 10;

const attachedXml = (arns: readonly string[]) =>
  `<AttachedManagedPolicies>${members(
    arns.map((a) => `<PolicyName>${a.slice(a.lastIndexOf('/') + 1)}</PolicyName><PolicyArn>${a}</PolicyArn>`),
  )}</AttachedManagedPolicies>`;
const inlineXml = (list: string, policies: Record<string, Doc>) =>
  `<${list}>${members(
    Object.entries(policies).map(
      ([name, doc]) => `<PolicyName>${name}</PolicyName><PolicyDocument>${encDoc(doc)}</PolicyDocument>`,
    ),
  )}</${list}>`;
const tagsXml = (tags: Record<string, string>) =>
  `<Tags>${members(Object.entries(tags).map(([k, v]) => `<Key>${k}</Key><Value>${v}</Value>`))}</Tags>`;

const userName = (i: number) => `user-${pad(i)}`;
const groupName = (i: number) => `group-${pad(i, 2)}`;

function iamUser(i: number): string {
  const name = userName(i);
  const groups = [groupName(i % IAM_GROUPS), ...(i % 3 === 0 ? [groupName((i + 7) % IAM_GROUPS)] : [])];
  const attached = [
    customerPolicyArn(i % IAM_CUSTOMER_POLICIES),
    ...(i % 10 === 0 ? [awsPolicyArn(1 + (i % (ATTACHED_AWS_POLICIES - 1)))] : []),
    ...(i % 97 === 0 ? [awsPolicyArn(0)] : []),
  ];
  const inline =
    i % 7 === 0
      ? inlineXml('UserPolicyList', { [`inline-${i}`]: allow(['s3:GetObject'], 'arn:aws:s3:::x/*') })
      : '';
  return `<Path>/</Path><UserName>${name}</UserName><UserId>AIDA${hex(i, 16).toUpperCase()}</UserId><Arn>${iamArn('user', name)}</Arn><CreateDate>${iso(400 + (i % 900))}</CreateDate>${inline}<GroupList>${members(groups)}</GroupList>${attachedXml(attached)}${i % 3 === 0 ? tagsXml({ team: `team-${i % 12}`, owner: `${name}@example.com` }) : ''}`;
}

function iamGroup(i: number): string {
  const name = groupName(i);
  const inline =
    i % 5 === 0 ? inlineXml('GroupPolicyList', { logs: allow(['logs:GetLogEvents']) }) : '<GroupPolicyList/>';
  return `<Path>/</Path><GroupName>${name}</GroupName><GroupId>AGPA${hex(i, 16).toUpperCase()}</GroupId><Arn>${iamArn('group', name)}</Arn><CreateDate>${iso(800)}</CreateDate>${inline}${attachedXml([customerPolicyArn((i * 3) % IAM_CUSTOMER_POLICIES)])}`;
}

function iamRole(i: number): string {
  const serviceLinked = i % 25 === 0;
  const name = serviceLinked ? `AWSServiceRoleForBench${pad(i, 3)}` : `role-${pad(i, 3)}`;
  const path = serviceLinked ? '/aws-service-role/bench.amazonaws.com/' : '/';
  const principal = i % 2 === 0 ? 'ec2.amazonaws.com' : 'lambda.amazonaws.com';
  const trust: Doc = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
  };
  const inline =
    i % 5 === 0
      ? inlineXml('RolePolicyList', { data: allow(['dynamodb:GetItem', 'dynamodb:Query']) })
      : '<RolePolicyList/>';
  const lastUsed =
    i % 4 === 0
      ? '<RoleLastUsed/>'
      : `<RoleLastUsed><LastUsedDate>${iso(i % 60)}</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>`;
  return `<Path>${path}</Path><RoleName>${name}</RoleName><RoleId>AROA${hex(i, 16).toUpperCase()}</RoleId><Arn>${iamArn('role', `${path.slice(1)}${name}`)}</Arn><CreateDate>${iso(300 + i)}</CreateDate><AssumeRolePolicyDocument>${encDoc(trust)}</AssumeRolePolicyDocument><InstanceProfileList/>${inline}${attachedXml([customerPolicyArn((i * 7) % IAM_CUSTOMER_POLICIES), ...(i % 30 === 0 ? [awsPolicyArn(0)] : [])])}${i % 2 === 0 ? tagsXml({ service: `svc-${i % 20}` }) : ''}${lastUsed}`;
}

function managedPolicy(arn: string, attachments: number, docs: Doc[]): string {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const versions = members(
    docs.map(
      (doc, v) =>
        `<Document>${encDoc(doc)}</Document><VersionId>v${v + 1}</VersionId><IsDefaultVersion>${v === docs.length - 1}</IsDefaultVersion><CreateDate>${iso(500 - v * 100)}</CreateDate>`,
    ),
  );
  return `<PolicyName>${name}</PolicyName><PolicyId>ANPA${hex(name.length * 7919 + attachments, 16).toUpperCase()}</PolicyId><Arn>${arn}</Arn><Path>/</Path><DefaultVersionId>v${docs.length}</DefaultVersionId><AttachmentCount>${attachments}</AttachmentCount><PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable><CreateDate>${iso(600)}</CreateDate><UpdateDate>${iso(100)}</UpdateDate><PolicyVersionList>${versions}</PolicyVersionList>`;
}

function customerPolicy(i: number): string {
  const current: Doc = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::data-${i}`, `arn:aws:s3:::data-${i}/*`],
      },
      {
        Sid: 'Queue',
        Effect: 'Allow',
        Action: 'sqs:*',
        Resource: `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:queue-${i}`,
      },
      ...(i % 40 === 0 ? [{ Effect: 'Allow', Action: '*', Resource: '*' }] : []),
    ],
  };
  return managedPolicy(customerPolicyArn(i), 3, i % 2 === 0 ? [allow('*'), current] : [current]);
}

function awsPolicy(i: number): string {
  const doc = i === 0 ? allow('*') : allow([`svc${i}:Get*`, `svc${i}:List*`, `svc${i}:Describe*`]);
  return managedPolicy(awsPolicyArn(i), i < ATTACHED_AWS_POLICIES ? 5 : 0, [doc]);
}

const CREDENTIAL_REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

function credentialReport(): string {
  const t = (days: number) => daysBefore(days).replace('.000Z', '+00:00');
  const rows = [
    CREDENTIAL_REPORT_HEADER,
    `<root_account>,arn:aws:iam::${ACCOUNT_ID}:root,${t(2000)},not_supported,${t(40)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  ];
  for (let i = 0; i < IAM_USERS; i++) {
    const hasPassword = i % 4 !== 3;
    const key = i % 3 === 0;
    rows.push(
      [
        userName(i),
        iamArn('user', userName(i)),
        t(400 + (i % 900)),
        String(hasPassword),
        hasPassword ? t(i % 120) : 'N/A',
        hasPassword ? t(200) : 'N/A',
        'N/A',
        String(hasPassword && i % 11 !== 0),
        String(key),
        key ? t(30 + (i % 200)) : 'N/A',
        key ? t(i % 100) : 'N/A',
        key ? 'us-east-1' : 'N/A',
        key ? 's3' : 'N/A',
        'false',
        'N/A',
        'N/A',
        'N/A',
        'N/A',
        'false',
        'N/A',
        'false',
        'N/A',
      ].join(','),
    );
  }
  return rows.join('\n');
}

function iamReplies() {
  const items = [
    ...Array.from({ length: IAM_USERS }, (_, i) => ({ list: 'UserDetailList', xml: iamUser(i) })),
    ...Array.from({ length: IAM_GROUPS }, (_, i) => ({ list: 'GroupDetailList', xml: iamGroup(i) })),
    ...Array.from({ length: IAM_ROLES }, (_, i) => ({ list: 'RoleDetailList', xml: iamRole(i) })),
    ...Array.from({ length: IAM_CUSTOMER_POLICIES }, (_, i) => ({
      list: 'Policies',
      xml: customerPolicy(i),
    })),
    ...Array.from({ length: IAM_AWS_POLICIES }, (_, i) => ({ list: 'Policies', xml: awsPolicy(i) })),
  ];
  const pages = chunk(items, IAM_PAGE_ITEMS);
  const authPages = new Map<string, Reply>();
  pages.forEach((page, n) => {
    const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']
      .map((list) => `<${list}>${members(page.filter((p) => p.list === list).map((p) => p.xml))}</${list}>`)
      .join('');
    const more = n + 1 < pages.length;
    authPages.set(
      n === 0 ? '' : `marker-${n}`,
      queryReply(
        'GetAccountAuthorizationDetails',
        `${lists}<IsTruncated>${more}</IsTruncated>${more ? `<Marker>marker-${n + 1}</Marker>` : ''}`,
      ),
    );
  });
  const summary = {
    AccountMFAEnabled: 1,
    AccountAccessKeysPresent: 0,
    Users: IAM_USERS,
    Roles: IAM_ROLES,
    Groups: IAM_GROUPS,
    Policies: IAM_CUSTOMER_POLICIES,
  };
  const fixed = new Map<string, Reply>([
    ['GenerateCredentialReport', queryReply('GenerateCredentialReport', '<State>COMPLETE</State>')],
    [
      'GetCredentialReport',
      queryReply(
        'GetCredentialReport',
        `<Content>${Buffer.from(credentialReport()).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>${iso(0)}</GeneratedTime>`,
      ),
    ],
    [
      'GetAccountPasswordPolicy',
      queryReply(
        'GetAccountPasswordPolicy',
        '<PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength><RequireSymbols>true</RequireSymbols><RequireNumbers>true</RequireNumbers><RequireUppercaseCharacters>true</RequireUppercaseCharacters><RequireLowercaseCharacters>true</RequireLowercaseCharacters><AllowUsersToChangePassword>true</AllowUsersToChangePassword><ExpirePasswords>true</ExpirePasswords><MaxPasswordAge>90</MaxPasswordAge><PasswordReusePrevention>24</PasswordReusePrevention><HardExpiry>false</HardExpiry></PasswordPolicy>',
      ),
    ],
    [
      'GetAccountSummary',
      queryReply(
        'GetAccountSummary',
        `<SummaryMap>${Object.entries(summary)
          .map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`)
          .join('')}</SummaryMap>`,
      ),
    ],
    [
      'ListAccountAliases',
      queryReply(
        'ListAccountAliases',
        '<AccountAliases><member>bench-large</member></AccountAliases><IsTruncated>false</IsTruncated>',
      ),
    ],
  ]);
  return { authPages, fixed, pages: pages.length };
}

// ---- S3 ----

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

interface BenchBucket {
  name: string;
  region: string;
  /** Sub-resource (`encryption`, `lifecycle`...) → its reply. */
  answers: Map<string, Reply>;
  location: Reply;
}

function s3Buckets(): BenchBucket[] {
  const notFound = (code: string) => s3Error(404, code, 'The configuration was not found');
  return Array.from({ length: BUCKETS }, (_, i) => {
    const region = REGIONS[i % REGIONS.length]!;
    const keyArn = `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${kmsKeyId(REGIONS.indexOf(region), 6)}`;
    const answers = new Map<string, Reply>([
      [
        'tagging',
        i % 4 === 0
          ? notFound('NoSuchTagSet')
          : s3Reply(
              `<Tagging xmlns="${S3_NS}"><TagSet><Tag><Key>environment</Key><Value>${i % 2 ? 'production' : 'staging'}</Value></Tag><Tag><Key>owner</Key><Value>team-${i % 12}</Value></Tag></TagSet></Tagging>`,
            ),
      ],
      [
        'encryption',
        i % 5 === 0
          ? notFound('ServerSideEncryptionConfigurationNotFoundError')
          : s3Reply(
              `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault>` +
                (i % 5 === 1
                  ? `<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${keyArn}</KMSMasterKeyID>`
                  : '<SSEAlgorithm>AES256</SSEAlgorithm>') +
                `</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${i % 5 === 1}</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
            ),
      ],
      [
        'object-lock',
        i % 20 === 0
          ? s3Reply(
              `<ObjectLockConfiguration xmlns="${S3_NS}"><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>`,
            )
          : notFound('ObjectLockConfigurationNotFoundError'),
      ],
      [
        'versioning',
        s3Reply(
          i % 3 === 2
            ? `<VersioningConfiguration xmlns="${S3_NS}"/>`
            : `<VersioningConfiguration xmlns="${S3_NS}"><Status>${i % 3 === 0 ? 'Enabled' : 'Suspended'}</Status></VersioningConfiguration>`,
        ),
      ],
      [
        'lifecycle',
        i % 2 === 0
          ? notFound('NoSuchLifecycleConfiguration')
          : s3Reply(
              `<LifecycleConfiguration xmlns="${S3_NS}"><Rule><ID>expire</ID><Filter></Filter><Status>Enabled</Status>` +
                `<Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition><Expiration><Days>${365 + i}</Days></Expiration></Rule>` +
                '<Rule><ID>tmp</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule>' +
                '</LifecycleConfiguration>',
            ),
      ],
      [
        'publicAccessBlock',
        i % 6 === 0
          ? notFound('NoSuchPublicAccessBlockConfiguration')
          : s3Reply(
              `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>${i % 6 !== 1}</BlockPublicPolicy><RestrictPublicBuckets>${i % 6 !== 1}</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
            ),
      ],
    ]);
    const location = s3Reply(
      region === 'us-east-1'
        ? `<LocationConstraint xmlns="${S3_NS}"/>`
        : `<LocationConstraint xmlns="${S3_NS}">${region}</LocationConstraint>`,
    );
    return { name: `bench-bucket-${pad(i)}`, region, answers, location };
  });
}

function listBucketsPage(buckets: readonly BenchBucket[], start: number, max: number): Reply {
  const page = buckets.slice(start, start + max);
  const token = start + max < buckets.length ? `<ContinuationToken>${start + max}</ContinuationToken>` : '';
  const xml = page
    .map((b, i) => {
      const index = start + i;
      const region =
        index % BUCKET_WITHOUT_REGION_EVERY === 0 ? '' : `<BucketRegion>${b.region}</BucketRegion>`;
      return `<Bucket><Name>${b.name}</Name><CreationDate>${daysBefore(100 + index)}</CreationDate>${region}</Bucket>`;
    })
    .join('');
  return s3Reply(
    `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>7f0c1e5d0000</ID></Owner><Buckets>${xml}</Buckets>${token}</ListAllMyBucketsResult>`,
  );
}

// ---- KMS, CloudTrail, Config, Logs ----

function kmsKeyId(region: number, j: number): string {
  return `${hex(region + 1, 8)}-${hex(j, 4)}-4000-8000-${hex(region * 1000 + j, 12)}`;
}

interface RegionJson {
  listKeys: Reply;
  aliases: unknown[];
  describe: Map<string, Reply>;
  rotation: Map<string, Reply>;
}

function kmsRegion(r: number): RegionJson {
  const region = REGIONS[r]!;
  const describe = new Map<string, Reply>();
  const rotation = new Map<string, Reply>();
  const aliases: unknown[] = [];
  const keys = Array.from({ length: KMS_KEYS_PER_REGION }, (_, j) => {
    const id = kmsKeyId(r, j);
    const arn = `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${id}`;
    const awsManaged = j < 3;
    const signing = j === 3;
    const state = j === 4 ? 'PendingDeletion' : j === 5 ? 'Disabled' : 'Enabled';
    const spec = signing ? 'RSA_2048' : 'SYMMETRIC_DEFAULT';
    const metadata = {
      AWSAccountId: ACCOUNT_ID,
      KeyId: id,
      Arn: arn,
      CreationDate: seconds(daysBefore(200 + j)),
      Enabled: state === 'Enabled',
      Description: awsManaged ? 'Default key managed by AWS' : `Application key ${j}`,
      KeyUsage: signing ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT',
      KeyState: state,
      ...(state === 'PendingDeletion' ? { DeletionDate: seconds(daysBefore(-7)) } : {}),
      Origin: 'AWS_KMS',
      KeyManager: awsManaged ? 'AWS' : 'CUSTOMER',
      CustomerMasterKeySpec: spec,
      KeySpec: spec,
      EncryptionAlgorithms: signing ? [] : ['SYMMETRIC_DEFAULT'],
      ...(signing ? { SigningAlgorithms: ['RSASSA_PSS_SHA_256'] } : {}),
      MultiRegion: false,
    };
    const described = jsonReply({ KeyMetadata: metadata });
    describe.set(id, described);
    describe.set(arn, described);
    const enabled = awsManaged || j % 3 !== 0;
    const status = jsonReply({
      KeyId: arn,
      KeyRotationEnabled: enabled,
      ...(enabled ? { RotationPeriodInDays: 365, NextRotationDate: seconds(daysBefore(-100)) } : {}),
    });
    rotation.set(id, status);
    rotation.set(arn, status);
    const name = awsManaged ? `alias/aws/${['s3', 'ebs', 'rds'][j]}` : `alias/app-key-${j}`;
    aliases.push({
      AliasName: name,
      AliasArn: `arn:aws:kms:${region}:${ACCOUNT_ID}:${name}`,
      TargetKeyId: id,
      CreationDate: seconds(daysBefore(200)),
      LastUpdatedDate: seconds(daysBefore(200)),
    });
    return { KeyId: id, KeyArn: arn };
  });
  // A predefined alias with no key behind it yet, as AWS lists them.
  aliases.push({
    AliasName: 'alias/aws/dynamodb',
    AliasArn: `arn:aws:kms:${region}:${ACCOUNT_ID}:alias/aws/dynamodb`,
  });
  return { listKeys: jsonReply({ Keys: keys, Truncated: false }), aliases, describe, rotation };
}

const TRAILS = [
  {
    Name: 'org-trail',
    S3BucketName: 'bench-org-cloudtrail',
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: true,
    HomeRegion: 'us-east-1',
    TrailARN: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ACCOUNT_ID}:trail/org-trail`,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:us-east-1:${MANAGEMENT_ACCOUNT_ID}:key/0a1b2c3d-0000-4000-8000-000000000001`,
    HasCustomEventSelectors: true,
    HasInsightSelectors: false,
    IsOrganizationTrail: true,
  },
  {
    Name: 'audit-trail',
    S3BucketName: 'bench-bucket-0009',
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: true,
    HomeRegion: 'eu-west-1',
    TrailARN: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT_ID}:trail/audit-trail`,
    LogFileValidationEnabled: true,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT_ID}:log-group:cloudtrail/audit:*`,
    CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/CloudTrailToCloudWatchLogs`,
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  },
];

function trailStatus(): Reply {
  return jsonReply({
    IsLogging: true,
    LatestDeliveryError: '',
    LatestDeliveryTime: seconds(daysBefore(0.01)),
    LatestDigestDeliveryTime: seconds(daysBefore(0.01)),
    StartLoggingTime: seconds(daysBefore(600)),
  });
}

function eventSelectors(arn: string): Reply {
  return jsonReply({
    TrailARN: arn,
    EventSelectors: [
      {
        ReadWriteType: 'All',
        IncludeManagementEvents: true,
        DataResources: [],
        ExcludeManagementEventSources: [],
      },
    ],
  });
}

function configReplies(region: string) {
  const recorders = Array.from({ length: CONFIG_RECORDERS_PER_REGION }, (_, n) => ({
    arn: `arn:aws:config:${region}:${ACCOUNT_ID}:configuration-recorder/default${n || ''}/${hex(n, 6)}`,
    name: `default${n || ''}`,
  }));
  return {
    recorders: jsonReply({
      ConfigurationRecorders: recorders.map((r) => ({
        ...r,
        roleARN: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: region === 'us-east-1',
          resourceTypes: [],
          exclusionByResourceTypes: { resourceTypes: [] },
          recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
        },
        recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
      })),
    }),
    statuses: jsonReply({
      ConfigurationRecordersStatus: recorders.map((r) => ({
        ...r,
        lastStartTime: seconds(daysBefore(500)),
        recording: true,
        lastStatus: 'SUCCESS',
        lastStatusChangeTime: seconds(daysBefore(0.02)),
      })),
    }),
  };
}

function logGroups(region: string): unknown[] {
  return Array.from({ length: LOG_GROUPS_PER_REGION }, (_, g) => {
    const name =
      g === 0 ? 'cloudtrail/audit' : g === 1 ? '/vpc/flow-logs' : `/aws/lambda/function-${pad(g, 3)}`;
    const arn = `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${name}`;
    return {
      logGroupName: name,
      creationTime: Date.parse(daysBefore(300 + g)),
      ...(g % 4 === 3 ? {} : { retentionInDays: [30, 90, 365, 400][g % 4] }),
      metricFilterCount: 0,
      arn: `${arn}:*`,
      storedBytes: 1048576 * g,
      ...(g % 5 === 0
        ? { kmsKeyId: `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${kmsKeyId(REGIONS.indexOf(region), 7)}` }
        : {}),
      logGroupClass: 'STANDARD',
      logGroupArn: arn,
    };
  });
}

// ---- EC2 ----

const tagSet = (tags: Record<string, string>) =>
  `<tagSet>${Object.entries(tags)
    .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
    .join('')}</tagSet>`;

const EC2_SETS: Record<string, string> = {
  DescribeVpcs: 'vpcSet',
  DescribeSubnets: 'subnetSet',
  DescribeFlowLogs: 'flowLogSet',
  DescribeSecurityGroups: 'securityGroupInfo',
  DescribeNetworkInterfaces: 'networkInterfaceSet',
  DescribeInstances: 'reservationSet',
};

/** Per operation, each page's reply (`NextToken` is the page number). */
function ec2Region(r: number): Map<string, Reply[]> {
  const region = REGIONS[r]!;
  const id = (prefix: string, n: number) => `${prefix}-${hex(r, 4)}${hex(n, 13)}`;
  const vpcId = (v: number) => id('vpc', v);
  const subnetId = (s: number) => id('subnet', s);
  const sgId = (g: number) => id('sg', g);
  const vpcOfSubnet = (s: number) => s % VPCS_PER_REGION;
  const vpcOfGroup = (g: number) => g % VPCS_PER_REGION;
  const env = (n: number) => ({ Environment: n % 2 === 0 ? 'production' : 'development' });
  const vpcs = Array.from({ length: VPCS_PER_REGION }, (_, v) => {
    const cidr = v === 0 ? '172.31.0.0/16' : `10.${v}.0.0/16`;
    return `<item><vpcId>${vpcId(v)}</vpcId><ownerId>${ACCOUNT_ID}</ownerId><state>available</state><cidrBlock>${cidr}</cidrBlock><dhcpOptionsId>dopt-0a1b2c3d</dhcpOptionsId><instanceTenancy>default</instanceTenancy><isDefault>${v === 0}</isDefault>${v === 0 ? '' : tagSet({ Name: `vpc-${v}`, ...env(v) })}</item>`;
  });
  const subnets = Array.from({ length: SUBNETS_PER_REGION }, (_, s) => {
    const v = vpcOfSubnet(s);
    return `<item><subnetId>${subnetId(s)}</subnetId><subnetArn>arn:aws:ec2:${region}:${ACCOUNT_ID}:subnet/${subnetId(s)}</subnetArn><state>available</state><ownerId>${ACCOUNT_ID}</ownerId><vpcId>${vpcId(v)}</vpcId><cidrBlock>10.${v}.${s}.0/24</cidrBlock><availableIpAddressCount>250</availableIpAddressCount><availabilityZone>${region}a</availabilityZone><defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>${tagSet({ Name: `subnet-${s}`, ...env(s + v) })}</item>`;
  });
  const flowLogs = Array.from({ length: FLOW_LOGS_PER_REGION }, (_, f) => {
    const destination =
      f === 0
        ? `<logDestinationType>cloud-watch-logs</logDestinationType><logDestination>arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:/vpc/flow-logs</logDestination><logGroupName>/vpc/flow-logs</logGroupName>`
        : `<logDestinationType>s3</logDestinationType><logDestination>arn:aws:s3:::bench-flow-logs/${region}/</logDestination>`;
    return `<item><creationTime>${daysBefore(300)}</creationTime><deliverLogsStatus>SUCCESS</deliverLogsStatus><flowLogId>fl-${hex(r, 4)}${hex(f, 13)}</flowLogId><flowLogStatus>ACTIVE</flowLogStatus><resourceId>${vpcId(f % VPCS_PER_REGION)}</resourceId><trafficType>${f === 1 ? 'ACCEPT' : 'ALL'}</trafficType>${destination}<logFormat>\${version} \${account-id} \${interface-id}</logFormat><maxAggregationInterval>600</maxAggregationInterval><tagSet/></item>`;
  });
  const rule = (
    protocol: string,
    from: number | undefined,
    v4: string[],
    v6: string[] = [],
    group?: string,
  ) =>
    `<item><ipProtocol>${protocol}</ipProtocol>${from === undefined ? '' : `<fromPort>${from}</fromPort><toPort>${from}</toPort>`}${group ? `<groups><item><userId>${ACCOUNT_ID}</userId><groupId>${group}</groupId></item></groups>` : '<groups/>'}<ipRanges>${v4.map((c) => `<item><cidrIp>${c}</cidrIp></item>`).join('')}</ipRanges><ipv6Ranges>${v6.map((c) => `<item><cidrIpv6>${c}</cidrIpv6></item>`).join('')}</ipv6Ranges><prefixListIds/></item>`;
  const groups = Array.from({ length: SECURITY_GROUPS_PER_REGION }, (_, g) => {
    const kind = g % 12;
    const rules =
      kind === 0
        ? rule('tcp', 443, ['0.0.0.0/0'], ['::/0'])
        : kind === 1
          ? rule('tcp', 22, [g === 1 && r % 4 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'])
          : kind === 2
            ? rule('-1', undefined, [], [], sgId(g))
            : rule('tcp', 5432, [`10.${vpcOfGroup(g)}.0.0/16`]) +
              rule('tcp', 6379, [`10.${vpcOfGroup(g)}.0.0/16`]);
    return `<item><ownerId>${ACCOUNT_ID}</ownerId><groupId>${sgId(g)}</groupId><groupName>group-${g}</groupName><groupDescription>group ${g}</groupDescription><vpcId>${vpcId(vpcOfGroup(g))}</vpcId><ipPermissions>${rules}</ipPermissions><ipPermissionsEgress>${rule('-1', undefined, ['0.0.0.0/0'])}</ipPermissionsEgress>${g % 2 ? tagSet({ Name: `group-${g}` }) : ''}</item>`;
  });
  const interfaces = Array.from({ length: NETWORK_INTERFACES_PER_REGION }, (_, e) => {
    const ids = [
      sgId(e % SECURITY_GROUPS_PER_REGION),
      ...(e % 3 === 0 ? [sgId((e + 5) % SECURITY_GROUPS_PER_REGION)] : []),
    ];
    return `<item><networkInterfaceId>${id('eni', e)}</networkInterfaceId><subnetId>${subnetId(e % SUBNETS_PER_REGION)}</subnetId><status>in-use</status><groupSet>${ids.map((g) => `<item><groupId>${g}</groupId><groupName>${g}</groupName></item>`).join('')}</groupSet><tagSet/></item>`;
  });
  const instance = (n: number) => {
    const s = n % SUBNETS_PER_REGION;
    const state = n % 10 === 9 ? ['stopped', 80] : ['running', 16];
    return `<item><instanceId>${id('i', n)}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>${state[1]}</code><name>${state[0]}</name></instanceState><instanceType>t3.medium</instanceType><subnetId>${subnetId(s)}</subnetId><vpcId>${vpcId(vpcOfSubnet(s))}</vpcId>${tagSet({ Name: `app-${n}`, ...env(n) })}</item>`;
  };
  const reservations = Array.from({ length: Math.ceil(INSTANCES_PER_REGION / 2) }, (_, n) => {
    const items = [2 * n, 2 * n + 1].filter((i) => i < INSTANCES_PER_REGION).map(instance);
    return `<item><reservationId>${id('r', n)}</reservationId><ownerId>${ACCOUNT_ID}</ownerId><groupSet/><instancesSet>${items.join('')}</instancesSet></item>`;
  });
  const lists: Record<string, string[]> = {
    DescribeVpcs: vpcs,
    DescribeSubnets: subnets,
    DescribeFlowLogs: flowLogs,
    DescribeSecurityGroups: groups,
    DescribeNetworkInterfaces: interfaces,
    DescribeInstances: reservations,
  };
  const replies = new Map<string, Reply[]>();
  for (const [op, items] of Object.entries(lists)) {
    const pages = chunk(items, EC2_PAGE_SIZE);
    const set = EC2_SETS[op]!;
    replies.set(
      op,
      pages.map((page, n) =>
        ec2Reply(
          op,
          `<${set}>${page.join('')}</${set}>${n + 1 < pages.length ? `<nextToken>${n + 1}</nextToken>` : ''}`,
        ),
      ),
    );
  }
  return replies;
}

// ---- The server (child process) ----

function buildAccount() {
  const iam = iamReplies();
  const buckets = s3Buckets();
  const bucketByName = new Map(buckets.map((b) => [b.name, b]));
  const kms = new Map(REGIONS.map((region, r) => [region, kmsRegion(r)]));
  const ec2 = new Map(REGIONS.map((region, r) => [region, ec2Region(r)]));
  const config = new Map(REGIONS.map((region) => [region, configReplies(region)]));
  const logs = new Map(REGIONS.map((region) => [region, logGroups(region)]));
  const trailsByArn = new Map(TRAILS.map((t) => [t.TrailARN, t]));
  const trailList = jsonReply({ trailList: TRAILS });
  const status = trailStatus();
  const fixed = new Map<string, Reply>([
    [
      'sts:GetCallerIdentity',
      queryReply(
        'GetCallerIdentity',
        `<Arn>arn:aws:sts::${ACCOUNT_ID}:assumed-role/SecurityAudit/bench</Arn><UserId>AROA1:bench</UserId><Account>${ACCOUNT_ID}</Account>`,
      ),
    ],
    [
      'ec2:DescribeRegions',
      ec2Reply(
        'DescribeRegions',
        `<regionInfo>${REGIONS.map((r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join('')}</regionInfo>`,
      ),
    ],
    [
      'organizations:DescribeOrganization',
      jsonReply({
        Organization: {
          Id: 'o-benchorg',
          Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:organization/o-benchorg`,
          MasterAccountId: MANAGEMENT_ACCOUNT_ID,
          FeatureSet: 'ALL',
        },
      }),
    ],
    ['cloudtrail:DescribeTrails', trailList],
  ]);

  /** A page of a JSON list: `token` is the index of its first item. */
  const jsonPage = (
    items: unknown[],
    token: unknown,
    limit: unknown,
    listKey: string,
    tokenKey: string,
    truncated?: string,
  ) => {
    const start = typeof token === 'string' ? Number(token) : 0;
    const size = typeof limit === 'number' && limit > 0 ? limit : 50;
    const next = start + size < items.length ? String(start + size) : undefined;
    return jsonReply({
      [listKey]: items.slice(start, start + size),
      ...(truncated ? { [truncated]: next !== undefined } : {}),
      ...(next ? { [tokenKey]: next } : {}),
    });
  };

  return function answer({ service, region, op, params, json, bucket }: WireRequest): {
    key: string;
    reply: Reply;
  } {
    const key = `${service}:${op}`;
    const known = fixed.get(key);
    if (known) return { key, reply: known };
    const found = ((): Reply | undefined => {
      switch (service) {
        case 'iam':
          return op === 'GetAccountAuthorizationDetails'
            ? iam.authPages.get(String(params.Marker ?? ''))
            : iam.fixed.get(op);
        case 'ec2': {
          const pages = ec2.get(region)?.get(op);
          return pages?.[Number(params.NextToken ?? 0)];
        }
        case 'kms': {
          const r = kms.get(region);
          if (!r) return undefined;
          if (op === 'ListKeys') return r.listKeys;
          if (op === 'ListAliases')
            return jsonPage(r.aliases, params.Marker, params.Limit, 'Aliases', 'NextMarker', 'Truncated');
          const table =
            op === 'DescribeKey' ? r.describe : op === 'GetKeyRotationStatus' ? r.rotation : undefined;
          if (!table) return undefined;
          return (
            table.get(String(params.KeyId)) ??
            jsonError(400, 'NotFoundException', `Key '${String(params.KeyId)}' does not exist`)
          );
        }
        case 'cloudtrail': {
          const ref = String(params.Name ?? params.TrailName);
          const trail = trailsByArn.get(ref);
          if (!trail || trail.HomeRegion !== region)
            return jsonError(400, 'TrailNotFoundException', `Unknown trail: ${ref}`);
          return op === 'GetTrailStatus'
            ? status
            : op === 'GetEventSelectors'
              ? eventSelectors(ref)
              : undefined;
        }
        case 'config': {
          const r = config.get(region);
          return op === 'DescribeConfigurationRecorders'
            ? r?.recorders
            : op === 'DescribeConfigurationRecorderStatus'
              ? r?.statuses
              : undefined;
        }
        case 'logs': {
          const groups = logs.get(region);
          return op === 'DescribeLogGroups' && groups
            ? jsonPage(groups, params.nextToken, params.limit, 'logGroups', 'nextToken')
            : undefined;
        }
        case 's3':
          return s3Answer(op, params, region, bucket);
        default:
          return undefined;
      }
    })();
    return { key, reply: found ?? noAnswer(service, op, json) };
  };

  function s3Answer(
    op: string,
    params: Record<string, unknown>,
    region: string,
    name: string,
  ): Reply | undefined {
    if (op === 'ListBuckets') {
      const max = Number(params['max-buckets'] ?? 10_000);
      return listBucketsPage(buckets, Number(params['continuation-token'] ?? 0), max);
    }
    const bucket = bucketByName.get(name);
    if (!bucket) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (op === 'location') return bucket.location;
    // A request signed for the wrong region is refused, as AWS does.
    if (region !== bucket.region)
      return s3Error(
        400,
        'AuthorizationHeaderMalformed',
        `the region '${region}' is wrong; expecting '${bucket.region}'`,
      );
    return bucket.answers.get(op);
  }
}

/** What the server routes a request by. */
interface WireRequest {
  service: string;
  region: string;
  /** `ListUsers`, `DescribeTrails`; for S3 the sub-resource (`encryption`, `location`) or `ListBuckets`. */
  op: string;
  /** Query-protocol parameters, the JSON body, or S3's query string. */
  params: Record<string, unknown>;
  /** A JSON 1.1 request (x-amz-target), answered in JSON. */
  json: boolean;
  /** S3: the bucket of a path-style request. */
  bucket: string;
}

const SCOPE = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//;

/** Service and region from the SigV4 credential scope; the operation as each protocol names it. */
function parseRequest(req: IncomingMessage, body: string): WireRequest {
  const path = req.url ?? '/';
  const [region = '', service = ''] = SCOPE.exec(String(req.headers.authorization))?.slice(1) ?? [];
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    return { service, region, op: target.slice(target.lastIndexOf('.') + 1), params, json: true, bucket: '' };
  }
  if (service === 's3') {
    const url = new URL(path, 'http://localhost');
    const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    const sub = [...url.searchParams.keys()].find((k) => k !== 'x-id') ?? '';
    const op = !bucket ? 'ListBuckets' : sub || (req.method === 'HEAD' ? 'HeadBucket' : 'ListObjects');
    return { service, region, op, params: Object.fromEntries(url.searchParams), json: false, bucket };
  }
  const params = Object.fromEntries(new URLSearchParams(body || path.split('?')[1] || ''));
  return { service, region, op: String(params.Action ?? ''), params, json: false, bucket: '' };
}

async function serve(): Promise<void> {
  const t0 = performance.now();
  const answer = buildAccount();
  const buildMs = performance.now() - t0;
  let counts = new Map<string, number>();
  let latency = 0;
  let cpuMark = process.cpuUsage();
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const { key, reply: r } = answer(parseRequest(req, body));
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const send = () => {
      res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': r.body.length });
      res.end(r.body);
    };
    if (latency > 0) setTimeout(send, latency);
    else send();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: ServerMessage) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage(cpuMark);
      process.send!({
        type: 'stats',
        counts: Object.fromEntries(counts),
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
      counts = new Map();
      cpuMark = process.cpuUsage();
    } else if (message.type === 'latency') {
      latency = message.ms;
      process.send!({ type: 'ok' });
    }
  });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
  });
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}`, buildMs });
}

type ServerMessage = { type: 'stats' } | { type: 'latency'; ms: number };
type ServerReply =
  | { type: 'ready'; url: string; buildMs: number }
  | { type: 'stats'; counts: Record<string, number>; cpuMs: number }
  | { type: 'ok' };

// ---- The bench (parent process) ----

function ask<T extends ServerReply>(child: ChildProcess, message: ServerMessage): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Why the snapshot is not a complete collection of the bench account; empty when it is. */
function problems(snapshot: AwsSnapshot): string[] {
  const found: string[] = [];
  for (const section of ['iam', 's3', 'kms', 'cloudtrail', 'ec2', 'config', 'logs'] as const)
    if (!snapshot[section]) found.push(`section ${section} is missing`);
  for (const e of snapshot.errors.slice(0, 10))
    found.push(`error: ${e.service} ${e.operation} ${e.region ?? ''} ${e.resourceId ?? ''}: ${e.message}`);
  if (snapshot.errors.length > 10) found.push(`...and ${snapshot.errors.length - 10} more errors`);
  const expect = (what: string, actual: number | undefined, expected: number) => {
    if (actual !== expected) found.push(`${what}: ${actual ?? 'none'} collected, ${expected} in the account`);
  };
  const regions = REGIONS.length;
  expect('regions', snapshot.regions.length, regions);
  expect('IAM users', snapshot.iam?.users.length, IAM_USERS);
  expect('IAM roles', snapshot.iam?.roles.length, IAM_ROLES);
  expect('IAM groups', snapshot.iam?.groups.length, IAM_GROUPS);
  expect('IAM policies kept', snapshot.iam?.policies.length, IAM_CUSTOMER_POLICIES + ATTACHED_AWS_POLICIES);
  expect('credential report rows', snapshot.iam?.credentialReport?.length, IAM_USERS + 1);
  expect('S3 buckets', snapshot.s3?.buckets.length, BUCKETS);
  expect('KMS keys', snapshot.kms?.keys.length, KMS_KEYS_PER_REGION * regions);
  expect('trails', snapshot.cloudtrail?.trails.length, TRAILS.length);
  expect('Config recorders', snapshot.config?.recorders.length, CONFIG_RECORDERS_PER_REGION * regions);
  expect('log groups', snapshot.logs?.logGroups.length, LOG_GROUPS_PER_REGION * regions);
  expect('VPCs', snapshot.ec2?.vpcs.length, VPCS_PER_REGION * regions);
  expect('subnets', snapshot.ec2?.subnets.length, SUBNETS_PER_REGION * regions);
  expect('security groups', snapshot.ec2?.securityGroups.length, SECURITY_GROUPS_PER_REGION * regions);
  expect('instances', snapshot.ec2?.instances.length, INSTANCES_PER_REGION * regions);
  expect('flow logs', snapshot.ec2?.flowLogs.length, FLOW_LOGS_PER_REGION * regions);
  return found;
}

async function bench(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Extract<ServerReply, { type: 'ready' }>>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Extract<ServerReply, { type: 'ready' }>));
      child.once('exit', (code) =>
        reject(new Error(`the bench server exited (${code}) before it was ready`)),
      );
    });
    child.removeAllListeners('exit');
    // The SDK reads these when each client is made, so set them before any client exists.
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: ready.url,
      AWS_ACCESS_KEY_ID: 'AKIAFAKEBENCHKEY0001', // fake: the local server checks no signature
      AWS_SECRET_ACCESS_KEY: 'bench-secret',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    // Imported here rather than at the top, so the server process never loads the SDK or the checks.
    const { collectAwsAccount } = await import('../source/collect/aws/collect-account.js');
    const { awsClientConfig } = await import('../source/collect/aws/context.js');
    const { credentialsFor } = await import('../source/collect/aws/credentials.js');
    const { collectIam } = await import('../source/collect/aws/iam.js');
    const { collectS3 } = await import('../source/collect/aws/s3.js');
    const { collectKms } = await import('../source/collect/aws/kms.js');
    const { collectCloudTrail } = await import('../source/collect/aws/cloudtrail.js');
    const { collectEc2 } = await import('../source/collect/aws/ec2.js');
    const { collectConfig } = await import('../source/collect/aws/config.js');
    const { collectLogs } = await import('../source/collect/aws/logs.js');
    const { accountAlias, collectOrganization } = await import('../source/collect/aws/organization.js');
    const { loadContent } = await import('../source/app/content.js');
    const { evaluateSnapshot } = await import('../source/evaluate/evaluate-checks.js');

    const target = { provider: 'aws', from: 'environment' } as const;
    const stats = () => ask<Extract<ServerReply, { type: 'stats' }>>(child, { type: 'stats' });
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const cpu = process.cpuUsage(since);
      return (cpu.user + cpu.system) / 1000;
    };
    const setLatency = (latency: number) => ask(child, { type: 'latency', ms: latency });
    const collect = async () => {
      await stats(); // resets the server's counts
      const cpu = process.cpuUsage();
      const start = performance.now();
      const snapshot = await collectAwsAccount(target, { now: () => NOW });
      const elapsed = performance.now() - start;
      const clientCpu = cpuMs(cpu);
      const server = await stats();
      const found = problems(snapshot);
      if (found.length > 0) throw new Error(`the collection is incomplete:\n- ${found.join('\n- ')}`);
      return { snapshot, elapsed, clientCpu, counts: server.counts, serverCpu: server.cpuMs };
    };

    const rssBefore = process.memoryUsage().rss;
    let heapPeak = 0;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    sampler.unref();
    await collect(); // warm-up: module code compiled, sockets opened once
    // Only the last snapshot is kept, so the heap after the runs holds one collection, not RUNS of them.
    const runs: Omit<Awaited<ReturnType<typeof collect>>, 'snapshot'>[] = [];
    let lastSnapshot: AwsSnapshot | undefined;
    for (let i = 0; i < RUNS; i++) {
      const { snapshot, ...run } = await collect();
      runs.push(run);
      lastSnapshot = snapshot;
    }
    clearInterval(sampler);
    const memory = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const last = { ...runs[runs.length - 1]!, snapshot: lastSnapshot! };
    const times = runs.map((r) => r.elapsed);
    const requests = total(last.counts);
    const snapshotBytes = Buffer.byteLength(JSON.stringify(last.snapshot));

    const content = await loadContent();
    const evalStart = performance.now();
    const findings = evaluateSnapshot(last.snapshot, content.checks);
    const evalMs = performance.now() - evalStart;

    // Each collector alone, on the same account, with a context as collectAwsAccount builds it.
    const clientConfig = awsClientConfig(credentialsFor(target));
    const context = (): AwsCollectContext => ({
      accountId: ACCOUNT_ID,
      regions: REGIONS,
      homeRegion: 'us-east-1',
      clientConfig,
      errors: [],
    });
    const collectors: [string, (ctx: AwsCollectContext) => Promise<unknown>][] = [
      ['S3', collectS3],
      ['IAM', collectIam],
      ['KMS', collectKms],
      ['EC2', collectEc2],
      ['CloudWatch Logs', collectLogs],
      ['CloudTrail', collectCloudTrail],
      ['AWS Config', collectConfig],
      ['Organizations + account alias', (ctx) => Promise.all([collectOrganization(ctx), accountAlias(ctx)])],
    ];
    const timeAlone = async (fn: (ctx: AwsCollectContext) => Promise<unknown>) => {
      await stats();
      const ctx = context();
      const cpu = process.cpuUsage();
      const start = performance.now();
      await fn(ctx);
      const elapsed = performance.now() - start;
      const clientCpu = cpuMs(cpu);
      if (ctx.errors.length > 0)
        throw new Error(`collector errors: ${JSON.stringify(ctx.errors.slice(0, 3))}`);
      return { elapsed, clientCpu, requests: total((await stats()).counts) };
    };
    const alone: { name: string; requests: number; median: number; cpu: number; latency?: number }[] = [];
    for (const [name, fn] of collectors) {
      const times: number[] = [];
      const cpus: number[] = [];
      let count = 0;
      for (let i = 0; i < COLLECTOR_RUNS; i++) {
        const { elapsed, clientCpu, requests } = await timeAlone(fn);
        times.push(elapsed);
        cpus.push(clientCpu);
        count = requests;
      }
      alone.push({ name, requests: count, median: median(times), cpu: median(cpus) });
    }
    let latencyRun: number | undefined;
    if (LATENCY_MS > 0) {
      await setLatency(LATENCY_MS);
      latencyRun = (await collect()).elapsed;
      for (const row of alone)
        row.latency = (await timeAlone(collectors.find(([n]) => n === row.name)![1])).elapsed;
      await setLatency(0);
    }

    const sizes = [
      `${REGIONS.length} regions`,
      `${int(IAM_USERS)} IAM users, ${IAM_ROLES} roles, ${IAM_GROUPS} groups, ${IAM_CUSTOMER_POLICIES} customer + ${IAM_AWS_POLICIES} AWS policies`,
      `${BUCKETS} buckets`,
      `${KMS_KEYS_PER_REGION} KMS keys, ${LOG_GROUPS_PER_REGION} log groups, ${VPCS_PER_REGION} VPCs, ${SUBNETS_PER_REGION} subnets, ${SECURITY_GROUPS_PER_REGION} security groups, ${NETWORK_INTERFACES_PER_REGION} ENIs, ${INSTANCES_PER_REGION} instances and ${FLOW_LOGS_PER_REGION} flow logs per region`,
      `${TRAILS.length} trails`,
    ].join('; ');
    console.log(
      `Live AWS collection, large account: ${sizes}. ${int(requests)} requests per collection to a local server (a child process, no added latency); ${RUNS} runs after a warm-up.\n`,
    );
    console.log('| what | median | min | max |\n|---|---|---|---|');
    console.log(
      `| collect the whole account (\`collectAwsAccount\`) | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} |`,
    );
    const rates = runs.map((r) => total(r.counts) / (r.elapsed / 1000));
    console.log(
      `| requests per second | ${int(median(rates))} | ${int(Math.min(...rates))} | ${int(Math.max(...rates))} |`,
    );
    console.log('\n| what | value |\n|---|---|');
    console.log(`| requests served per collection | ${int(requests)} |`);
    console.log(
      `| collecting process CPU per collection (median) | ${ms(median(runs.map((r) => r.clientCpu)))} |`,
    );
    console.log(
      `| server process CPU per collection (median) | ${ms(median(runs.map((r) => r.serverCpu)))} |`,
    );
    console.log(`| RSS before the first collection (SDK loaded) | ${mb(rssBefore)} |`);
    console.log(`| peak RSS (process high-water mark) | ${mb(peakRss)} |`);
    console.log(`| RSS / heap in use after the runs | ${mb(memory.rss)} / ${mb(memory.heapUsed)} |`);
    console.log(`| peak heap in use (sampled every 5 ms) | ${mb(heapPeak)} |`);
    console.log(`| snapshot as JSON | ${(snapshotBytes / 2 ** 20).toFixed(1)} MB |`);
    console.log(
      `| evaluate every check on the snapshot (once) | ${ms(evalMs)}, ${int(findings.length)} findings |`,
    );
    if (latencyRun !== undefined)
      console.log(
        `| collect the whole account, ${LATENCY_MS} ms latency per call (once) | ${ms(latencyRun)} |`,
      );
    const latencyHead = LATENCY_MS > 0 ? ` ${LATENCY_MS} ms latency per call (once) |` : '';
    console.log(
      `\n| collector alone | requests | no latency (median of ${COLLECTOR_RUNS}) | its CPU | CPU per request |${latencyHead}\n|---|---|---|---|---|${LATENCY_MS > 0 ? '---|' : ''}`,
    );
    for (const row of alone)
      console.log(
        `| ${row.name} | ${int(row.requests)} | ${ms(row.median)} | ${ms(row.cpu)} | ${(row.cpu / row.requests).toFixed(1)} ms |${row.latency === undefined ? '' : ` ${ms(row.latency)} |`}`,
      );
    const byService = new Map<string, number>();
    for (const [key, n] of Object.entries(last.counts)) {
      const service = key.split(':')[0]!;
      byService.set(service, (byService.get(service) ?? 0) + n);
    }
    console.log(
      `\nRequests per service in one collection: ${[...byService]
        .sort((a, b) => b[1] - a[1])
        .map(([s, n]) => `${s} ${int(n)}`)
        .join(', ')}. Server built the account in ${ms(ready.buildMs)}.`,
    );
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) await serve();
else
  await bench().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
