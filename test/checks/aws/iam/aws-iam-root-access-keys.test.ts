import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-root-access-keys.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, key, noKey, reportRow, rootRow } from './iam-fixtures.js';

describe('aws-iam-root-access-keys', () => {
  it('passes when the root row shows no active key, reporting on the account', () => {
    const snapshot = awsSnapshot({
      iam: iam({ credentialReport: [rootRow(), reportRow('alice', { accessKeys: [key(), noKey] })] }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'PASS', resourceId: '111122223333', resourceName: 'root user' },
    ]);
  });

  it('fails when the root row has an active key', () => {
    const snapshot = awsSnapshot({
      iam: iam({ credentialReport: [rootRow({ accessKeys: [noKey, key()] })] }),
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('The root user of account 111122223333 has 1 active access key.');
  });

  it('fails on the account summary alone when the credential report is missing', () => {
    const snapshot = awsSnapshot({
      iam: iam({ accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: true } }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'FAIL', resourceId: '111122223333' }]);
  });

  it('fails when the summary reports keys the older credential report does not show', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        credentialReport: [rootRow()],
        accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: true },
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'FAIL' }]);
  });

  it('passes on the account summary alone when it reports no keys', () => {
    const snapshot = awsSnapshot({
      iam: iam({ accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false } }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'PASS' }]);
  });

  it('is UNKNOWN, naming the failed call, when neither the report nor the summary could be read', () => {
    const snapshot = awsSnapshot({
      iam: iam(),
      errors: [
        accessDenied('iam', 'GenerateCredentialReport', { permission: 'iam:GenerateCredentialReport' }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('iam:GenerateCredentialReport');
  });

  it('is UNKNOWN when the report has no root row and there is no summary', () => {
    const [result] = check.evaluate(awsSnapshot({ iam: iam({ credentialReport: [reportRow('alice')] }) }));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('no root user row');
  });
});
