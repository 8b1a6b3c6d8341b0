import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/kms/aws-kms-key-rotation.js';
import type { KmsKey } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const key = (parts: Partial<KmsKey>): KmsKey => ({
  keyId: 'k1',
  arn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
  region: 'us-east-1',
  keyManager: 'CUSTOMER',
  keyState: 'Enabled',
  keySpec: 'SYMMETRIC_DEFAULT',
  origin: 'AWS_KMS',
  ...parts,
});

describe('aws-kms-key-rotation', () => {
  it('passes a customer key that rotates', () => {
    const results = check.evaluate(awsSnapshot({ kms: { keys: [key({ rotationEnabled: true })] } }));
    expect(results).toMatchObject([{ status: 'PASS', resourceId: key({}).arn, region: 'us-east-1' }]);
  });

  it('fails a customer key without rotation, and ignores AWS-managed and asymmetric keys', () => {
    const keys = [
      key({ rotationEnabled: false }),
      key({ keyId: 'aws', arn: 'arn:aws', keyManager: 'AWS', rotationEnabled: false }),
      key({ keyId: 'rsa', arn: 'arn:rsa', keySpec: 'RSA_2048' }),
    ];
    const results = check.evaluate(awsSnapshot({ kms: { keys } }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FAIL', resourceId: key({}).arn });
  });

  it('is UNKNOWN, naming the missing permission, when rotation status could not be read', () => {
    const snapshot = awsSnapshot({
      kms: { keys: [key({})] },
      errors: [
        accessDenied('kms', 'GetKeyRotationStatus', {
          region: 'us-east-1',
          permission: 'kms:GetKeyRotationStatus',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('kms:GetKeyRotationStatus');
  });

  it('is UNKNOWN for the account when KMS was not read at all', () => {
    const snapshot = awsSnapshot({ errors: [accessDenied('kms', 'ListKeys', { region: 'us-east-1' })] });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });

  it('is UNKNOWN for a key the scanner could not describe (a key policy shut it out), next to the others', () => {
    const hidden = 'arn:aws:kms:eu-west-1:111122223333:key/locked-1';
    const snapshot = awsSnapshot({
      kms: { keys: [key({ rotationEnabled: true })] },
      errors: [
        accessDenied('kms', 'DescribeKey', {
          region: 'eu-west-1',
          resourceId: hidden,
          permission: 'kms:DescribeKey',
        }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([
      { status: 'UNKNOWN', resourceId: hidden, region: 'eu-west-1', resourceName: 'locked-1' },
      { status: 'PASS', resourceId: key({}).arn },
    ]);
    expect(results[0]?.reason).toContain('kms:DescribeKey');
  });
});
