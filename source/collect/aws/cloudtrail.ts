// CloudTrail: every trail that logs this account, whether it is logging, and whether it records
// management events. Multi-region and organization trails appear in every region's DescribeTrails, so
// trails are kept once by ARN and their status and selectors are read in their home region.

import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type EventSelector,
  type GetTrailStatusCommandOutput,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import type { CloudTrailTrail } from '../../model/aws-snapshot.js';
import { mapLimit } from '../../util/collections.js';
import {
  isoDate,
  read,
  readEveryRegion,
  RegionalClients,
  RESOURCE_CONCURRENCY,
  type AwsCollectContext,
} from './context.js';

export async function collectCloudTrail(
  ctx: AwsCollectContext,
): Promise<{ trails: CloudTrailTrail[] } | undefined> {
  // One client per region, shared by DescribeTrails and the home-region calls.
  const clients = new RegionalClients((region) => new CloudTrailClient(ctx.clientConfig(region)));
  try {
    const listed = await readEveryRegion(ctx, (region) => describeTrails(ctx, clients.for(region), region));
    // Every region's DescribeTrails failed: CloudTrail was not read at all.
    if (!listed) return undefined;
    const byArn = new Map<string, CloudTrailTrail>();
    for (const trail of listed) if (!byArn.has(trail.arn)) byArn.set(trail.arn, trail);
    const trails = await mapLimit([...byArn.values()], RESOURCE_CONCURRENCY, (trail) =>
      readTrailState(ctx, clients.for(trail.homeRegion), trail),
    );
    return { trails };
  } finally {
    clients.destroy();
  }
}

async function describeTrails(
  ctx: AwsCollectContext,
  client: CloudTrailClient,
  region: string,
): Promise<CloudTrailTrail[] | undefined> {
  const described = await read(
    ctx,
    { service: 'cloudtrail', operation: 'DescribeTrails', permission: 'cloudtrail:DescribeTrails', region },
    // Shadow trails are how multi-region and organization trails show up outside their home region.
    (abortSignal) => client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal }),
  );
  if (!described) return undefined;
  return (described.trailList ?? []).flatMap((trail) => {
    const mapped = trailFromApi(trail, region);
    return mapped ? [mapped] : [];
  });
}

function trailFromApi(trail: Trail, seenIn: string): CloudTrailTrail | undefined {
  if (!trail.TrailARN) return undefined;
  const homeRegion = trail.HomeRegion ?? trail.TrailARN.split(':')[3] ?? seenIn;
  return {
    name: trail.Name ?? trail.TrailARN.slice(trail.TrailARN.lastIndexOf('/') + 1),
    arn: trail.TrailARN,
    homeRegion: homeRegion || seenIn,
    isMultiRegionTrail: trail.IsMultiRegionTrail === true,
    isOrganizationTrail: trail.IsOrganizationTrail === true,
    logFileValidationEnabled: trail.LogFileValidationEnabled === true,
    ...(trail.S3BucketName ? { s3BucketName: trail.S3BucketName } : {}),
    ...(trail.KmsKeyId ? { kmsKeyId: trail.KmsKeyId } : {}),
    ...(trail.CloudWatchLogsLogGroupArn
      ? { cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn }
      : {}),
  };
}

/** Status and event selectors, read where the trail lives; either stays undefined when its call fails. */
async function readTrailState(
  ctx: AwsCollectContext,
  client: CloudTrailClient,
  trail: CloudTrailTrail,
): Promise<CloudTrailTrail> {
  const where = { region: trail.homeRegion, resourceId: trail.arn };
  const [status, selectors] = await Promise.all([
    read(
      ctx,
      {
        service: 'cloudtrail',
        operation: 'GetTrailStatus',
        permission: 'cloudtrail:GetTrailStatus',
        ...where,
      },
      (abortSignal) => client.send(new GetTrailStatusCommand({ Name: trail.arn }), { abortSignal }),
    ),
    read(
      ctx,
      {
        service: 'cloudtrail',
        operation: 'GetEventSelectors',
        permission: 'cloudtrail:GetEventSelectors',
        ...where,
      },
      (abortSignal) => client.send(new GetEventSelectorsCommand({ TrailName: trail.arn }), { abortSignal }),
    ),
  ]);
  return {
    ...trail,
    ...(selectors
      ? {
          includesManagementEvents: recordsManagementEvents(
            selectors.EventSelectors,
            selectors.AdvancedEventSelectors,
          ),
        }
      : {}),
    ...(status ? { status: statusFromApi(status) } : {}),
  };
}

function statusFromApi(status: GetTrailStatusCommandOutput): NonNullable<CloudTrailTrail['status']> {
  const startLoggingTime = isoDate(status.StartLoggingTime);
  const stopLoggingTime = isoDate(status.StopLoggingTime);
  const latestDeliveryTime = isoDate(status.LatestDeliveryTime);
  return {
    isLogging: status.IsLogging === true,
    ...(startLoggingTime ? { startLoggingTime } : {}),
    ...(stopLoggingTime ? { stopLoggingTime } : {}),
    ...(latestDeliveryTime ? { latestDeliveryTime } : {}),
    // AWS sends an empty string when the last delivery succeeded.
    ...(status.LatestDeliveryError ? { latestDeliveryError: status.LatestDeliveryError } : {}),
  };
}

interface Coverage {
  reads: boolean;
  writes: boolean;
}

/**
 * Whether the selectors, taken together, record both read and write management events. A trail uses
 * classic or advanced selectors, never both; a ReadOnly selector plus a WriteOnly one cover both.
 */
export function recordsManagementEvents(
  classic: readonly EventSelector[] | undefined,
  advanced: readonly AdvancedEventSelector[] | undefined,
): boolean {
  const covered = [
    ...(classic ?? []).map(classicCoverage),
    ...(advanced ?? []).map(advancedCoverage),
  ].reduce<Coverage>((all, one) => ({ reads: all.reads || one.reads, writes: all.writes || one.writes }), {
    reads: false,
    writes: false,
  });
  return covered.reads && covered.writes;
}

function classicCoverage(selector: EventSelector): Coverage {
  // Both default to on (true, All) when a selector leaves them out.
  if (selector.IncludeManagementEvents === false) return { reads: false, writes: false };
  const type = selector.ReadWriteType ?? 'All';
  return { reads: type !== 'WriteOnly', writes: type !== 'ReadOnly' };
}

function advancedCoverage(selector: AdvancedEventSelector): Coverage {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  if (!category?.Equals?.includes('Management')) return { reads: false, writes: false };
  const readOnly = fields.find((f) => f.Field === 'readOnly');
  if (!readOnly) return { reads: true, writes: true };
  // readOnly = "true" selects reads only, "false" writes only; NotEquals turns that round.
  const selects = (value: 'true' | 'false') =>
    (readOnly.Equals === undefined || readOnly.Equals.includes(value)) &&
    !(readOnly.NotEquals ?? []).includes(value);
  return { reads: selects('true'), writes: selects('false') };
}
