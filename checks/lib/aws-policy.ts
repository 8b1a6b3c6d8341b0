// Reading IAM policy documents the way AWS evaluates them, for the IAM checks: statements, actions and
// resources may each be one string or a list, and actions match with `*` and `?` wildcards, ignoring case.
// Conditions and Deny statements are not weighed: a grant that only a condition narrows is still a grant
// an auditor asks to justify, and nothing here tries to prove a Deny cancels it.

import type { PolicyDocument, PolicyStatement } from '../../source/model/aws-snapshot.js';

export function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return toArray(document.Statement);
}

/** IAM wildcard match: `*` is any run of characters, `?` any one character; case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/**
 * True when an Allow statement reaches every resource: `Resource: "*"`, or `NotResource`, which grants
 * everything except the few resources it names.
 */
export function coversAllResources(statement: PolicyStatement): boolean {
  return statement.NotResource !== undefined || toArray(statement.Resource).includes('*');
}

function isAllowOnAllResources(statement: PolicyStatement): boolean {
  return statement.Effect === 'Allow' && coversAllResources(statement);
}

/** Whether the statement's Action (or NotAction) list takes in `action`. Effect and Resource are not looked at. */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined)
    return !toArray(statement.NotAction).some((pattern) => actionMatches(pattern, action));
  return toArray(statement.Action).some((pattern) => actionMatches(pattern, action));
}

/** Does this statement allow `action` (e.g. `iam:PassRole`) on every resource? */
export function allowsOnAllResources(statement: PolicyStatement, action: string): boolean {
  return isAllowOnAllResources(statement) && statementCoversAction(statement, action);
}

const ALL_ACTIONS = new Set(['*', '*:*']);

/** `Action: "*"` (or `*:*`) on `Resource: "*"`: full administrator. */
export function isAdminStatement(statement: PolicyStatement): boolean {
  return isAllowOnAllResources(statement) && toArray(statement.Action).some((a) => ALL_ACTIONS.has(a));
}

export function grantsFullAdmin(document: PolicyDocument): boolean {
  return statementsOf(document).some(isAdminStatement);
}

/** The AWS-managed AdministratorAccess policy, in any partition. */
export function isAdministratorAccessArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/.test(arn);
}

/**
 * Actions that show a wildcard reaches into a sensitive service: identity and its escalation paths,
 * keys, the audit trail and configuration history, data stores, secrets and compute. A pattern that
 * matches any of them (`iam:*`, `iam:*Policy`, `s3:*Object`, `*:Get*`) is reported; one that only reaches
 * metadata reads (`ec2:Describe*`, `s3:List*`) is not.
 */
export const SENSITIVE_ACTIONS: readonly string[] = [
  'iam:CreateAccessKey',
  'iam:PassRole',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:UpdateAssumeRolePolicy',
  'kms:Decrypt',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  'sts:AssumeRole',
  'organizations:LeaveOrganization',
  'organizations:DetachPolicy',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'config:StopConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'logs:DeleteLogGroup',
  'logs:PutRetentionPolicy',
  's3:GetObject',
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  'ec2:RunInstances',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateSnapshot',
  'secretsmanager:GetSecretValue',
  'secretsmanager:DeleteSecret',
];

function isWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Wildcard action patterns in an Allow on every resource that reach a sensitive service. Full-admin `*` is
 * left to the admin check.
 */
export function sensitiveWildcards(statement: PolicyStatement): string[] {
  if (!isAllowOnAllResources(statement)) return [];
  return toArray(statement.Action).filter(
    (pattern) =>
      !ALL_ACTIONS.has(pattern) &&
      isWildcard(pattern) &&
      SENSITIVE_ACTIONS.some((action) => actionMatches(pattern, action)),
  );
}

/** For an Allow with NotAction on every resource (everything except a list), that list; else undefined. */
export function allowsAllExcept(statement: PolicyStatement): string[] | undefined {
  if (!isAllowOnAllResources(statement) || statement.NotAction === undefined) return undefined;
  return toArray(statement.NotAction);
}
