import { describe, expect, it } from 'vitest';
import cloudtrailChecks from '../../checks/aws/cloudtrail/index.js';
import { collectCloudTrail, recordsManagementEvents } from '../../source/collect/aws/cloudtrail.js';
import type { AwsSnapshot, CloudTrailTrail } from '../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, json, type AwsHandler } from './aws-wire.js';
import { expectOnlyReads, statusByResource, wirePerTest } from './collect-harness.js';
import {
  ACCOUNT_ID,
  COLLECTED_AT,
  EU,
  FIXTURE_ACCOUNT,
  jsonServicesAccount,
  MANAGEMENT_ACCOUNT_ID,
  TRAIL_TIMES,
  TRAILS,
  US,
} from './fixtures/aws-json-services-account.js';

const wire = wirePerTest();

async function collect(handler: AwsHandler) {
  const { section, ...rest } = await wire.collect(handler, FIXTURE_ACCOUNT, collectCloudTrail);
  return { cloudtrail: section, ...rest };
}

function snapshotOf(cloudtrail: AwsSnapshot['cloudtrail'], errors: CollectionError[]): AwsSnapshot {
  return awsSnapshot({
    regions: [EU, US],
    collectedAt: COLLECTED_AT,
    organization: {
      role: 'member',
      organizationId: 'o-a1b2c3d4e5',
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
    },
    cloudtrail,
    errors,
  });
}

/** check id → resource id → status. */
function statuses(snapshot: AwsSnapshot): Record<string, Record<string, CheckResult['status']>> {
  return Object.fromEntries(
    cloudtrailChecks.map((check) => [check.id, statusByResource(check.evaluate(snapshot))]),
  );
}

const byArn = (trails: CloudTrailTrail[] | undefined, arn: string) => trails?.find((t) => t.arn === arn);

