import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/logs/aws-logs-log-group-retention.js';
import type { LogGroup } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';

const group = (name: string, retentionInDays: number | null): LogGroup => ({
  name,
  arn: `arn:aws:logs:us-east-1:111122223333:log-group:${name}:*`,
  region: 'us-east-1',
  retentionInDays,
});

describe('aws-logs-log-group-retention', () => {
  it('passes application log groups kept 90 days or forever', () => {
    const results = check.evaluate(
      awsSnapshot({ logs: { logGroups: [group('/app/api', 90), group('/app/web', null)] } }),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
  });

  it('fails short retention, leaving audit log groups to the stricter check', () => {
    const logGroups = [group('/aws/lambda/api', 14), group('CloudTrail/DefaultLogGroup', 14)];
    const results = check.evaluate(awsSnapshot({ logs: { logGroups } }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FAIL', resourceName: '/aws/lambda/api' });
    expect(results[0]?.reason).toContain('only 14 days');
  });

  it('is UNKNOWN for the account when log groups could not be listed', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('logs', 'DescribeLogGroups', {
          region: 'us-east-1',
          permission: 'logs:DescribeLogGroups',
        }),
      ],
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'UNKNOWN', reason: expect.stringContaining('logs:DescribeLogGroups') },
    ]);
  });
});
