import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-kms-encryption.js';
import type { CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
  ...parts,
});

describe('aws-cloudtrail-kms-encryption', () => {
  it('passes a trail encrypted with a KMS key', () => {
    const [result] = check.evaluate(awsSnapshot({ cloudtrail: { trails: [trail({})] } }));
    expect(result).toMatchObject({ status: 'PASS', resourceId: trail({}).arn });
    expect(result?.reason).toContain('key/abc');
  });

  it('fails a trail without a KMS key', () => {
    const trails = [trail({ kmsKeyId: undefined }), trail({ name: 'ok', arn: 'arn:ok' })];
    const results = check.evaluate(awsSnapshot({ cloudtrail: { trails } }));
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['main', 'FAIL'],
      ['ok', 'PASS'],
    ]);
    expect(results[0]?.reason).toBe('Trail main does not encrypt its logs with a KMS key.');
  });

  it('is UNKNOWN for the account when trails could not be listed', () => {
    const snapshot = awsSnapshot({ errors: [accessDenied('cloudtrail', 'DescribeTrails')] });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('DescribeTrails');
  });
});
