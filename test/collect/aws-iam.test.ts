import { describe, expect, it } from 'vitest';
import iamChecks from '../../checks/aws/iam/index.js';
import {
  collectIam,
  parseCredentialReport,
  parseCsv,
  parsePolicyDocument,
  type IamCollectOptions,
} from '../../source/collect/aws/iam.js';
import { CollectionCancelled } from '../../source/collect/aws/context.js';
import type { AwsIam, PolicyDocument } from '../../source/model/aws-snapshot.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, queryResult, type AwsHandler } from './aws-wire.js';
import { expectOnlyReads, wirePerTest, wireContext } from './collect-harness.js';
import {
  ADMIN_ACCESS,
  ADMIN_DOC,
  APP_UPLOADS,
  authorizationDetailsPage,
  CREDENTIAL_REPORT_CSV,
  DEPLOY_DOC,
  DEVELOPER_ACCESS,
  DEVELOPER_DOC,
  EC2_TRUST_DOC,
  iamAccount,
  READ_ONLY_ACCESS,
  READ_ONLY_DOC,
  SECOND_PAGE_MARKER,
  SUPPORT_ROLE_POLICY,
  UPLOADS_DOC,
} from './fixtures/aws-iam-account.js';

const ACCOUNT = '111122223333';
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

const FAST: IamCollectOptions = { reportPollMs: 1, reportPollTries: 4 };

const wire = wirePerTest();

/** Collects IAM against the fixture account, with `override` answering first where it wants to. */
async function collect(override: AwsHandler = () => undefined, options: IamCollectOptions = FAST) {
  const { section, ...rest } = await wire.collect(
    (request) => override(request) ?? iamAccount(request),
    { accountId: ACCOUNT, regions: ['eu-west-1', 'us-east-1'] },
    (ctx) => collectIam(ctx, options),
  );
  return { iam: section, ...rest };
}

/** Every check's findings as `check-id resource → STATUS`. */
function verdicts(iam: AwsIam | undefined, errors: CollectionError[]): Record<string, string> {
  const snapshot = awsSnapshot({ iam, errors });
  return Object.fromEntries(
    iamChecks.flatMap((check) =>
      check.evaluate(snapshot).map((r) => [`${check.id} ${r.resourceName ?? r.resourceId}`, r.status]),
    ),
  );
}

function findings(checkId: string, iam: AwsIam | undefined, errors: CollectionError[]) {
  const check = iamChecks.find((c) => c.id === checkId)!;
  return check.evaluate(awsSnapshot({ iam, errors }));
}

/** The error recorded when IAM answered, but not with something the collector can use. */
const unusableReply = (operation: string, message: string) => ({
  service: 'iam',
  operation,
  kind: 'Other',
  message,
});

const isOperation = (name: string) => (r: { service: string; operation: string }) =>
  r.service === 'iam' && r.operation === name;

