import { describe, expect, it } from 'vitest';
import configChecks from '../../checks/aws/config/index.js';
import logsChecks from '../../checks/aws/logs/index.js';
import { collectConfig } from '../../source/collect/aws/config.js';
import { collectLogs } from '../../source/collect/aws/logs.js';
import { configHistorySince } from '../../source/evaluate/config-history.js';
import type { AwsSnapshot } from '../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, json, type AwsHandler } from './aws-wire.js';
import { expectOnlyReads, statusByResource, wirePerTest } from './collect-harness.js';
import {
  ACCOUNT_ID,
  apiLogGroup,
  CONFIG_STARTED,
  EU,
  FIXTURE_ACCOUNT,
  jsonServicesAccount,
  LOG_GROUPS,
  logGroupArn,
  TRAILS,
  US,
} from './fixtures/aws-json-services-account.js';

const wire = wirePerTest();

const collectConfigWith = (handler: AwsHandler) => wire.collect(handler, FIXTURE_ACCOUNT, collectConfig);
const collectLogsWith = (handler: AwsHandler) => wire.collect(handler, FIXTURE_ACCOUNT, collectLogs);

const snapshotOf = (parts: Partial<AwsSnapshot>) => awsSnapshot({ regions: [EU, US], ...parts });
const recorderId = (region: string) => `arn:aws:config:${region}:${ACCOUNT_ID}:recorder`;

function results(checks: typeof configChecks, snapshot: AwsSnapshot): Record<string, CheckResult['status']> {
  return statusByResource(checks.flatMap((check) => check.evaluate(snapshot)));
}

describe('collectConfig on the wire', () => {
  it('reads each region’s recorders with their recording status', async () => {
    const { section, errors } = await collectConfigWith(jsonServicesAccount);
    expect(errors).toEqual([]);
    expect(section?.recorders).toEqual([
      {
        name: 'default',
        region: EU,
        allSupported: true,
        includeGlobalResourceTypes: true,
        recording: true,
        // AWS spelled it SUCCESS.
        lastStatus: 'Success',
        lastStartTime: CONFIG_STARTED.eu,
      },
      {
        name: 'default',
        region: US,
        allSupported: false,
        includeGlobalResourceTypes: false,
        recording: true,
        lastStatus: 'Success',
        lastStartTime: CONFIG_STARTED.us,
      },
    ]);
  });

  it('passes the region recording everything and fails the one recording a few types', async () => {
    const { section, errors } = await collectConfigWith(jsonServicesAccount);
    const snapshot = snapshotOf({ config: section, errors });
    expect(results(configChecks, snapshot)).toEqual({
      [recorderId(EU)]: 'PASS',
      [recorderId(US)]: 'FAIL',
      [ACCOUNT_ID]: 'PASS',
    });
    expect(configHistorySince(snapshot, 's3', EU)).toBe(CONFIG_STARTED.eu);
    expect(configHistorySince(snapshot, 's3', US)).toBeUndefined();
  });

  it('fails a region with no recorder without recording an error', async () => {
    const { section, errors } = await collectConfigWith((request) =>
      request.region === US && request.operation === 'DescribeConfigurationRecorders'
        ? json({ ConfigurationRecorders: [] })
        : request.region === US && request.operation === 'DescribeConfigurationRecorderStatus'
          ? json({ ConfigurationRecordersStatus: [] })
          : jsonServicesAccount(request),
    );
    expect(errors).toEqual([]);
    expect(section?.recorders.map((r) => r.region)).toEqual([EU]);
    expect(results(configChecks, snapshotOf({ config: section, errors }))[recorderId(US)]).toBe('FAIL');
  });

  it('makes a region whose recorders are denied UNKNOWN, not a missing recorder', async () => {
    const { section, errors } = await collectConfigWith((request) =>
      request.region === US && request.operation === 'DescribeConfigurationRecorders'
        ? denied(request, 'config:DescribeConfigurationRecorders')
        : jsonServicesAccount(request),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'config',
        operation: 'DescribeConfigurationRecorders',
        kind: 'AccessDenied',
        region: US,
        permission: 'config:DescribeConfigurationRecorders',
      }),
    ]);
    expect(section?.recorders.map((r) => r.region)).toEqual([EU]);
    const snapshot = snapshotOf({ config: section, errors });
    expect(results(configChecks, snapshot)).toEqual({
      [recorderId(EU)]: 'PASS',
      [recorderId(US)]: 'UNKNOWN',
      [ACCOUNT_ID]: 'PASS',
    });
    const unknown = configChecks[0]!.evaluate(snapshot).find((r) => r.status === 'UNKNOWN');
    expect(unknown?.reason).toContain('config:DescribeConfigurationRecorders');
  });

  it('does not call a recorder stopped when its status could not be read', async () => {
    const { section, errors } = await collectConfigWith((request) =>
      request.region === EU && request.operation === 'DescribeConfigurationRecorderStatus'
        ? denied(request, 'config:DescribeConfigurationRecorderStatus')
        : jsonServicesAccount(request),
    );
    expect(errors).toMatchObject([
      {
        operation: 'DescribeConfigurationRecorderStatus',
        region: EU,
        permission: 'config:DescribeConfigurationRecorderStatus',
      },
    ]);
    expect(section?.recorders.map((r) => r.region)).toEqual([US]);
    const snapshot = snapshotOf({ config: section, errors });
    // eu-west-1 held the only global recorder: whether IAM is recorded is now unknown, not failed.
    expect(results(configChecks, snapshot)).toEqual({
      [recorderId(EU)]: 'UNKNOWN',
      [recorderId(US)]: 'FAIL',
      [ACCOUNT_ID]: 'UNKNOWN',
    });
    expect(configHistorySince(snapshot, 's3', EU)).toBeUndefined();
  });

  it('leaves AWS Config unread when every region is denied', async () => {
    const { section, errors } = await collectConfigWith((request) =>
      request.service === 'config'
        ? denied(request, `config:${request.operation}`)
        : jsonServicesAccount(request),
    );
    expect(section).toBeUndefined();
    expect(errors).toHaveLength(4);
    const [result] = configChecks[0]!.evaluate(snapshotOf({ errors }));
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: ACCOUNT_ID });
    expect(result?.reason).toMatch(/config:DescribeConfigurationRecorder/);
  });

  it('retries throttled calls and still reads the data', async () => {
    let throttled = 0;
    const { section, errors } = await collectConfigWith((request) => {
      if (
        request.operation === 'DescribeConfigurationRecorderStatus' &&
        request.region === EU &&
        throttled < 2
      ) {
        throttled++;
        return awsError(request, 400, 'ThrottlingException', 'Rate exceeded');
      }
      return jsonServicesAccount(request);
    });
    expect(throttled).toBe(2);
    expect(errors).toEqual([]);
    expect(section?.recorders.find((r) => r.region === EU)?.recording).toBe(true);
  }, 20_000);

  it('issues only read operations', async () => {
    const { calls } = await collectConfigWith(jsonServicesAccount);
    expect(calls.length).toBe(4);
    expectOnlyReads(calls, 'config');
  });
});

