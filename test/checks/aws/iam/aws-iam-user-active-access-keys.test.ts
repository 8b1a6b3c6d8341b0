import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-user-active-access-keys.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { iam, key, noKey, reportRow, rootRow } from './iam-fixtures.js';

describe('aws-iam-user-active-access-keys', () => {
  it('passes a user whose keys are all inactive or absent', () => {
    const snapshot = awsSnapshot({
      iam: iam({ credentialReport: [reportRow('alice', { accessKeys: [key({ active: false }), noKey] })] }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'PASS', resourceId: reportRow('alice').arn, resourceName: 'alice' },
    ]);
  });

  it('fails a user with an active key, counting the keys, and leaves root to its own check', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        credentialReport: [
          rootRow({ accessKeys: [key(), noKey] }),
          reportRow('ci-deploy', { accessKeys: [key(), key()] }),
          reportRow('batch', { accessKeys: [noKey, key()] }),
        ],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['ci-deploy', 'FAIL'],
      ['batch', 'FAIL'],
    ]);
    expect(results[0]?.reason).toContain('User ci-deploy has 2 active access keys');
    expect(results[1]?.reason).toContain('1 active access key:');
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

  it('says the report was not collected when no error explains it', () => {
    const [result] = check.evaluate(awsSnapshot());
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('no data was collected for the IAM credential report');
  });
});