describe('collectIam on the wire', () => {
  it('reads users, groups, roles, attached policies, the credential report, password policy and summary', async () => {
    const { iam, errors } = await collect();
    expect(errors).toEqual([]);
    expect(iam).toEqual({
      users: [
        {
          userName: 'alice',
          arn: userArn('alice'),
          path: '/',
          createDate: '2024-02-01T10:00:00.000Z',
          inlinePolicies: [],
          attachedPolicyArns: [READ_ONLY_ACCESS],
          groupNames: ['developers'],
          tags: { team: 'platform', owner: 'alice@example.com' },
        },
        {
          userName: 'bob',
          arn: userArn('bob'),
          path: '/',
          createDate: '2023-05-10T12:00:00.000Z',
          inlinePolicies: [],
          attachedPolicyArns: [ADMIN_ACCESS],
          groupNames: [],
        },
        {
          userName: 'ci-deploy',
          arn: userArn('ci-deploy'),
          path: '/',
          createDate: '2024-11-20T14:30:00.000Z',
          inlinePolicies: [{ name: 'deploy', document: DEPLOY_DOC }],
          attachedPolicyArns: [],
          groupNames: [],
        },
      ],
      roles: [
        {
          roleName: 'app-backend',
          arn: `arn:aws:iam::${ACCOUNT}:role/app-backend`,
          path: '/',
          createDate: '2024-03-01T00:00:00.000Z',
          inlinePolicies: [],
          attachedPolicyArns: [APP_UPLOADS],
          assumeRolePolicy: EC2_TRUST_DOC,
          lastUsedDate: '2026-10-31T22:10:05.000Z',
          tags: { service: 'backend' },
        },
        expect.objectContaining({
          roleName: 'AWSServiceRoleForSupport',
          path: '/aws-service-role/support.amazonaws.com/',
          attachedPolicyArns: [SUPPORT_ROLE_POLICY],
        }),
      ],
      groups: [
        {
          groupName: 'developers',
          arn: `arn:aws:iam::${ACCOUNT}:group/developers`,
          inlinePolicies: [],
          attachedPolicyArns: [DEVELOPER_ACCESS],
        },
      ],
      // AmazonS3FullAccess is in AWS's catalogue but attached nowhere: left out.
      policies: [
        {
          arn: ADMIN_ACCESS,
          policyName: 'AdministratorAccess',
          awsManaged: true,
          attachmentCount: 1,
          document: ADMIN_DOC,
        },
        expect.objectContaining({ arn: READ_ONLY_ACCESS, awsManaged: true, document: READ_ONLY_DOC }),
        expect.objectContaining({ arn: SUPPORT_ROLE_POLICY, awsManaged: true }),
        // The default version (v2), not the older admin v1.
        {
          arn: DEVELOPER_ACCESS,
          policyName: 'developer-access',
          awsManaged: false,
          attachmentCount: 1,
          document: DEVELOPER_DOC,
        },
        expect.objectContaining({ arn: APP_UPLOADS, awsManaged: false, document: UPLOADS_DOC }),
      ],
      credentialReport: [
        {
          user: '<root_account>',
          arn: `arn:aws:iam::${ACCOUNT}:root`,
          userCreationTime: '2019-03-04T09:00:00.000Z',
          passwordEnabled: false,
          passwordLastUsed: '2026-10-02T08:15:00.000Z',
          mfaActive: true,
          accessKeys: [{ active: false }, { active: false }],
        },
        {
          user: 'alice',
          arn: userArn('alice'),
          userCreationTime: '2024-02-01T10:00:00.000Z',
          passwordEnabled: true,
          passwordLastUsed: '2026-10-30T17:45:12.000Z',
          mfaActive: true,
          accessKeys: [
            {
              active: true,
              lastRotated: '2026-09-15T08:00:00.000Z',
              lastUsedDate: '2026-10-31T09:12:00.000Z',
            },
            { active: false },
          ],
        },
        expect.objectContaining({ user: 'bob', passwordEnabled: true, mfaActive: false }),
        {
          user: 'ci-deploy',
          arn: userArn('ci-deploy'),
          userCreationTime: '2024-11-20T14:30:00.000Z',
          passwordEnabled: false,
          mfaActive: false,
          accessKeys: [
            {
              active: true,
              lastRotated: '2025-01-10T14:31:00.000Z',
              lastUsedDate: '2025-06-01T03:00:00.000Z',
            },
            { active: false, lastRotated: '2024-11-20T14:31:00.000Z' },
          ],
        },
      ],
      passwordPolicy: {
        minimumPasswordLength: 8,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        maxPasswordAge: 90,
        passwordReusePrevention: 5,
      },
      accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false },
    });
  });

  it('gives the IAM checks what they need to pass and fail the right principals', async () => {
    const { iam, errors } = await collect();
    expect(verdicts(iam, errors)).toEqual({
      'aws-iam-root-mfa root user': 'PASS',
      'aws-iam-root-access-keys root user': 'PASS',
      'aws-iam-no-admin-policy alice': 'PASS',
      'aws-iam-no-admin-policy bob': 'FAIL',
      'aws-iam-no-admin-policy ci-deploy': 'PASS',
      'aws-iam-no-admin-policy developers': 'PASS',
      'aws-iam-no-admin-policy app-backend': 'PASS',
      'aws-iam-wildcard-sensitive-actions developer-access': 'PASS',
      'aws-iam-wildcard-sensitive-actions app-uploads': 'PASS',
      'aws-iam-wildcard-sensitive-actions ci-deploy/deploy': 'FAIL',
      'aws-iam-user-active-access-keys alice': 'FAIL',
      'aws-iam-user-active-access-keys bob': 'PASS',
      'aws-iam-user-active-access-keys ci-deploy': 'FAIL',
      'aws-iam-console-user-mfa alice': 'PASS',
      'aws-iam-console-user-mfa bob': 'FAIL',
      'aws-iam-access-keys-unused alice': 'PASS',
      'aws-iam-access-keys-unused ci-deploy': 'FAIL',
      'aws-iam-access-keys-rotated alice': 'PASS',
      'aws-iam-access-keys-rotated ci-deploy': 'FAIL',
      'aws-iam-console-password-unused alice': 'PASS',
      'aws-iam-console-password-unused bob': 'FAIL',
      [`aws-iam-password-policy ${ACCOUNT}`]: 'FAIL',
    });
  });

  it('leaves IAM unread when GetAccountAuthorizationDetails is denied, and the checks name the permission', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetAccountAuthorizationDetails'
        ? denied(r, 'iam:GetAccountAuthorizationDetails')
        : undefined,
    );
    expect(iam).toBeUndefined();
    expect(errors).toEqual([
      {
        service: 'iam',
        operation: 'GetAccountAuthorizationDetails',
        kind: 'AccessDenied',
        message: expect.stringContaining('not authorized'),
        permission: 'iam:GetAccountAuthorizationDetails',
      },
    ]);
    for (const id of ['aws-iam-no-admin-policy', 'aws-iam-wildcard-sensitive-actions']) {
      const [result, ...rest] = findings(id, iam, errors);
      expect(rest).toEqual([]);
      expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: ACCOUNT });
      expect(result?.reason).toContain(
        'iam GetAccountAuthorizationDetails failed with AccessDenied (missing iam:GetAccountAuthorizationDetails)',
      );
    }
  });

  it('leaves only the credential report unread when GetCredentialReport is denied', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetCredentialReport' ? denied(r, 'iam:GetCredentialReport') : undefined,
    );
    expect(iam?.credentialReport).toBeUndefined();
    expect(iam?.users).toHaveLength(3);
    expect(iam?.passwordPolicy).not.toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'iam',
        operation: 'GetCredentialReport',
        kind: 'AccessDenied',
        permission: 'iam:GetCredentialReport',
      }),
    ]);
    const results = verdicts(iam, errors);
    expect(results['aws-iam-console-user-mfa 111122223333']).toBe('UNKNOWN');
    expect(findings('aws-iam-console-user-mfa', iam, errors)[0]?.reason).toContain(
      '(missing iam:GetCredentialReport)',
    );
    // What does not need the report is still judged: the summary alone settles root MFA.
    expect(results['aws-iam-root-mfa root user']).toBe('PASS');
    expect(results['aws-iam-no-admin-policy bob']).toBe('FAIL');
    expect(results[`aws-iam-password-policy ${ACCOUNT}`]).toBe('FAIL');
  });

  it('records a denied GenerateCredentialReport under that operation and does not fetch the report', async () => {
    const { iam, errors, calls } = await collect((r) =>
      r.operation === 'GenerateCredentialReport' ? denied(r, 'iam:GenerateCredentialReport') : undefined,
    );
    expect(iam?.credentialReport).toBeUndefined();
    expect(calls.filter(isOperation('GetCredentialReport'))).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'GenerateCredentialReport',
        kind: 'AccessDenied',
        permission: 'iam:GenerateCredentialReport',
      }),
    ]);
    expect(findings('aws-iam-user-active-access-keys', iam, errors)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('missing iam:GenerateCredentialReport') },
    ]);
  });

  it('leaves the password policy and summary undefined when their reads are denied, and says why', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetAccountPasswordPolicy'
        ? denied(r, 'iam:GetAccountPasswordPolicy')
        : r.operation === 'GetAccountSummary'
          ? denied(r, 'iam:GetAccountSummary')
          : undefined,
    );
    expect(iam).toBeDefined();
    expect(iam).not.toHaveProperty('passwordPolicy');
    expect(iam).not.toHaveProperty('accountSummary');
    expect(errors.map((e) => [e.operation, e.kind, e.permission]).sort()).toEqual([
      ['GetAccountPasswordPolicy', 'AccessDenied', 'iam:GetAccountPasswordPolicy'],
      ['GetAccountSummary', 'AccessDenied', 'iam:GetAccountSummary'],
    ]);
    expect(findings('aws-iam-password-policy', iam, errors)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('missing iam:GetAccountPasswordPolicy') },
    ]);
    // The credential report's root row still answers the root checks.
    expect(verdicts(iam, errors)['aws-iam-root-mfa root user']).toBe('PASS');
  });

  it('reads an account without a password policy (NoSuchEntity) as null, with no error', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetAccountPasswordPolicy'
        ? awsError(
            r,
            404,
            'NoSuchEntity',
            'The Password Policy with domain name 111122223333 cannot be found.',
          )
        : undefined,
    );
    expect(iam?.passwordPolicy).toBeNull();
    expect(errors).toEqual([]);
    expect(findings('aws-iam-password-policy', iam, errors)).toMatchObject([
      { status: 'FAIL', reason: `Account ${ACCOUNT} has no IAM password policy.` },
    ]);
  });

  it('follows the Marker across pages, asking for every kind of entity', async () => {
    const { iam, calls } = await collect();
    const pages = calls.filter(isOperation('GetAccountAuthorizationDetails'));
    expect(pages).toHaveLength(2);
    expect(pages[0]?.params.Marker).toBeUndefined();
    expect(pages[1]?.params.Marker).toBe(SECOND_PAGE_MARKER);
    expect(
      Object.entries(pages[0]!.params)
        .filter(([k]) => k.startsWith('Filter.'))
        .map(([, v]) => v)
        .sort(),
    ).toEqual(['AWSManagedPolicy', 'Group', 'LocalManagedPolicy', 'Role', 'User']);
    // Users from both pages, and the policies that only the second page carries.
    expect(iam?.users.map((u) => u.userName)).toEqual(['alice', 'bob', 'ci-deploy']);
    expect(iam?.policies.map((p) => p.policyName)).toContain('developer-access');
  });

  it('leaves IAM unread when a later page fails, rather than showing a partial list', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetAccountAuthorizationDetails' && r.params.Marker === SECOND_PAGE_MARKER
        ? denied(r, 'iam:GetAccountAuthorizationDetails')
        : undefined,
    );
    expect(iam).toBeUndefined();
    expect(errors).toMatchObject([{ operation: 'GetAccountAuthorizationDetails', kind: 'AccessDenied' }]);
    expect(verdicts(iam, errors)).toEqual({
      [`aws-iam-no-admin-policy ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-wildcard-sensitive-actions ${ACCOUNT}`]: 'UNKNOWN',
      // Everything else reads from `iam`, which is not there.
      [`aws-iam-root-mfa ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-root-access-keys ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-user-active-access-keys ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-console-user-mfa ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-access-keys-unused ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-access-keys-rotated ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-console-password-unused ${ACCOUNT}`]: 'UNKNOWN',
      [`aws-iam-password-policy ${ACCOUNT}`]: 'UNKNOWN',
    });
  });

  it('leaves IAM unread when a page says more follow but gives no new Marker, and says so', async () => {
    const { iam, errors, calls } = await collect((r) =>
      r.operation === 'GetAccountAuthorizationDetails' && r.params.Marker === SECOND_PAGE_MARKER
        ? authorizationDetailsPage({}, SECOND_PAGE_MARKER)
        : undefined,
    );
    expect(iam).toBeUndefined();
    expect(calls.filter(isOperation('GetAccountAuthorizationDetails'))).toHaveLength(2);
    expect(errors).toEqual([
      unusableReply(
        'GetAccountAuthorizationDetails',
        'IAM said more results follow but gave no new Marker to fetch them',
      ),
    ]);
  });

  // The SDK's real backoff and adaptive rate limiter run here: this takes a few seconds.
  it('retries throttled calls transparently', async () => {
    const THROTTLES = 2;
    let throttled = 0;
    const { iam, errors } = await collect((r) => {
      if (r.operation !== 'GetAccountAuthorizationDetails' || throttled >= THROTTLES) return undefined;
      throttled++;
      return awsError(r, 400, 'Throttling', 'Rate exceeded');
    });
    expect(throttled).toBe(THROTTLES);
    expect(errors).toEqual([]);
    expect(iam?.users).toHaveLength(3);
  });

  it('polls GenerateCredentialReport until the report is COMPLETE', async () => {
    const states = ['STARTED', 'INPROGRESS', 'COMPLETE'];
    const { iam, errors, calls } = await collect((r) =>
      r.operation === 'GenerateCredentialReport'
        ? queryResult('GenerateCredentialReport', `<State>${states.shift() ?? 'COMPLETE'}</State>`)
        : undefined,
    );
    expect(calls.filter(isOperation('GenerateCredentialReport'))).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(iam?.credentialReport).toHaveLength(4);
  });

  it('gives up on a report that is never ready after the bounded number of tries', async () => {
    const { iam, errors, calls } = await collect((r) =>
      r.operation === 'GenerateCredentialReport'
        ? queryResult('GenerateCredentialReport', '<State>INPROGRESS</State>')
        : undefined,
    );
    expect(calls.filter(isOperation('GenerateCredentialReport'))).toHaveLength(FAST.reportPollTries!);
    expect(calls.filter(isOperation('GetCredentialReport'))).toEqual([]);
    expect(iam?.credentialReport).toBeUndefined();
    expect(errors).toEqual([
      unusableReply(
        'GenerateCredentialReport',
        'the credential report was still being generated after 4 tries',
      ),
    ]);
  });

  it('stops waiting for the report as soon as the collection is cancelled', async () => {
    await wire.start((r) =>
      r.operation === 'GenerateCredentialReport'
        ? queryResult('GenerateCredentialReport', '<State>INPROGRESS</State>')
        : iamAccount(r),
    );
    const controller = new AbortController();
    const ctx = wireContext({ accountId: ACCOUNT, regions: ['us-east-1'], signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(collectIam(ctx, { reportPollMs: 60_000 })).rejects.toBeInstanceOf(CollectionCancelled);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ctx.errors).toEqual([]);
  });

  it('records an unreadable report body under GetCredentialReport', async () => {
    const { iam, errors } = await collect((r) =>
      r.operation === 'GetCredentialReport'
        ? queryResult(
            'GetCredentialReport',
            `<Content>${Buffer.from('name,when\nx,y').toString('base64')}</Content><ReportFormat>text/csv</ReportFormat>`,
          )
        : undefined,
    );
    expect(iam?.credentialReport).toBeUndefined();
    expect(errors).toEqual([
      unusableReply('GetCredentialReport', 'the credential report has no "user" column'),
    ]);
  });

  it('leaves out a policy or principal whose document cannot be parsed, so nothing passes on partial data', async () => {
    const broken = '%7B%22Statement%22%3A%5B'; // `{"Statement":[` cut short
    const { iam, errors } = await collect((r) => {
      if (r.operation !== 'GetAccountAuthorizationDetails') return undefined;
      const reply = iamAccount(r)!;
      // Break developer-access's default version and ci-deploy's inline policy.
      const body = reply.body
        .replace(encodeURIComponent(JSON.stringify(DEVELOPER_DOC)), broken)
        .replace(encodeURIComponent(JSON.stringify(DEPLOY_DOC)), broken);
      return { ...reply, body };
    });
    expect(iam?.policies.map((p) => p.policyName)).not.toContain('developer-access');
    expect(iam?.users.map((u) => u.userName)).toEqual(['alice', 'bob']);
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'GetAccountAuthorizationDetails',
        kind: 'Other',
        resourceId: userArn('ci-deploy'),
      }),
      expect.objectContaining({
        operation: 'GetAccountAuthorizationDetails',
        kind: 'Other',
        resourceId: DEVELOPER_ACCESS,
      }),
    ]);
    // The group and its member alice cannot be cleared without developer-access's document.
    const results = verdicts(iam, errors);
    expect(results['aws-iam-no-admin-policy developers']).toBe('UNKNOWN');
    expect(results['aws-iam-no-admin-policy alice']).toBe('UNKNOWN');
  });

  it('issues only read operations', async () => {
    const states = ['STARTED', 'COMPLETE'];
    const { calls } = await collect((r) =>
      r.operation === 'GenerateCredentialReport'
        ? queryResult('GenerateCredentialReport', `<State>${states.shift() ?? 'COMPLETE'}</State>`)
        : undefined,
    );
    const operations = [...new Set(calls.map((c) => `${c.service} ${c.region} ${c.operation}`))].sort();
    expect(operations).toEqual([
      'iam us-east-1 GenerateCredentialReport',
      'iam us-east-1 GetAccountAuthorizationDetails',
      'iam us-east-1 GetAccountPasswordPolicy',
      'iam us-east-1 GetAccountSummary',
      'iam us-east-1 GetCredentialReport',
    ]);
    expectOnlyReads(calls, 'iam', /^(Get|List|Describe|GenerateCredentialReport$)/);
  });

  it('answers nothing for other services', () => {
    expect(
      iamAccount({
        service: 's3',
        region: 'us-east-1',
        operation: 'ListBuckets',
        params: {},
        raw: {} as never,
      }),
    ).toBeUndefined();
    expect(authorizationDetailsPage({}).body).toContain('<IsTruncated>false</IsTruncated>');
  });
});

