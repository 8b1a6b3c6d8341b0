import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-console-user-mfa.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, reportRow, rootRow } from './iam-fixtures.js';

describe('aws-iam-console-user-mfa', () => {
  it('passes a console user with MFA and fails one without', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        credentialReport: [
          reportRow('alice', { passwordEnabled: true, mfaActive: true }),
          reportRow('bob', { passwordEnabled: true, mfaActive: false }),
        ],
      }),
    });
    const [alice, bob] = check.evaluate(snapshot);
    expect(alice).toMatchObject({ status: 'PASS', resourceId: reportRow('alice').arn });
    expect(bob).toMatchObject({ status: 'FAIL', resourceId: reportRow('bob').arn });
    expect(bob?.reason).toBe('Console user bob signs in with a password and no MFA.');
  });

  it('ignores users without a console password and the root user', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        credentialReport: [rootRow({ mfaActive: false }), reportRow('ci', { passwordEnabled: false })],
      }),
    });
    expect(check.evaluate(snapshot)).toEqual([]);
  });

  it('is UNKNOWN for the account when the credential report could not be read', () => {
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
});
