import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-console-password-unused.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, reportRow, rootRow } from './iam-fixtures.js';

const evaluate = (...rows: ReturnType<typeof reportRow>[]) =>
  check.evaluate(awsSnapshot({ iam: iam({ credentialReport: rows }) }));

describe('aws-iam-console-password-unused', () => {
  it('passes a console user who signed in recently', () => {
    expect(
      evaluate(reportRow('alice', { passwordEnabled: true, passwordLastUsed: '2026-10-28T09:00:00Z' })),
    ).toMatchObject([{ status: 'PASS', resourceName: 'alice' }]);
  });

  it('fails a console user idle for more than 90 days', () => {
    const [result] = evaluate(
      reportRow('leaver', { passwordEnabled: true, passwordLastUsed: '2026-05-01T00:00:00Z' }),
    );
    expect(result).toMatchObject({ status: 'FAIL', resourceId: reportRow('leaver').arn });
    expect(result?.reason).toBe('Console user leaver last signed in 184 days ago and still has a password.');
  });

  it('counts a password never used from the user’s creation', () => {
    const [old, recent] = evaluate(
      reportRow('ghost', { passwordEnabled: true, userCreationTime: '2026-01-01T00:00:00Z' }),
      reportRow('new-hire', { passwordEnabled: true, userCreationTime: '2026-10-20T00:00:00Z' }),
    );
    expect(old?.status).toBe('FAIL');
    expect(old?.reason).toContain('has never signed in, was created 304 days ago');
    expect(recent?.status).toBe('PASS');
  });

  it('ignores users without a console password and the root user', () => {
    expect(
      evaluate(
        rootRow({ passwordLastUsed: '2020-01-01T00:00:00Z' }),
        reportRow('ci', { passwordEnabled: false, passwordLastUsed: '2020-01-01T00:00:00Z' }),
      ),
    ).toEqual([]);
  });

  it('is UNKNOWN for the account when the credential report could not be read', () => {
    const snapshot = awsSnapshot({
      iam: iam(),
      errors: [accessDenied('iam', 'GetCredentialReport', { permission: 'iam:GetCredentialReport' })],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('iam:GetCredentialReport');
  });
});