describe('parseCsv', () => {
  it('splits plain fields and lines, LF or CRLF', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,,6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and newlines inside quoted fields', () => {
    expect(parseCsv('name,note\n"Smith, J","said ""hi""\nthen left"\nlast,"x"')).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"\nthen left'],
      ['last', 'x'],
    ]);
  });

  it('keeps a trailing empty field and has no row for a final newline', () => {
    expect(parseCsv('a,\nb,c')).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('parseCredentialReport', () => {
  it('reads the root row: its not_supported password is no console password, N/A keys are inactive and undated', () => {
    const [root] = parseCredentialReport(CREDENTIAL_REPORT_CSV);
    expect(root).toEqual({
      user: '<root_account>',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      userCreationTime: '2019-03-04T09:00:00.000Z',
      passwordEnabled: false,
      passwordLastUsed: '2026-10-02T08:15:00.000Z',
      mfaActive: true,
      accessKeys: [{ active: false }, { active: false }],
    });
  });

  it('treats N/A, no_information and not_supported as absent, whatever the column order', () => {
    const csv =
      'mfa_active,arn,user,password_enabled,password_last_used,user_creation_time,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date\n' +
      `false,${userArn('dana')},dana,true,no_information,2022-01-01T00:00:00+00:00,true,2022-01-02T00:00:00+00:00,N/A`;
    expect(parseCredentialReport(csv)).toEqual([
      {
        user: 'dana',
        arn: userArn('dana'),
        userCreationTime: '2022-01-01T00:00:00.000Z',
        passwordEnabled: true,
        mfaActive: false,
        // key 2's columns are missing altogether: read as a key that does not exist.
        accessKeys: [{ active: true, lastRotated: '2022-01-02T00:00:00.000Z' }, { active: false }],
      },
    ]);
  });

  it('reads quoted fields and skips blank lines', () => {
    const csv = `user,arn,user_creation_time,password_enabled,mfa_active\r\n"svc,ops","${userArn('svc,ops')}",2024-01-01T00:00:00+00:00,false,false\r\n\r\n`;
    expect(parseCredentialReport(csv).map((r) => [r.user, r.arn])).toEqual([['svc,ops', userArn('svc,ops')]]);
  });

  it('refuses a report without the user or arn column', () => {
    expect(() => parseCredentialReport('arn,mfa_active\nx,true')).toThrow('no "user" column');
    expect(() => parseCredentialReport('')).toThrow('empty');
  });
});

describe('parsePolicyDocument', () => {
  const doc: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a b/100%/*' }],
  };

  it('decodes the URL-encoded JSON IAM sends, and accepts already-decoded JSON', () => {
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });

  it('gives undefined for text that is not a policy document', () => {
    expect(parsePolicyDocument(undefined)).toBeUndefined();
    expect(parsePolicyDocument('%7B%22Statement')).toBeUndefined();
    expect(parsePolicyDocument('%E0%A4%A')).toBeUndefined();
    expect(parsePolicyDocument(encodeURIComponent('{"Version":"2012-10-17"}'))).toBeUndefined();
    expect(parsePolicyDocument(encodeURIComponent('[1]'))).toBeUndefined();
  });
});
