import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-password-policy.js';
import type { PasswordPolicy } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam } from './iam-fixtures.js';

const policy = (parts: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  passwordReusePrevention: 24,
  ...parts,
});

const evaluate = (passwordPolicy: PasswordPolicy | null | undefined) =>
  check.evaluate(awsSnapshot({ iam: iam({ passwordPolicy }) }));

describe('aws-iam-password-policy', () => {
  it('passes a policy with 14 characters and 24 remembered passwords, on the account', () => {
    expect(evaluate(policy())).toMatchObject([{ status: 'PASS', resourceId: '111122223333' }]);
  });

  it('fails an account without a password policy', () => {
    const [result] = evaluate(null);
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('Account 111122223333 has no IAM password policy.');
  });

  it('fails a short minimum length and says so', () => {
    const [result] = evaluate(policy({ minimumPasswordLength: 8 }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('minimum length is 8 (needs 14)');
    expect(result?.reason).not.toContain('reuse');
  });

  it('fails missing or low reuse prevention and says which', () => {
    const [off] = evaluate(policy({ passwordReusePrevention: undefined }));
    const [low] = evaluate(policy({ passwordReusePrevention: 5, minimumPasswordLength: 12 }));
    expect(off?.reason).toContain('reuse prevention is off (needs 24)');
    expect(low?.reason).toContain('minimum length is 12 (needs 14); reuse prevention remembers 5 (needs 24)');
  });

  it('is UNKNOWN, naming the failed call, when the policy could not be read', () => {
    const snapshot = awsSnapshot({
      iam: iam(),
      errors: [
        accessDenied('iam', 'GetAccountPasswordPolicy', { permission: 'iam:GetAccountPasswordPolicy' }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('iam:GetAccountPasswordPolicy');
  });

  it('is UNKNOWN when IAM was not read at all', () => {
    expect(check.evaluate(awsSnapshot())).toMatchObject([{ status: 'UNKNOWN' }]);
  });
});