describe('collectLogs on the wire', () => {
  it('reads every log group of every region, following nextToken', async () => {
    const { section, errors, calls } = await collectLogsWith(jsonServicesAccount);
    expect(errors).toEqual([]);
    const euCalls = calls.filter((c) => c.operation === 'DescribeLogGroups' && c.region === EU);
    expect(euCalls.map((c) => c.params.nextToken)).toEqual([undefined, 'page-2']);
    expect(section?.logGroups.map((g) => g.name).sort()).toEqual(
      Object.values(LOG_GROUPS)
        .map((g) => g.name)
        .sort(),
    );
    expect(section?.logGroups.find((g) => g.name === 'cloudtrail/audit')).toEqual({
      name: 'cloudtrail/audit',
      arn: `arn:aws:logs:eu-west-1:${ACCOUNT_ID}:log-group:cloudtrail/audit`,
      region: EU,
      retentionInDays: 365,
      kmsKeyId: LOG_GROUPS.trail.kmsKeyId,
      creationTime: '2025-03-01T08:55:00.000Z',
    });
    // No retention policy: read, and never expires.
    expect(section?.logGroups.find((g) => g.name === LOG_GROUPS.payments.name)).toEqual({
      name: LOG_GROUPS.payments.name,
      arn: logGroupArn(LOG_GROUPS.payments),
      region: EU,
      retentionInDays: null,
      creationTime: LOG_GROUPS.payments.created,
    });
  });

  it('drops the `:*` of the older arn member when logGroupArn is missing', async () => {
    const { section } = await collectLogsWith((request) => {
      if (request.operation !== 'DescribeLogGroups') return jsonServicesAccount(request);
      const { logGroupArn: _omitted, ...older } = apiLogGroup(LOG_GROUPS.renderer);
      return json({ logGroups: request.region === US ? [older] : [] });
    });
    expect(section?.logGroups).toEqual([
      expect.objectContaining({ arn: logGroupArn(LOG_GROUPS.renderer), retentionInDays: 14 }),
    ]);
  });

  it('passes and fails audit and application log groups by retention', async () => {
    const { section, errors } = await collectLogsWith(jsonServicesAccount);
    // The trail that sends to cloudtrail/audit names it with the `:*` CloudTrail stores.
    const cloudtrail = {
      trails: [
        {
          name: TRAILS.audit.Name,
          arn: TRAILS.audit.TrailARN,
          homeRegion: EU,
          isMultiRegionTrail: true,
          isOrganizationTrail: false,
          logFileValidationEnabled: true,
          cloudWatchLogsLogGroupArn: TRAILS.audit.CloudWatchLogsLogGroupArn,
        },
      ],
    };
    // The shared-services VPC's flow log names only its log group, as early flow logs do.
    const ec2 = {
      vpcs: [],
      subnets: [],
      securityGroups: [],
      instances: [],
      flowLogs: [
        {
          flowLogId: 'fl-0b22000000000001',
          region: EU,
          resourceId: 'vpc-0b22000000000001',
          status: 'ACTIVE',
          trafficType: 'ACCEPT' as const,
          destinationType: 'cloud-watch-logs' as const,
          destination: LOG_GROUPS.sharedServicesFlowLogs.name,
        },
      ],
    };
    const logChecks = logsChecks.filter((c) => c.id.includes('log-group'));
    const snapshot = snapshotOf({ logs: section, cloudtrail, ec2, errors });
    expect(results(logChecks, snapshot)).toEqual({
      [logGroupArn(LOG_GROUPS.trail)]: 'PASS',
      [logGroupArn(LOG_GROUPS.flowLogs)]: 'FAIL',
      [logGroupArn(LOG_GROUPS.sharedServicesFlowLogs)]: 'FAIL',
      [logGroupArn(LOG_GROUPS.payments)]: 'PASS',
      [logGroupArn(LOG_GROUPS.ledger)]: 'PASS',
      [logGroupArn(LOG_GROUPS.renderer)]: 'FAIL',
    });
    const audit = logChecks.find((c) => c.id === 'aws-logs-audit-log-group-retention')!.evaluate(snapshot);
    const reasonFor = (name: string) => audit.find((r) => r.resourceName === name)?.reason;
    expect(reasonFor('cloudtrail/audit')).toContain('receives trail audit-trail');
    expect(reasonFor('/vpc/shared-services')).toContain('receives flow log fl-0b22000000000001');
    expect(reasonFor('/vpc/shared-services')).toContain('only 30 days');
  });

  it('leaves CloudWatch Logs unread when DescribeLogGroups is denied everywhere', async () => {
    const { section, errors } = await collectLogsWith((request) =>
      request.operation === 'DescribeLogGroups'
        ? denied(request, 'logs:DescribeLogGroups')
        : jsonServicesAccount(request),
    );
    expect(section).toBeUndefined();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      service: 'logs',
      operation: 'DescribeLogGroups',
      kind: 'AccessDenied',
      permission: 'logs:DescribeLogGroups',
    });
    for (const check of logsChecks.filter((c) => c.id.includes('log-group'))) {
      const [result] = check.evaluate(snapshotOf({ errors }));
      expect(result?.status).toBe('UNKNOWN');
      expect(result?.reason).toContain('logs:DescribeLogGroups');
    }
  });

  it('treats a failed second page as an unread region, not a shorter list', async () => {
    const { section, errors } = await collectLogsWith((request) =>
      request.operation === 'DescribeLogGroups' && request.region === EU && request.params.nextToken
        ? awsError(request, 400, 'InvalidParameterException', 'The specified nextToken is invalid.')
        : jsonServicesAccount(request),
    );
    expect(section?.logGroups.map((g) => g.region)).toEqual([US, US]);
    expect(errors).toMatchObject([
      { service: 'logs', operation: 'DescribeLogGroups', region: EU, kind: 'Other' },
    ]);
  });

  it('retries throttled calls and still reads the data', async () => {
    let throttled = 0;
    const { section, errors } = await collectLogsWith((request) => {
      if (request.operation === 'DescribeLogGroups' && request.params.nextToken && throttled < 2) {
        throttled++;
        return awsError(request, 400, 'ThrottlingException', 'Rate exceeded');
      }
      return jsonServicesAccount(request);
    });
    expect(throttled).toBe(2);
    expect(errors).toEqual([]);
    expect(section?.logGroups).toHaveLength(6);
  }, 20_000);

  it('issues only read operations', async () => {
    const { calls } = await collectLogsWith(jsonServicesAccount);
    expectOnlyReads(calls, 'logs');
  });
});
