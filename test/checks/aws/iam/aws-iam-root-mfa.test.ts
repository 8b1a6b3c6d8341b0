import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-root-mfa.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, reportRow, rootRow } from './iam-fixtures.js';

describe('aws-iam-root-mfa', () => {
  it('passes when the root row shows MFA', () => {
    const snapshot = awsSnapshot({ iam: iam({ credentialReport: [rootRow({ mfaActive: true })] }) });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'PASS', resourceId: '111122223333', resourceName: 'root user' },
    ]);
  });

  it('fails when the root row shows no MFA', () => {
    const snapshot = awsSnapshot({ iam: iam({ credentialReport: [rootRow({ mfaActive: false })] }) });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('The root user of account 111122223333 has no MFA.');
  });

  it('uses the account summary when the credential report is missing', () => {
    const on = awsSnapshot({
      iam: iam({ accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false } }),
    });
    const off = awsSnapshot({
      iam: iam({ accountSummary: { accountMfaEnabled: false, accountAccessKeysPresent: false } }),
    });
    expect(check.evaluate(on)).toMatchObject([{ status: 'PASS' }]);
    expect(check.evaluate(off)).toMatchObject([{ status: 'FAIL' }]);
  });

  it('fails when the two sources disagree, since either may be the newer', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        credentialReport: [rootRow({ mfaActive: true })],
        accountSummary: { accountMfaEnabled: false, accountAccessKeysPresent: false },
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'FAIL' }]);
  });

  it('is UNKNOWN, naming the failed call, when neither the report nor the summary could be read', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('iam', 'GetCredentialReport', { permission: 'iam:GetCredentialReport' })],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('iam:GetCredentialReport');
  });

  it('is UNKNOWN when the report has no root row and there is no summary', () => {
    const [result] = check.evaluate(awsSnapshot({ iam: iam({ credentialReport: [reportRow('alice')] }) }));
    expect(result?.status).toBe('UNKNOWN');
  });
});
