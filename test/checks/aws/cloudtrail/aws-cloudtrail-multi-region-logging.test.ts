import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-multi-region-logging.js';
import type { CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  includesManagementEvents: true,
  status: { isLogging: true, startLoggingTime: '2026-03-01T00:00:00Z' },
  ...parts,
});
const withTrails = (...trails: CloudTrailTrail[]) => awsSnapshot({ cloudtrail: { trails } });

describe('aws-cloudtrail-multi-region-logging', () => {
  it('passes the account, evidenced since the trail started logging', () => {
    expect(check.evaluate(withTrails(trail({})))).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceId: '111122223333',
        evidencedSince: '2026-03-01T00:00:00Z',
      }),
    ]);
  });

  it('takes the longest-running qualifying trail as the evidence', () => {
    const later = trail({
      name: 'later',
      arn: 'arn:later',
      status: { isLogging: true, startLoggingTime: '2026-06-01T00:00:00Z' },
    });
    const [result] = check.evaluate(withTrails(later, trail({})));
    expect(result).toMatchObject({ status: 'PASS', evidencedSince: '2026-03-01T00:00:00Z' });
    expect(result?.reason).toContain('main');
  });

  it('fails when there is no trail at all', () => {
    const [result] = check.evaluate(withTrails());
    expect(result).toMatchObject({ status: 'FAIL', resourceId: '111122223333' });
    expect(result?.reason).toContain('no CloudTrail trail');
  });

  it('fails when trails exist but only cover one region', () => {
    const [result] = check.evaluate(withTrails(trail({ isMultiRegionTrail: false })));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('none covers all regions');
  });

  it('fails a stopped multi-region trail, and one without management events, saying which', () => {
    const stopped = trail({ status: { isLogging: false, stopLoggingTime: '2026-10-01T00:00:00Z' } });
    const dataOnly = trail({ name: 'data', arn: 'arn:data', includesManagementEvents: false });
    const [result] = check.evaluate(withTrails(stopped, dataOnly));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('main is not logging (stopped 2026-10-01T00:00:00Z)');
    expect(result?.reason).toContain('data does not record management events');
    expect(result?.evidencedSince).toBeUndefined();
  });

  it('is UNKNOWN, naming the home region and permission, when the trail status could not be read', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [trail({ status: undefined })] },
      errors: [
        accessDenied('cloudtrail', 'GetTrailStatus', {
          region: 'eu-west-1',
          permission: 'cloudtrail:GetTrailStatus',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('GetTrailStatus in eu-west-1');
    expect(result?.reason).toContain('cloudtrail:GetTrailStatus');
    expect(result?.reason).toContain('main');
  });

  it('is UNKNOWN when the event selectors of a logging trail could not be read', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [trail({ includesManagementEvents: undefined })] },
      errors: [accessDenied('cloudtrail', 'GetEventSelectors', { region: 'eu-west-1' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('GetEventSelectors');
  });

  it('still passes when another trail proves coverage despite one unreadable trail', () => {
    const unread = trail({ name: 'other', arn: 'arn:other', status: undefined });
    expect(check.evaluate(withTrails(unread, trail({})))).toMatchObject([{ status: 'PASS' }]);
  });

  it('is UNKNOWN for the account when CloudTrail was not read at all', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('cloudtrail', 'DescribeTrails', { region: 'us-east-1' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('DescribeTrails');
  });
});
