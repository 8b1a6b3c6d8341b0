import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/logs/aws-logs-audit-log-group-retention.js';
import type { CloudTrailTrail, LogGroup } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const trail: CloudTrailTrail = {
  name: 'main',
  arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main',
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:org-events:*',
};
const group = (name: string, retentionInDays: number | null): LogGroup => ({
  name,
  arn: `arn:aws:logs:us-east-1:111122223333:log-group:${name}:*`,
  region: 'us-east-1',
  retentionInDays,
});
const evaluate = (...logGroups: LogGroup[]) =>
  check.evaluate(awsSnapshot({ cloudtrail: { trails: [trail] }, logs: { logGroups } }));

describe('aws-logs-audit-log-group-retention', () => {
  it('passes the trail log group when it keeps events a year', () => {
    const [result] = evaluate(group('org-events', 365));
    expect(result).toMatchObject({ status: 'PASS', resourceId: group('org-events', 365).arn });
    expect(result?.reason).toContain('receives trail main');
  });

  it('passes a never-expiring group and 90 days with a recommendation', () => {
    const results = evaluate(group('org-events', null), group('security-findings', 90));
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
    expect(results[1]?.reason).toContain('365 days is recommended');
  });

  it('fails audit groups kept under 90 days, found by destination or by name, and skips application logs', () => {
    const results = evaluate(
      group('org-events', 30),
      group('/vpc/flow-logs', 7),
      group('/aws/lambda/api', 3),
    );
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['org-events', 'FAIL'],
      ['/vpc/flow-logs', 'FAIL'],
    ]);
    expect(results[1]?.reason).toContain('its name says it holds audit logs');
  });

  it('is UNKNOWN for a destination log group missing from the snapshot', () => {
    const [result] = evaluate();
    expect(result).toMatchObject({
      status: 'UNKNOWN',
      resourceId: 'arn:aws:logs:us-east-1:111122223333:log-group:org-events',
      region: 'us-east-1',
    });
    expect(result?.reason).toContain('not in this snapshot');
  });

  it('is UNKNOWN for the account, naming the permission, when log groups could not be listed', () => {
    const snapshot = awsSnapshot({
      errors: [accessDenied('logs', 'DescribeLogGroups', { permission: 'logs:DescribeLogGroups' })],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('logs:DescribeLogGroups');
  });
});
