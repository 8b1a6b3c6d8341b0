// IAM, read once from the home region (IAM is global): principals and policies from
// GetAccountAuthorizationDetails, the credential report, the password policy and the account summary.
// Policy documents arrive URL-encoded; the credential report arrives as CSV.

import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type AttachedPolicy,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type {
  AccessKeyReport,
  AwsIam,
  CredentialReportRow,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  InlinePolicy,
  PasswordPolicy,
  PolicyDocument,
} from '../../model/aws-snapshot.js';
import {
  callError,
  isoDate,
  pause,
  read,
  readAllPages,
  tagRecord,
  type AwsCollectContext,
  type ReadCall,
} from './context.js';

export interface IamCollectOptions {
  /** Wait between GenerateCredentialReport polls while AWS builds the report; tests make it tiny. */
  reportPollMs?: number;
  /** How many times GenerateCredentialReport is asked before giving up on the report. */
  reportPollTries?: number;
}

const DEFAULT_POLL_MS = 2_000;
const DEFAULT_POLL_TRIES = 10;

const AUTH_DETAILS: ReadCall = {
  service: 'iam',
  operation: 'GetAccountAuthorizationDetails',
  permission: 'iam:GetAccountAuthorizationDetails',
};

/**
 * The IAM section, or `undefined` when GetAccountAuthorizationDetails could not be read in full: without
 * it there are no users, roles, groups or policies to show, and empty lists would read as "none".
 */
export async function collectIam(
  ctx: AwsCollectContext,
  options: IamCollectOptions = {},
): Promise<AwsIam | undefined> {
  const client = new IAMClient(ctx.clientConfig(ctx.homeRegion));
  try {
    // Independent reads; the report's generation is the slow one, so it runs alongside the rest.
    const [details, credentialReport, passwordPolicy, accountSummary] = await Promise.all([
      readAuthorizationDetails(ctx, client),
      readCredentialReport(ctx, client, options),
      readPasswordPolicy(ctx, client),
      readAccountSummary(ctx, client),
    ]);
    if (!details) return undefined;
    return {
      ...details,
      ...(credentialReport ? { credentialReport } : {}),
      ...(passwordPolicy !== undefined ? { passwordPolicy } : {}),
      ...(accountSummary ? { accountSummary } : {}),
    };
  } finally {
    client.destroy();
  }
}

// ---- Users, roles, groups and managed policies ----

type Details = Pick<AwsIam, 'users' | 'roles' | 'groups' | 'policies'>;

async function readAuthorizationDetails(
  ctx: AwsCollectContext,
  client: IAMClient,
): Promise<Details | undefined> {
  // Every page, or none: a partial list would hide principals.
  const pages = await readAllPages(ctx, AUTH_DETAILS, {
    send: (Marker, abortSignal) =>
      client.send(
        new GetAccountAuthorizationDetailsCommand({
          Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
          MaxItems: 1000,
          Marker,
        }),
        { abortSignal },
      ),
    items: (page) => [page],
    nextToken: (page) => (page.IsTruncated ? page.Marker : undefined),
    truncated: {
      when: (page) => page.IsTruncated === true,
      message: 'IAM said more results follow but gave no new Marker to fetch them',
    },
  });
  if (!pages) return undefined;
  const listed = {
    users: pages.flatMap((page) => page.UserDetailList ?? []),
    roles: pages.flatMap((page) => page.RoleDetailList ?? []),
    groups: pages.flatMap((page) => page.GroupDetailList ?? []),
    policies: pages.flatMap((page) => page.Policies ?? []),
  };
  const unreadable = (resourceId: string, message: string) =>
    ctx.errors.push({ ...callError(AUTH_DETAILS, 'Other', message), resourceId });
  const users = listed.users.flatMap((u) => toUser(u, unreadable) ?? []);
  const roles = listed.roles.flatMap((r) => toRole(r, unreadable) ?? []);
  const groups = listed.groups.flatMap((g) => toGroup(g, unreadable) ?? []);
  // AWS's catalogue of managed policies is large and not the account's doing: keep the ones in use.
  const attached = new Set(
    [...listed.users, ...listed.roles, ...listed.groups].flatMap((p) =>
      attachedArns(p.AttachedManagedPolicies),
    ),
  );
  const policies = listed.policies
    .filter((p) => !isAwsManaged(p.Arn) || (p.AttachmentCount ?? 0) > 0 || attached.has(p.Arn ?? ''))
    .flatMap((p) => toManagedPolicy(p, unreadable) ?? []);
  return { users, roles, groups, policies };
}

type Unreadable = (resourceId: string, message: string) => void;

