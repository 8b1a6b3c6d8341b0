import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-access-keys-unused.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, key, noKey, reportRow, rootRow } from './iam-fixtures.js';

// The fixture snapshot is collected on 2026-11-01T12:00Z.
const evaluate = (...rows: ReturnType<typeof reportRow>[]) =>
  check.evaluate(awsSnapshot({ iam: iam({ credentialReport: rows }) }));

describe('aws-iam-access-keys-unused', () => {
  it('passes a user whose active key was used recently', () => {
    expect(
      evaluate(reportRow('alice', { accessKeys: [key({ lastUsedDate: '2026-10-20T00:00:00Z' }), noKey] })),
    ).toMatchObject([{ status: 'PASS', resourceName: 'alice' }]);
  });

  it('fails a key last used more than 90 days ago, saying how long', () => {
    const [result] = evaluate(
      reportRow('old-job', { accessKeys: [key(), key({ lastUsedDate: '2026-06-01T00:00:00Z' })] }),
    );
    expect(result).toMatchObject({ status: 'FAIL', resourceId: reportRow('old-job').arn });
    expect(result?.reason).toContain('key 2 last used 153 days ago');
  });

  it('fails a key never used and created more than 90 days ago, but not a new unused key', () => {
    const [stale, fresh] = evaluate(
      reportRow('never', {
        accessKeys: [key({ lastUsedDate: undefined, lastRotated: '2026-01-01T00:00:00Z' }), noKey],
      }),
      reportRow('new', {
        accessKeys: [key({ lastUsedDate: undefined, lastRotated: '2026-10-25T00:00:00Z' }), noKey],
      }),
    );
    expect(stale?.status).toBe('FAIL');
    expect(stale?.reason).toContain('key 1 never used, created 304 days ago');
    expect(fresh?.status).toBe('PASS');
  });

  it('counts exactly 90 days idle as still in use', () => {
    expect(
      evaluate(reportRow('edge', { accessKeys: [key({ lastUsedDate: '2026-08-03T12:00:00Z' }), noKey] })),
    ).toMatchObject([{ status: 'PASS' }]);
  });

  it('ignores inactive keys, users without active keys and the root user', () => {
    const results = evaluate(
      rootRow({ accessKeys: [key({ lastUsedDate: '2020-01-01T00:00:00Z' }), noKey] }),
      reportRow('inactive', {
        accessKeys: [key({ active: false, lastUsedDate: '2020-01-01T00:00:00Z' }), noKey],
      }),
    );
    expect(results).toEqual([]);
  });

  it('is UNKNOWN for a user whose active key has no dates at all', () => {
    const [result] = evaluate(reportRow('odd', { accessKeys: [{ active: true }, noKey] }));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('key 1');
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
