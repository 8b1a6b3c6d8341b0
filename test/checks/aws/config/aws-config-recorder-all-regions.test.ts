import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/config/aws-config-recorder-all-regions.js';
import type { ConfigRecorder } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const recorder = (region: string, parts: Partial<ConfigRecorder> = {}): ConfigRecorder => ({
  name: 'default',
  region,
  allSupported: true,
  includeGlobalResourceTypes: region === 'us-east-1',
  recording: true,
  lastStatus: 'Success',
  lastStartTime: '2026-01-15T00:00:00Z',
  ...parts,
});
const regions = ['us-east-1', 'eu-west-1'];

describe('aws-config-recorder-all-regions', () => {
  it('passes every region and the global part when recorders record everything', () => {
    const snapshot = awsSnapshot({
      regions,
      config: { recorders: [recorder('us-east-1'), recorder('eu-west-1')] },
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => [r.resourceId, r.region, r.status])).toEqual([
      ['arn:aws:config:us-east-1:111122223333:recorder', 'us-east-1', 'PASS'],
      ['arn:aws:config:eu-west-1:111122223333:recorder', 'eu-west-1', 'PASS'],
      ['111122223333', undefined, 'PASS'],
    ]);
    expect(results[0]?.evidencedSince).toBe('2026-01-15T00:00:00Z');
  });

  it('fails a region without a recorder, a stopped one and one limited to selected types', () => {
    const snapshot = awsSnapshot({
      regions: ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-south-1'],
      config: {
        recorders: [
          recorder('us-east-1'),
          recorder('eu-west-1', { recording: false }),
          recorder('eu-central-1', { allSupported: false }),
        ],
      },
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL', 'FAIL', 'FAIL', 'PASS']);
    expect(results[1]?.reason).toContain('is stopped');
    expect(results[2]?.reason).toContain('only selected resource types');
    expect(results[3]?.reason).toBe('AWS Config has no configuration recorder in ap-south-1.');
    expect(results[1]?.evidencedSince).toBeUndefined();
  });

  it('fails a recorder whose last recording failed', () => {
    const snapshot = awsSnapshot({
      config: { recorders: [recorder('us-east-1', { lastStatus: 'Failure' })] },
    });
    expect(check.evaluate(snapshot)[0]).toMatchObject({
      status: 'FAIL',
      reason: expect.stringContaining('failed'),
    });
  });

  it('fails the global part when no region records IAM and other global resources', () => {
    const snapshot = awsSnapshot({
      config: { recorders: [recorder('us-east-1', { includeGlobalResourceTypes: false })] },
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL']);
    expect(results[1]?.resourceId).toBe('111122223333');
  });

  it('is UNKNOWN for a region that could not be read, and for the global part if it may be there', () => {
    const snapshot = awsSnapshot({
      regions,
      config: { recorders: [recorder('us-east-1', { includeGlobalResourceTypes: false })] },
      errors: [
        accessDenied('config', 'DescribeConfigurationRecorders', {
          region: 'eu-west-1',
          permission: 'config:DescribeConfigurationRecorders',
        }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'UNKNOWN', 'UNKNOWN']);
    expect(results[1]?.reason).toContain('config:DescribeConfigurationRecorders');
    expect(results[2]?.reason).toContain('eu-west-1');
  });

  it('is UNKNOWN for the account when AWS Config was not read at all', () => {
    const snapshot = awsSnapshot({ errors: [accessDenied('config', 'DescribeConfigurationRecorders')] });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
  });
});
