// Reading IAM data for the IAM checks: which call to blame when it is missing, the credential report's
// rows (the root user's apart from everyone else's), and which roles the customer actually owns.
// Policy documents themselves are read by aws-policy.ts.

import type {
  AccessKeyReport,
  AwsIam,
  AwsSnapshot,
  CredentialReportRow,
} from '../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import type { ErrorQuery, Where } from './results.js';
import { fail, findError, pass, unknown, unreadService } from './results.js';
import { awsAccountId } from './scope.js';

// ---- Collection errors ----

export const AUTHORIZATION_DETAILS_OPERATIONS = ['GetAccountAuthorizationDetails'];
export const CREDENTIAL_REPORT_OPERATIONS = ['GenerateCredentialReport', 'GetCredentialReport'];

/**
 * The error query that best explains missing IAM data: the first of `operations` that failed, else any
 * IAM failure, else the main operation (so the reason still names what was needed).
 */
export function iamErrorQuery(snapshot: AwsSnapshot, operations: readonly string[]): ErrorQuery {
  const failed = findError(snapshot, { service: 'iam', operation: operations });
  if (failed) return { service: 'iam', operation: failed.operation };
  if (findError(snapshot, { service: 'iam' })) return { service: 'iam' };
  return { service: 'iam', operation: operations[0] };
}

/** One UNKNOWN for the account when users, groups, roles and policies could not be read. */
export function unreadAuthorizationDetails(snapshot: AwsSnapshot): CheckResult[] {
  return unreadService(
    snapshot,
    awsAccountId(snapshot),
    iamErrorQuery(snapshot, AUTHORIZATION_DETAILS_OPERATIONS),
    'IAM',
  );
}

/** One UNKNOWN for the account when the credential report could not be generated or read. */
export function unreadCredentialReport(snapshot: AwsSnapshot): CheckResult[] {
  return unreadService(
    snapshot,
    awsAccountId(snapshot),
    iamErrorQuery(snapshot, CREDENTIAL_REPORT_OPERATIONS),
    'the IAM credential report',
  );
}

// ---- Credential report ----

/** The credential report's row for the root user. */
export const ROOT_REPORT_USER = '<root_account>';

/** The report's rows for IAM users: everything but root, which the root checks judge on their own. */
export function iamUserRows(report: readonly CredentialReportRow[]): CredentialReportRow[] {
  return report.filter((row) => row.user !== ROOT_REPORT_USER);
}

/** IAM users who can sign in to the console: those with a password. */
export function consoleUserRows(report: readonly CredentialReportRow[]): CredentialReportRow[] {
  return iamUserRows(report).filter((row) => row.passwordEnabled);
}

/** What one active key's dates say: past the limit (as the phrase to report), no date to go by, or fine. */
export type KeyVerdict = { stale: string } | { undated: string } | { fresh: true };

/** How a key check words its three outcomes for one user. */
export interface KeyReasons {
  /** `keys`: the stale keys' phrases, joined. */
  stale(user: string, keys: string): string;
  /** `keys`: the undated keys' labels, joined. */
  undated(user: string, keys: string): string;
  fresh(user: string): string;
}

/**
 * One finding per IAM user holding an active access key: FAIL when `judge` finds any active key stale,
 * else UNKNOWN when any has no date to go by, else PASS. `judge` gets each active key with its label
 * (`key 1`, `key 2`, as the report numbers them). Root keys are left out: aws-iam-root-access-keys
 * reports any root key, whatever its dates.
 */
export function assessActiveKeys(
  snapshot: AwsSnapshot,
  judge: (key: AccessKeyReport, label: string, collectedAt: string) => KeyVerdict,
  reasons: KeyReasons,
): CheckResult[] {
  const report = snapshot.iam?.credentialReport;
  if (!report) return unreadCredentialReport(snapshot);
  return iamUserRows(report)
    .filter((row) => row.accessKeys.some((key) => key.active))
    .map((row) => {
      const verdicts = row.accessKeys.flatMap((key, i) =>
        key.active ? [judge(key, `key ${i + 1}`, snapshot.collectedAt)] : [],
      );
      const stale = verdicts.flatMap((v) => ('stale' in v ? [v.stale] : []));
      const undated = verdicts.flatMap((v) => ('undated' in v ? [v.undated] : []));
      const where = { resourceName: row.user };
      if (stale.length > 0) return fail(row.arn, reasons.stale(row.user, stale.join('; ')), where);
      if (undated.length > 0)
        return unknown(row.arn, reasons.undated(row.user, undated.join(' and ')), where);
      return pass(row.arn, reasons.fresh(row.user), where);
    });
}

/** What is known about the root user: its report row and the account summary, read at different times. */
export interface RootUser {
  accountId: string;
  row?: CredentialReportRow;
  summary?: AwsIam['accountSummary'];
}

/**
 * The one finding about the root user, from what `judge` makes of it; UNKNOWN when neither the report's
 * root row nor the account summary could be read.
 */
export function assessRootUser(
  snapshot: AwsSnapshot,
  judge: (root: RootUser, where: Where) => CheckResult,
): CheckResult[] {
  const accountId = awsAccountId(snapshot);
  const where = { resourceName: 'root user' };
  const row = snapshot.iam?.credentialReport?.find((r) => r.user === ROOT_REPORT_USER);
  const summary = snapshot.iam?.accountSummary;
  if (!row && !summary) {
    if (!snapshot.iam?.credentialReport) return unreadCredentialReport(snapshot);
    const reason = `Could not assess account ${accountId}: the credential report has no root user row and the account summary was not read.`;
    return [unknown(accountId, reason, where)];
  }
  return [judge({ accountId, row, summary }, where)];
}

// ---- Roles ----

/** AWS-owned roles the customer cannot change (service-linked) or governs elsewhere (IAM Identity Center). */
export function isServiceLinkedRolePath(path: string): boolean {
  return path.startsWith('/aws-service-role/');
}

export function isSsoReservedRolePath(path: string): boolean {
  return path.startsWith('/aws-reserved/sso.amazonaws.com/');
}