/** Inline policies, or `undefined` when one of them could not be parsed (reported through `unreadable`). */
function inlinePolicies(
  list: readonly PolicyDetail[] | undefined,
  ownerArn: string,
  unreadable: Unreadable,
): InlinePolicy[] | undefined {
  const result: InlinePolicy[] = [];
  for (const policy of list ?? []) {
    const name = policy.PolicyName ?? '';
    const document = parsePolicyDocument(policy.PolicyDocument);
    // Judging a principal on some of its policies could pass it wrongly: leave the whole principal out.
    if (!document) {
      unreadable(
        ownerArn,
        `inline policy ${name} of ${ownerArn} is not a readable policy document; left out`,
      );
      return undefined;
    }
    result.push({ name, document });
  }
  return result;
}

function attachedArns(list: readonly AttachedPolicy[] | undefined): string[] {
  return (list ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : []));
}

function toUser(user: UserDetail, unreadable: Unreadable): IamUser | undefined {
  const arn = user.Arn ?? '';
  const inline = inlinePolicies(user.UserPolicyList, arn, unreadable);
  if (!inline) return undefined;
  const tags = tagRecord(user.Tags);
  return {
    userName: user.UserName ?? '',
    arn,
    path: user.Path ?? '/',
    createDate: isoDate(user.CreateDate) ?? '',
    inlinePolicies: inline,
    attachedPolicyArns: attachedArns(user.AttachedManagedPolicies),
    groupNames: user.GroupList ?? [],
    ...(tags ? { tags } : {}),
  };
}

function toRole(role: RoleDetail, unreadable: Unreadable): IamRole | undefined {
  const arn = role.Arn ?? '';
  const inline = inlinePolicies(role.RolePolicyList, arn, unreadable);
  if (!inline) return undefined;
  const tags = tagRecord(role.Tags);
  const assumeRolePolicy = parsePolicyDocument(role.AssumeRolePolicyDocument);
  // A trust policy no check judges yet: an unreadable one is noted, not a reason to drop the role.
  if (role.AssumeRolePolicyDocument && !assumeRolePolicy)
    unreadable(arn, `the trust policy of ${arn} is not a readable policy document`);
  const lastUsedDate = isoDate(role.RoleLastUsed?.LastUsedDate);
  return {
    roleName: role.RoleName ?? '',
    arn,
    path: role.Path ?? '/',
    createDate: isoDate(role.CreateDate) ?? '',
    inlinePolicies: inline,
    attachedPolicyArns: attachedArns(role.AttachedManagedPolicies),
    ...(assumeRolePolicy ? { assumeRolePolicy } : {}),
    ...(lastUsedDate ? { lastUsedDate } : {}),
    ...(tags ? { tags } : {}),
  };
}

function toGroup(group: GroupDetail, unreadable: Unreadable): IamGroup | undefined {
  const arn = group.Arn ?? '';
  const inline = inlinePolicies(group.GroupPolicyList, arn, unreadable);
  if (!inline) return undefined;
  return {
    groupName: group.GroupName ?? '',
    arn,
    inlinePolicies: inline,
    attachedPolicyArns: attachedArns(group.AttachedManagedPolicies),
  };
}

function isAwsManaged(arn: string | undefined): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn ?? '');
}

/**
 * A managed policy with its default version's document. Left out (and reported) when that document is
 * missing or unreadable: a principal attached to it is then UNKNOWN ("policy not in the snapshot").
 */
function toManagedPolicy(policy: ManagedPolicyDetail, unreadable: Unreadable): IamManagedPolicy | undefined {
  const arn = policy.Arn ?? '';
  const version =
    policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ??
    policy.PolicyVersionList?.find((v) => v.VersionId === policy.DefaultVersionId);
  const document = parsePolicyDocument(version?.Document);
  if (!document) {
    unreadable(arn, `the default version of ${arn} has no readable policy document; left out`);
    return undefined;
  }
  return {
    arn,
    policyName: policy.PolicyName ?? '',
    awsManaged: isAwsManaged(arn),
    attachmentCount: policy.AttachmentCount ?? 0,
    document,
  };
}

/**
 * A policy document as IAM returns it (URL-encoded JSON), decoded and parsed; `undefined` when it is
 * absent, not valid JSON, or has no Statement.
 */
export function parsePolicyDocument(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  try {
    // Already-decoded JSON starts with `{`; the encoded form starts with `%7B`.
    const json = text.trimStart().startsWith('{') ? text : decodeURIComponent(text);
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const statement = (parsed as { Statement?: unknown }).Statement;
    if (!statement || typeof statement !== 'object') return undefined;
    return parsed as PolicyDocument;
  } catch {
    return undefined;
  }
}

// ---- Credential report ----

async function readCredentialReport(
  ctx: AwsCollectContext,
  client: IAMClient,
  options: IamCollectOptions,
): Promise<CredentialReportRow[] | undefined> {
  if (!(await reportGenerated(ctx, client, options))) return undefined;
  const call: ReadCall = {
    service: 'iam',
    operation: 'GetCredentialReport',
    permission: 'iam:GetCredentialReport',
  };
  const out = await read(ctx, call, (abortSignal) =>
    client.send(new GetCredentialReportCommand({}), { abortSignal }),
  );
  if (!out) return undefined;
  try {
    if (!out.Content || out.Content.length === 0) throw new Error('IAM returned an empty credential report');
    return parseCredentialReport(new TextDecoder().decode(out.Content));
  } catch (error) {
    ctx.errors.push(callError(call, 'Other', (error as Error).message));
    return undefined;
  }
}

