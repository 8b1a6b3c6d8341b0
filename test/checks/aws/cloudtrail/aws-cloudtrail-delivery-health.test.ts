import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/cloudtrail/aws-cloudtrail-delivery-health.js';
import type { CloudTrailTrail } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

// The fixture snapshot is collected at 2026-11-01T12:00:00Z.
const trail = (status: CloudTrailTrail['status'], parts: Partial<CloudTrailTrail> = {}): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
  homeRegion: 'eu-west-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  s3BucketName: 'audit-logs',
  status,
  ...parts,
});
const evaluate = (...trails: CloudTrailTrail[]) => check.evaluate(awsSnapshot({ cloudtrail: { trails } }));

describe('aws-cloudtrail-delivery-health', () => {
  it('passes a trail that is logging and delivered recently', () => {
    const [result] = evaluate(
      trail({
        isLogging: true,
        startLoggingTime: '2026-01-01T00:00:00Z',
        latestDeliveryTime: '2026-11-01T11:55:00Z',
      }),
    );
    expect(result).toMatchObject({ status: 'PASS', resourceId: trail(undefined).arn });
  });

  it('fails a stopped trail', () => {
    const [result] = evaluate(trail({ isLogging: false, stopLoggingTime: '2026-10-20T00:00:00Z' }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe('Trail main has not been logging since 2026-10-20T00:00:00Z.');
  });

  it('fails a trail whose deliveries to its bucket fail', () => {
    const [result] = evaluate(
      trail({
        isLogging: true,
        latestDeliveryTime: '2026-11-01T11:00:00Z',
        latestDeliveryError: 'AccessDenied',
      }),
    );
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('audit-logs: AccessDenied');
  });

  it('fails a logging trail that has gone silent for more than a day', () => {
    const [stale, never] = evaluate(
      trail({ isLogging: true, latestDeliveryTime: '2026-10-25T00:00:00Z' }),
      trail(
        { isLogging: true, startLoggingTime: '2026-10-01T00:00:00Z' },
        { name: 'new', arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/new' },
      ),
    );
    expect(stale).toMatchObject({
      status: 'FAIL',
      reason: expect.stringContaining('delivered nothing since 2026-10-25'),
    });
    expect(never).toMatchObject({ status: 'FAIL', reason: expect.stringContaining('never delivered') });
  });

  it('gives a trail started within the last day time to deliver', () => {
    const [result] = evaluate(trail({ isLogging: true, startLoggingTime: '2026-11-01T11:00:00Z' }));
    expect(result?.status).toBe('PASS');
  });

  it('is UNKNOWN, naming the home region, when the trail status could not be read', () => {
    const snapshot = awsSnapshot({
      cloudtrail: { trails: [trail(undefined)] },
      errors: [
        accessDenied('cloudtrail', 'GetTrailStatus', {
          region: 'eu-west-1',
          permission: 'cloudtrail:GetTrailStatus',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('GetTrailStatus in eu-west-1');
    expect(result?.reason).toContain('cloudtrail:GetTrailStatus');
  });
});
