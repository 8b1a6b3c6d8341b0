import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-cloudwatch-delivery.js';
import type { CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  cloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail/audit:*',
  ...parts,
});

describe('aws-cloudtrail-cloudwatch-delivery', () => {
  it('passes a trail that delivers to CloudWatch Logs', () => {
    const results = check.evaluate(awsSnapshot({ cloudtrail: { trails: [trail({})] } }));
    expect(results).toMatchObject([{ status: 'PASS', resourceId: trail({}).arn, region: 'eu-west-1' }]);
  });

  it('fails a trail that only writes to S3', () => {
    const [result] = check.evaluate(
      awsSnapshot({ cloudtrail: { trails: [trail({ cloudWatchLogsLogGroupArn: undefined })] } }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('cannot raise alarms');
  });

  it('is UNKNOWN for the account when trails could not be listed', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('cloudtrail', 'DescribeTrails', { permission: 'cloudtrail:DescribeTrails' })],
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      {
        status: 'UNKNOWN',
        resourceId: '111122223333',
        reason: expect.stringContaining('cloudtrail:DescribeTrails'),
      },
    ]);
  });
});
