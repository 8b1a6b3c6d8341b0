// AWS Config: the configuration recorders of every collected region and whether they are recording.
// A region whose recorders or their status could not be read holds no recorder and has its error
// recorded, so the region check says UNKNOWN instead of "no recorder", and no configuration history
// is claimed for it.

import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
} from '@aws-sdk/client-config-service';
import type { ConfigRecorder } from '../../model/aws-snapshot.js';
import { isoDate, read, readEveryRegion, type AwsCollectContext } from './context.js';

export async function collectConfig(
  ctx: AwsCollectContext,
): Promise<{ recorders: ConfigRecorder[] } | undefined> {
  // Undefined when no region could be read: AWS Config was not read at all.
  const recorders = await readEveryRegion(ctx, (region) => collectRegion(ctx, region));
  return recorders ? { recorders } : undefined;
}

async function collectRegion(ctx: AwsCollectContext, region: string): Promise<ConfigRecorder[] | undefined> {
  const client = new ConfigServiceClient(ctx.clientConfig(region));
  try {
    const [recorders, statuses] = await Promise.all([
      read(
        ctx,
        {
          service: 'config',
          operation: 'DescribeConfigurationRecorders',
          permission: 'config:DescribeConfigurationRecorders',
          region,
        },
        (abortSignal) => client.send(new DescribeConfigurationRecordersCommand({}), { abortSignal }),
      ),
      read(
        ctx,
        {
          service: 'config',
          operation: 'DescribeConfigurationRecorderStatus',
          permission: 'config:DescribeConfigurationRecorderStatus',
          region,
        },
        (abortSignal) => client.send(new DescribeConfigurationRecorderStatusCommand({}), { abortSignal }),
      ),
    ]);
    // A recorder without its status would read as stopped and fail; the region stays unread instead.
    if (!recorders || !statuses) return undefined;
    const statusOf = (recorder: ConfigurationRecorder) =>
      statuses.ConfigurationRecordersStatus?.find((s) =>
        recorder.arn && s.arn ? s.arn === recorder.arn : s.name === recorder.name,
      );
    return (recorders.ConfigurationRecorders ?? []).map((recorder) =>
      recorderFromApi(recorder, statusOf(recorder), region),
    );
  } finally {
    client.destroy();
  }
}

function recorderFromApi(
  recorder: ConfigurationRecorder,
  status: ConfigurationRecorderStatus | undefined,
  region: string,
): ConfigRecorder {
  const lastStatus = recorderStatus(status?.lastStatus);
  const lastStartTime = isoDate(status?.lastStartTime);
  return {
    name: recorder.name ?? 'default',
    region,
    allSupported: recorder.recordingGroup?.allSupported === true,
    includeGlobalResourceTypes: recorder.recordingGroup?.includeGlobalResourceTypes === true,
    recording: status?.recording === true,
    ...(lastStatus ? { lastStatus } : {}),
    ...(lastStartTime ? { lastStartTime } : {}),
  };
}

/** AWS has sent both `Success` and `SUCCESS`; `NotApplicable` says nothing about recording. */
function recorderStatus(value: string | undefined): ConfigRecorder['lastStatus'] {
  switch (value?.toLowerCase()) {
    case 'pending':
      return 'Pending';
    case 'success':
      return 'Success';
    case 'failure':
      return 'Failure';
    default:
      return undefined;
  }
}
