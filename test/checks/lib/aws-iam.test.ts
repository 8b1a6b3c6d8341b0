import { describe, expect, it } from 'vitest';
import {
  assessActiveKeys,
  consoleUserRows,
  iamErrorQuery,
  iamUserRows,
  isServiceLinkedRolePath,
  isSsoReservedRolePath,
} from '../../../checks/lib/aws-iam.js';
import { accessDenied, awsSnapshot } from '../../fixtures/snapshots.js';
import { key, noKey, reportRow, rootRow } from '../aws/iam/iam-fixtures.js';

describe('role paths', () => {
  it('tells AWS service-linked and Identity Center roles apart from the customer’s own', () => {
    expect(isServiceLinkedRolePath('/aws-service-role/config.amazonaws.com/')).toBe(true);
    expect(isSsoReservedRolePath('/aws-reserved/sso.amazonaws.com/eu-west-1/')).toBe(true);
    expect(isServiceLinkedRolePath('/')).toBe(false);
    expect(isSsoReservedRolePath('/aws-reserved/other/')).toBe(false);
  });
});

describe('iamErrorQuery', () => {
  it('names the first listed operation that failed', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('iam', 'ListUsers'), accessDenied('iam', 'GetCredentialReport')],
    });
    expect(iamErrorQuery(snapshot, ['GenerateCredentialReport', 'GetCredentialReport'])).toEqual({
      service: 'iam',
      operation: 'GetCredentialReport',
    });
  });

  it('falls back to any IAM failure, then to the main operation', () => {
    const withOther = awsSnapshot({ errors: [accessDenied('iam', 'ListUsers')] });
    expect(iamErrorQuery(withOther, ['GetCredentialReport'])).toEqual({ service: 'iam' });
    expect(iamErrorQuery(awsSnapshot(), ['GetCredentialReport'])).toEqual({
      service: 'iam',
      operation: 'GetCredentialReport',
    });
  });
});

describe('credential report rows', () => {
  const report = [
    rootRow({ accessKeys: [key(), noKey] }),
    reportRow('console', { passwordEnabled: true }),
    reportRow('ci', { accessKeys: [noKey, key({ lastRotated: undefined })] }),
  ];

  it('leaves the root user out of the user rows, and console users are those with a password', () => {
    expect(iamUserRows(report).map((r) => r.user)).toEqual(['console', 'ci']);
    expect(consoleUserRows(report).map((r) => r.user)).toEqual(['console']);
  });

  it('judges only active keys, labelled as the report numbers them, stale before undated', () => {
    const snapshot = awsSnapshot({
      iam: { users: [], roles: [], groups: [], policies: [], credentialReport: report },
    });
    const reasons = {
      stale: (user: string, keys: string) => `${user} stale: ${keys}`,
      undated: (user: string, keys: string) => `${user} undated: ${keys}`,
      fresh: (user: string) => `${user} fresh`,
    };
    const results = assessActiveKeys(
      snapshot,
      (k, label) => (k.lastRotated ? { stale: `${label} is old` } : { undated: label }),
      reasons,
    );
    expect(results).toEqual([
      {
        status: 'UNKNOWN',
        resourceId: report[2]?.arn,
        resourceName: 'ci',
        reason: 'ci undated: key 2',
      },
    ]);
  });
});
