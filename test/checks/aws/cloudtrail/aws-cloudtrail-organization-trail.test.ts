import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-organization-trail.js';
import type { AwsOrganization, CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'org-trail',
  arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail',
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: true,
  logFileValidationEnabled: true,
  ...parts,
});
const member: AwsOrganization = {
  role: 'member',
  organizationId: 'o-abc123',
  managementAccountId: '999988887777',
};

describe('aws-cloudtrail-organization-trail', () => {
  it('passes a member account covered by the management account’s organization trail', () => {
    const [result] = check.evaluate(
      awsSnapshot({ organization: member, cloudtrail: { trails: [trail({})] } }),
    );
    expect(result).toMatchObject({ status: 'PASS', resourceId: '111122223333' });
    expect(result?.reason).toContain('org-trail from account 999988887777');
  });

  it('fails an organization account with only its own trail', () => {
    const own = trail({
      arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/own',
      isOrganizationTrail: false,
    });
    const [result] = check.evaluate(awsSnapshot({ organization: member, cloudtrail: { trails: [own] } }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('member account of o-abc123');
  });

  it('fails the management account when it has no organization trail', () => {
    const organization: AwsOrganization = { role: 'management', organizationId: 'o-abc123' };
    const results = check.evaluate(awsSnapshot({ organization, cloudtrail: { trails: [] } }));
    expect(results).toMatchObject([{ status: 'FAIL' }]);
  });

  it('does not apply to a standalone account', () => {
    expect(
      check.evaluate(awsSnapshot({ organization: { role: 'standalone' }, cloudtrail: { trails: [] } })),
    ).toEqual([]);
  });

  it('is UNKNOWN, naming the failed call, when the organization could not be read', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [] },
      errors: [
        accessDenied('organizations', 'DescribeOrganization', {
          permission: 'organizations:DescribeOrganization',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('organizations:DescribeOrganization');
  });

  it('is UNKNOWN when an organization account’s trails could not be listed', () => {
    const snapshot = awsSnapshot({
      organization: member,
      errors: [accessDenied('cloudtrail', 'DescribeTrails')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('DescribeTrails');
  });
});