describe('collectCloudTrail on the wire', () => {
  it('reads each trail once, with its status and management-event coverage', async () => {
    const { cloudtrail, errors } = await collect(jsonServicesAccount);
    expect(errors).toEqual([]);
    // org-trail and audit-trail are listed in both regions; they are kept once.
    expect(cloudtrail?.trails.map((t) => t.arn).sort()).toEqual(
      [TRAILS.audit.TrailARN, TRAILS.legacy.TrailARN, TRAILS.org.TrailARN].sort(),
    );
    expect(byArn(cloudtrail?.trails, TRAILS.audit.TrailARN)).toEqual({
      name: 'audit-trail',
      arn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT_ID}:trail/audit-trail`,
      homeRegion: EU,
      isMultiRegionTrail: true,
      isOrganizationTrail: false,
      logFileValidationEnabled: true,
      s3BucketName: 'acme-prod-audit-logs',
      kmsKeyId: TRAILS.audit.KmsKeyId,
      cloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT_ID}:log-group:cloudtrail/audit:*`,
      includesManagementEvents: true,
      status: {
        isLogging: true,
        startLoggingTime: TRAIL_TIMES.audit.start,
        stopLoggingTime: '2024-05-31T23:00:00.000Z',
        latestDeliveryTime: TRAIL_TIMES.audit.delivery,
      },
    });
    expect(byArn(cloudtrail?.trails, TRAILS.org.TrailARN)).toMatchObject({
      isOrganizationTrail: true,
      homeRegion: US,
      includesManagementEvents: true,
      status: { isLogging: true, startLoggingTime: TRAIL_TIMES.org.start },
    });
    const legacy = byArn(cloudtrail?.trails, TRAILS.legacy.TrailARN);
    expect(legacy).toMatchObject({
      isMultiRegionTrail: false,
      logFileValidationEnabled: false,
      // Write-only management events are not the read-and-write coverage auditors expect.
      includesManagementEvents: false,
      status: {
        isLogging: false,
        stopLoggingTime: TRAIL_TIMES.legacy.stop,
        latestDeliveryError: 'AccessDenied',
      },
    });
    expect(legacy).not.toHaveProperty('kmsKeyId');
    expect(legacy).not.toHaveProperty('cloudWatchLogsLogGroupArn');
  });

  it('asks for each trail status and selectors once, by ARN, in its home region', async () => {
    const { calls } = await collect(jsonServicesAccount);
    const describeRegions = calls.filter((c) => c.operation === 'DescribeTrails').map((c) => c.region);
    expect(describeRegions.sort()).toEqual([EU, US]);
    expect(
      calls.filter((c) => c.operation === 'DescribeTrails').every((c) => c.params.includeShadowTrails),
    ).toBe(true);
    const statusCalls = calls
      .filter((c) => c.operation === 'GetTrailStatus')
      .map((c) => [c.params.Name, c.region]);
    expect(statusCalls.sort()).toEqual(
      [
        [TRAILS.audit.TrailARN, EU],
        [TRAILS.legacy.TrailARN, US],
        [TRAILS.org.TrailARN, US],
      ].sort(),
    );
    const selectorCalls = calls
      .filter((c) => c.operation === 'GetEventSelectors')
      .map((c) => [c.params.TrailName, c.region]);
    expect(selectorCalls.sort()).toEqual(statusCalls.sort());
  });

  it('gives the CloudTrail checks the expected verdict per trail', async () => {
    const { cloudtrail, errors } = await collect(jsonServicesAccount);
    const { org, audit, legacy } = {
      org: TRAILS.org.TrailARN,
      audit: TRAILS.audit.TrailARN,
      legacy: TRAILS.legacy.TrailARN,
    };
    expect(statuses(snapshotOf(cloudtrail, errors))).toEqual({
      'aws-cloudtrail-multi-region-logging': { [ACCOUNT_ID]: 'PASS' },
      'aws-cloudtrail-organization-trail': { [ACCOUNT_ID]: 'PASS' },
      'aws-cloudtrail-log-file-validation': { [org]: 'PASS', [audit]: 'PASS', [legacy]: 'FAIL' },
      'aws-cloudtrail-kms-encryption': { [org]: 'PASS', [audit]: 'PASS', [legacy]: 'FAIL' },
      'aws-cloudtrail-cloudwatch-delivery': { [org]: 'FAIL', [audit]: 'PASS', [legacy]: 'FAIL' },
      'aws-cloudtrail-delivery-health': { [org]: 'PASS', [audit]: 'PASS', [legacy]: 'FAIL' },
    });
    // The longest-logging trail is the evidence.
    const [multiRegion] = cloudtrailChecks[0]!.evaluate(snapshotOf(cloudtrail, errors));
    expect(multiRegion?.evidencedSince).toBe(TRAIL_TIMES.org.start);
  });

  it('leaves CloudTrail unread when DescribeTrails is denied everywhere', async () => {
    const { cloudtrail, errors } = await collect((request) =>
      request.operation === 'DescribeTrails'
        ? denied(request, 'cloudtrail:DescribeTrails')
        : jsonServicesAccount(request),
    );
    expect(cloudtrail).toBeUndefined();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      service: 'cloudtrail',
      operation: 'DescribeTrails',
      kind: 'AccessDenied',
      permission: 'cloudtrail:DescribeTrails',
    });
    const results = statuses(snapshotOf(cloudtrail, errors));
    expect(results['aws-cloudtrail-multi-region-logging']).toEqual({ [ACCOUNT_ID]: 'UNKNOWN' });
    const [reason] = cloudtrailChecks[0]!.evaluate(snapshotOf(cloudtrail, errors));
    expect(reason?.reason).toContain('cloudtrail:DescribeTrails');
  });

  it('still sees multi-region trails when one region denies DescribeTrails', async () => {
    const { cloudtrail, errors } = await collect((request) =>
      request.operation === 'DescribeTrails' && request.region === US
        ? denied(request, 'cloudtrail:DescribeTrails')
        : jsonServicesAccount(request),
    );
    // The single-region trail of us-east-1 is lost with its region; the multi-region ones are not.
    expect(cloudtrail?.trails.map((t) => t.name).sort()).toEqual(['audit-trail', 'org-trail']);
    expect(errors).toMatchObject([{ operation: 'DescribeTrails', region: US }]);
  });

  it('records a denied GetTrailStatus on the organization trail and makes only that trail UNKNOWN', async () => {
    const { cloudtrail, errors } = await collect((request) =>
      request.operation === 'GetTrailStatus' && request.params.Name === TRAILS.org.TrailARN
        ? denied(request, 'cloudtrail:GetTrailStatus')
        : jsonServicesAccount(request),
    );
    const org = byArn(cloudtrail?.trails, TRAILS.org.TrailARN);
    expect(org).not.toHaveProperty('status');
    expect(org?.includesManagementEvents).toBe(true);
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'cloudtrail',
        operation: 'GetTrailStatus',
        kind: 'AccessDenied',
        region: US,
        resourceId: TRAILS.org.TrailARN,
        permission: 'cloudtrail:GetTrailStatus',
      }),
    ]);
    const snapshot = snapshotOf(cloudtrail, errors);
    expect(statuses(snapshot)['aws-cloudtrail-delivery-health']).toEqual({
      [TRAILS.org.TrailARN]: 'UNKNOWN',
      [TRAILS.audit.TrailARN]: 'PASS',
      [TRAILS.legacy.TrailARN]: 'FAIL',
    });
    const health = cloudtrailChecks.find((c) => c.id === 'aws-cloudtrail-delivery-health')!;
    const unknown = health.evaluate(snapshot).find((r) => r.status === 'UNKNOWN');
    expect(unknown?.reason).toContain('cloudtrail:GetTrailStatus');
    // audit-trail still covers the account.
    expect(statuses(snapshot)['aws-cloudtrail-multi-region-logging']).toEqual({ [ACCOUNT_ID]: 'PASS' });
  });

  it('leaves management-event coverage unknown when GetEventSelectors is denied', async () => {
    const { cloudtrail, errors } = await collect((request) =>
      request.operation === 'GetEventSelectors'
        ? denied(request, 'cloudtrail:GetEventSelectors')
        : jsonServicesAccount(request),
    );
    for (const trail of cloudtrail?.trails ?? [])
      expect(trail).not.toHaveProperty('includesManagementEvents');
    expect(errors).toHaveLength(3);
    expect(errors).toContainEqual(
      expect.objectContaining({
        operation: 'GetEventSelectors',
        region: EU,
        resourceId: TRAILS.audit.TrailARN,
        permission: 'cloudtrail:GetEventSelectors',
      }),
    );
    // Logging multi-region trails whose selectors are unknown might cover the account: not a FAIL.
    const [result] = cloudtrailChecks[0]!.evaluate(snapshotOf(cloudtrail, errors));
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('cloudtrail:GetEventSelectors');
  });

  it('reads an account without trails as read and empty', async () => {
    const { cloudtrail, errors } = await collect((request) =>
      request.operation === 'DescribeTrails' ? json({ trailList: [] }) : jsonServicesAccount(request),
    );
    expect(errors).toEqual([]);
    expect(cloudtrail).toEqual({ trails: [] });
    const snapshot = snapshotOf(cloudtrail, errors);
    expect(statuses(snapshot)['aws-cloudtrail-multi-region-logging']).toEqual({ [ACCOUNT_ID]: 'FAIL' });
  });

  it('retries throttled calls and still reads the data', async () => {
    let throttled = 0;
    const { cloudtrail, errors } = await collect((request) => {
      if (request.operation === 'GetEventSelectors' && request.region === EU && throttled < 2) {
        throttled++;
        return awsError(request, 400, 'ThrottlingException', 'Rate exceeded');
      }
      return jsonServicesAccount(request);
    });
    expect(throttled).toBe(2);
    expect(errors).toEqual([]);
    expect(byArn(cloudtrail?.trails, TRAILS.audit.TrailARN)?.includesManagementEvents).toBe(true);
  }, 20_000);

  it('issues only read operations', async () => {
    const { calls } = await collect(jsonServicesAccount);
    expectOnlyReads(calls, 'cloudtrail');
  });
});

