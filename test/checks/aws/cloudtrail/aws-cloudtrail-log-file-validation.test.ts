import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-log-file-validation.js';
import type { CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  ...parts,
});

describe('aws-cloudtrail-log-file-validation', () => {
  it('passes a trail that validates its log files', () => {
    const results = check.evaluate(awsSnapshot({ cloudtrail: { trails: [trail({})] } }));
    expect(results).toMatchObject([{ status: 'PASS', resourceId: trail({}).arn, region: 'eu-west-1' }]);
  });

  it('fails each trail without validation, once even if listed in several regions', () => {
    const off = trail({ logFileValidationEnabled: false });
    const results = check.evaluate(awsSnapshot({ cloudtrail: { trails: [off, off] } }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FAIL', resourceName: 'main' });
    expect(results[0]?.reason).toContain('Trail main does not validate log files');
  });

  it('points at the owning account for an organization trail seen from a member', () => {
    const orgTrail = trail({
      arn: 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/org',
      isOrganizationTrail: true,
      logFileValidationEnabled: false,
    });
    const [result] = check.evaluate(awsSnapshot({ cloudtrail: { trails: [orgTrail] } }));
    expect(result?.reason).toContain('account 999988887777');
  });

  it('reports nothing when there are no trails (the multi-region check covers that)', () => {
    expect(check.evaluate(awsSnapshot({ cloudtrail: { trails: [] } }))).toEqual([]);
  });

  it('is UNKNOWN for the account when trails could not be listed', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('cloudtrail', 'DescribeTrails', { permission: 'cloudtrail:DescribeTrails' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('cloudtrail:DescribeTrails');
  });
});