/** Asks IAM to build the report until it says COMPLETE, a bounded number of times. */
async function reportGenerated(
  ctx: AwsCollectContext,
  client: IAMClient,
  options: IamCollectOptions,
): Promise<boolean> {
  const call: ReadCall = {
    service: 'iam',
    operation: 'GenerateCredentialReport',
    permission: 'iam:GenerateCredentialReport',
  };
  const tries = options.reportPollTries ?? DEFAULT_POLL_TRIES;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const out = await read(ctx, call, (abortSignal) =>
      client.send(new GenerateCredentialReportCommand({}), { abortSignal }),
    );
    if (!out) return false;
    if (out.State === 'COMPLETE') return true;
    if (attempt < tries) await pause(options.reportPollMs ?? DEFAULT_POLL_MS, ctx.signal);
  }
  ctx.errors.push(
    callError(call, 'Other', `the credential report was still being generated after ${tries} tries`),
  );
  return false;
}

/** Values the report uses for "nothing to say". */
const ABSENT = new Set(['', 'N/A', 'no_information', 'not_supported']);

/**
 * The credential report's CSV as rows. Columns are found by their header names, so AWS adding a
 * column does not shift the others. Throws when the header lacks the columns every row needs.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...records] = parseCsv(csv);
  if (!header) throw new Error('the credential report is empty');
  const column = new Map(header.map((name, i) => [name.trim(), i]));
  for (const required of ['user', 'arn'])
    if (!column.has(required)) throw new Error(`the credential report has no "${required}" column`);
  return records
    .filter((record) => record.some((cell) => cell !== ''))
    .map((record) => {
      const value = (name: string): string | undefined => {
        const index = column.get(name);
        const cell = index === undefined ? undefined : record[index]?.trim();
        return cell === undefined || ABSENT.has(cell) ? undefined : cell;
      };
      const date = (name: string) => {
        const cell = value(name);
        return cell === undefined ? undefined : (isoDate(cell) ?? cell);
      };
      const key = (n: 1 | 2): AccessKeyReport => {
        const lastRotated = date(`access_key_${n}_last_rotated`);
        const lastUsedDate = date(`access_key_${n}_last_used_date`);
        return {
          active: value(`access_key_${n}_active`) === 'true',
          ...(lastRotated ? { lastRotated } : {}),
          ...(lastUsedDate ? { lastUsedDate } : {}),
        };
      };
      const passwordLastUsed = date('password_last_used');
      return {
        user: value('user') ?? '',
        arn: value('arn') ?? '',
        userCreationTime: date('user_creation_time') ?? '',
        // The root row says `not_supported`: root's password is not an IAM console password.
        passwordEnabled: value('password_enabled') === 'true',
        ...(passwordLastUsed ? { passwordLastUsed } : {}),
        mfaActive: value('mfa_active') === 'true',
        accessKeys: [key(1), key(2)],
      };
    });
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes; CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

// ---- Password policy and account summary ----

async function readPasswordPolicy(
  ctx: AwsCollectContext,
  client: IAMClient,
): Promise<PasswordPolicy | null | undefined> {
  const out = await read(
    ctx,
    {
      service: 'iam',
      operation: 'GetAccountPasswordPolicy',
      permission: 'iam:GetAccountPasswordPolicy',
      absentWhen: ['NoSuchEntity'],
    },
    (abortSignal) => client.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }),
  );
  if (out === null || out === undefined) return out;
  const policy = out.PasswordPolicy;
  if (!policy) return null;
  return {
    // IAM applies 8 when a policy leaves the length out.
    minimumPasswordLength: policy.MinimumPasswordLength ?? 8,
    requireSymbols: policy.RequireSymbols ?? false,
    requireNumbers: policy.RequireNumbers ?? false,
    requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
    ...(policy.ExpirePasswords !== false && policy.MaxPasswordAge
      ? { maxPasswordAge: policy.MaxPasswordAge }
      : {}),
    ...(policy.PasswordReusePrevention ? { passwordReusePrevention: policy.PasswordReusePrevention } : {}),
  };
}

async function readAccountSummary(
  ctx: AwsCollectContext,
  client: IAMClient,
): Promise<AwsIam['accountSummary']> {
  const out = await read(
    ctx,
    { service: 'iam', operation: 'GetAccountSummary', permission: 'iam:GetAccountSummary' },
    (abortSignal) => client.send(new GetAccountSummaryCommand({}), { abortSignal }),
  );
  const map = out?.SummaryMap;
  if (!map) return undefined;
  return {
    accountMfaEnabled: map.AccountMFAEnabled === 1,
    accountAccessKeysPresent: map.AccountAccessKeysPresent === 1,
  };
}
