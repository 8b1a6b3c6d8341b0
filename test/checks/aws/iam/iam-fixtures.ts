// Builders for the IAM check tests: an IAM section with nothing in it, and principals, policies and
// credential-report rows with only the fields a test is about.

import type {
  AccessKeyReport,
  AwsIam,
  CredentialReportRow,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  PolicyDocument,
} from '../../../../source/model/aws-snapshot.js';

export const ACCOUNT = '111122223333';
export const ADMIN_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export const adminDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const readOnlyDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::uploads/*' }],
};

export function iam(parts: Partial<AwsIam> = {}): AwsIam {
  return { users: [], roles: [], groups: [], policies: [], ...parts };
}

export function user(userName: string, parts: Partial<IamUser> = {}): IamUser {
  return {
    userName,
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    path: '/',
    createDate: '2025-01-01T00:00:00Z',
    inlinePolicies: [],
    attachedPolicyArns: [],
    groupNames: [],
    ...parts,
  };
}

export function role(roleName: string, parts: Partial<IamRole> = {}): IamRole {
  return {
    roleName,
    arn: `arn:aws:iam::${ACCOUNT}:role${parts.path ?? '/'}${roleName}`,
    path: '/',
    createDate: '2025-01-01T00:00:00Z',
    inlinePolicies: [],
    attachedPolicyArns: [],
    ...parts,
  };
}

export function group(groupName: string, parts: Partial<IamGroup> = {}): IamGroup {
  return {
    groupName,
    arn: `arn:aws:iam::${ACCOUNT}:group/${groupName}`,
    inlinePolicies: [],
    attachedPolicyArns: [],
    ...parts,
  };
}

export function managedPolicy(policyName: string, parts: Partial<IamManagedPolicy> = {}): IamManagedPolicy {
  return {
    policyName,
    arn: `arn:aws:iam::${ACCOUNT}:policy/${policyName}`,
    awsManaged: false,
    attachmentCount: 1,
    document: readOnlyDocument,
    ...parts,
  };
}

export const noKey: AccessKeyReport = { active: false };

export function key(parts: Partial<AccessKeyReport> = {}): AccessKeyReport {
  return {
    active: true,
    lastRotated: '2026-10-01T00:00:00Z',
    lastUsedDate: '2026-10-30T00:00:00Z',
    ...parts,
  };
}

export function reportRow(userName: string, parts: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: userName,
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    userCreationTime: '2025-01-01T00:00:00Z',
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [noKey, noKey],
    ...parts,
  };
}

export function rootRow(parts: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return reportRow('<root_account>', {
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    passwordEnabled: true,
    ...parts,
  });
}