describe('recordsManagementEvents', () => {
  const management = { Field: 'eventCategory', Equals: ['Management'] };

  it('needs classic selectors to record both reads and writes', () => {
    expect(
      recordsManagementEvents([{ ReadWriteType: 'All', IncludeManagementEvents: true }], undefined),
    ).toBe(true);
    expect(
      recordsManagementEvents([{ ReadWriteType: 'All', IncludeManagementEvents: false }], undefined),
    ).toBe(false);
    expect(
      recordsManagementEvents([{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }], undefined),
    ).toBe(false);
    expect(
      recordsManagementEvents(
        [
          { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true },
          { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true },
        ],
        undefined,
      ),
    ).toBe(true);
    expect(recordsManagementEvents([], undefined)).toBe(false);
  });

  it('reads advanced selectors by eventCategory and readOnly', () => {
    expect(recordsManagementEvents(undefined, [{ FieldSelectors: [management] }])).toBe(true);
    const dataOnly = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] };
    expect(recordsManagementEvents(undefined, [dataOnly])).toBe(false);
    const writes = { FieldSelectors: [management, { Field: 'readOnly', Equals: ['false'] }] };
    const reads = { FieldSelectors: [management, { Field: 'readOnly', Equals: ['true'] }] };
    expect(recordsManagementEvents(undefined, [writes])).toBe(false);
    expect(recordsManagementEvents(undefined, [writes, reads])).toBe(true);
    const notReads = { FieldSelectors: [management, { Field: 'readOnly', NotEquals: ['true'] }] };
    expect(recordsManagementEvents(undefined, [notReads])).toBe(false);
    // Leaving out a noisy event source still records management events.
    const noKms = {
      FieldSelectors: [management, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }],
    };
    expect(recordsManagementEvents(undefined, [noKms])).toBe(true);
  });
});
