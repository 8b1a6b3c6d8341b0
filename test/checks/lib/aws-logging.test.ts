import { describe, expect, it } from 'vitest';
import {
  auditBuckets,
  auditLogGroups,
  bucketNameOf,
  classifyLogGroups,
  describeSources,
  logGroupNameSaysAudit,
  logGroupRefOf,
  trailOwnerNote,
  trailsOf,
} from '../../../checks/lib/aws-logging.js';
import type { CloudTrailTrail, FlowLog, LogGroup } from '../../../source/model/aws-snapshot.js';
import { awsSnapshot } from '../../fixtures/snapshots.js';

const trail = (parts: Partial<CloudTrailTrail>): CloudTrailTrail => ({
  name: 'main',
  arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main',
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  ...parts,
});

const flowLog = (parts: Partial<FlowLog>): FlowLog => ({
  flowLogId: 'fl-1',
  region: 'eu-west-1',
  resourceId: 'vpc-1',
  status: 'ACTIVE',
  trafficType: 'ALL',
  destinationType: 's3',
  ...parts,
});

const logGroup = (name: string, region = 'us-east-1'): LogGroup => ({
  name,
  arn: `arn:aws:logs:${region}:111122223333:log-group:${name}:*`,
  region,
  retentionInDays: null,
});

const ec2 = (flowLogs: FlowLog[]) => ({ vpcs: [], subnets: [], securityGroups: [], instances: [], flowLogs });

describe('audit destinations', () => {
  it('reads bucket names from ARNs with prefixes and from plain names', () => {
    expect(bucketNameOf('arn:aws:s3:::audit-logs/vpc/AWSLogs/')).toBe('audit-logs');
    expect(bucketNameOf('arn:aws-us-gov:s3:::gov-logs')).toBe('gov-logs');
    expect(bucketNameOf('plain-bucket')).toBe('plain-bucket');
  });

  it('reads log group names and regions from CloudTrail-style ARNs', () => {
    expect(logGroupRefOf('arn:aws:logs:eu-west-1:111122223333:log-group:trail/logs:*')).toEqual({
      name: 'trail/logs',
      region: 'eu-west-1',
    });
    expect(logGroupRefOf('flow-logs', 'us-east-2')).toEqual({ name: 'flow-logs', region: 'us-east-2' });
  });

  it('merges the trails and flow logs that share a bucket', () => {
    const snapshot = awsSnapshot({
      cloudtrail: {
        trails: [
          trail({ s3BucketName: 'audit' }),
          trail({
            name: 'second',
            arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/second',
            s3BucketName: 'other',
          }),
        ],
      },
      ec2: ec2([
        flowLog({ destination: 'arn:aws:s3:::audit/flow/' }),
        flowLog({ flowLogId: 'fl-2', destinationType: 'cloud-watch-logs', destination: 'vpc-flow' }),
      ]),
    });
    expect(auditBuckets(snapshot)).toEqual([
      { name: 'audit', sources: ['trail main', 'flow log fl-1'] },
      { name: 'other', sources: ['trail second'] },
    ]);
    expect(auditLogGroups(snapshot)).toEqual([
      { name: 'vpc-flow', region: 'eu-west-1', sources: ['flow log fl-2'] },
    ]);
  });

  it('counts a multi-region trail listed once per region only once', () => {
    const snapshot = awsSnapshot({ cloudtrail: { trails: [trail({}), trail({}), trail({})] } });
    expect(trailsOf(snapshot)).toHaveLength(1);
  });

  it('tells when a trail belongs to another account', () => {
    const snapshot = awsSnapshot();
    expect(trailOwnerNote(snapshot, trail({}))).toBe('');
    expect(
      trailOwnerNote(snapshot, trail({ arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org' })),
    ).toContain('999988887777');
  });

  it('summarises long source lists', () => {
    expect(describeSources(['trail a'])).toBe('trail a');
    expect(describeSources(['trail a', 'trail b', 'flow log c'])).toBe('trail a, trail b and flow log c');
    expect(describeSources(['a', 'b', 'c', 'd', 'e'])).toBe('a, b and 3 more');
  });
});

describe('audit log groups', () => {
  it('spots audit names without catching look-alikes', () => {
    for (const name of [
      'CloudTrail/DefaultLogGroup',
      'aws-cloudtrail-logs-1',
      '/vpc/flow-logs',
      'VPCFlowLogs',
      'security',
      'app-audit',
    ])
      expect(logGroupNameSaysAudit(name), name).toBe(true);
    for (const name of ['/aws/lambda/workflow-logs', '/aws/lambda/payments', '/ecs/overflow'])
      expect(logGroupNameSaysAudit(name), name).toBe(false);
  });

  it('matches destinations by name and region, and lists the ones not found', () => {
    const snapshot = awsSnapshot({
      cloudtrail: {
        trails: [
          trail({ cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:org-events:*' }),
        ],
      },
      ec2: ec2([flowLog({ destinationType: 'cloud-watch-logs', destination: 'net-events' })]),
      logs: {
        logGroups: [logGroup('org-events'), logGroup('net-events', 'us-east-1'), logGroup('/app/api')],
      },
    });
    const { audit, missing, other } = classifyLogGroups(snapshot);
    expect(audit.map((a) => [a.group.name, a.why])).toEqual([['org-events', 'receives trail main']]);
    // The flow log writes to net-events in eu-west-1, not the us-east-1 group of the same name.
    expect(missing).toEqual([{ name: 'net-events', region: 'eu-west-1', sources: ['flow log fl-1'] }]);
    expect(other.map((g) => g.name)).toEqual(['net-events', '/app/api']);
  });
});
