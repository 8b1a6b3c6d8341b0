import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-access-keys-rotated.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, key, noKey, reportRow, rootRow } from './iam-fixtures.js';

const evaluate = (...rows: ReturnType<typeof reportRow>[]) =>
  check.evaluate(awsSnapshot({ iam: iam({ credentialReport: rows }) }));

describe('aws-iam-access-keys-rotated', () => {
  it('passes a user whose active keys were created in the last 90 days', () => {
    expect(
      evaluate(reportRow('alice', { accessKeys: [key({ lastRotated: '2026-09-01T00:00:00Z' }), noKey] })),
    ).toMatchObject([{ status: 'PASS', resourceName: 'alice' }]);
  });

  it('fails a key older than 90 days even when it is used every day, giving its age', () => {
    const [result] = evaluate(
      reportRow('export', {
        accessKeys: [
          key({ lastRotated: '2025-11-01T00:00:00Z', lastUsedDate: '2026-10-31T00:00:00Z' }),
          noKey,
        ],
      }),
    );
    expect(result).toMatchObject({ status: 'FAIL', resourceId: reportRow('export').arn });
    expect(result?.reason).toContain('key 1 is 365 days old');
  });

  it('ignores an old key once it is deactivated, and the root user', () => {
    const results = evaluate(
      rootRow({ accessKeys: [key({ lastRotated: '2019-01-01T00:00:00Z' }), noKey] }),
      reportRow('rotated', {
        accessKeys: [
          key({ active: false, lastRotated: '2024-01-01T00:00:00Z' }),
          key({ lastRotated: '2026-10-01T00:00:00Z' }),
        ],
      }),
    );
    expect(results).toMatchObject([{ status: 'PASS', resourceName: 'rotated' }]);
  });

  it('is UNKNOWN for a user whose active key has no rotation date', () => {
    const [result] = evaluate(reportRow('odd', { accessKeys: [noKey, { active: true }] }));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('key 2');
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
    expect(results[0]?.reason).toContain('GenerateCredentialReport');
  });
});
