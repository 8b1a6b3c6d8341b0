// CloudWatch Logs: every log group of every collected region with its retention and encryption. Checks
// match groups to trails and flow logs by name and region, so the ARN is only the finding id; it is
// kept without the `:*` suffix, like the ids checks build for groups they cannot see.

import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type LogGroup as ApiLogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroup } from '../../model/aws-snapshot.js';
import { isoDate, readAllPages, readEveryRegion, type AwsCollectContext } from './context.js';

export async function collectLogs(ctx: AwsCollectContext): Promise<{ logGroups: LogGroup[] } | undefined> {
  // Undefined when every region's DescribeLogGroups failed: CloudWatch Logs was not read at all.
  const logGroups = await readEveryRegion(ctx, (region) => collectRegion(ctx, region));
  return logGroups ? { logGroups } : undefined;
}

async function collectRegion(ctx: AwsCollectContext, region: string): Promise<LogGroup[] | undefined> {
  const client = new CloudWatchLogsClient(ctx.clientConfig(region));
  try {
    const groups = await readAllPages(
      ctx,
      { service: 'logs', operation: 'DescribeLogGroups', permission: 'logs:DescribeLogGroups', region },
      {
        send: (nextToken, abortSignal) =>
          client.send(new DescribeLogGroupsCommand({ limit: 50, nextToken }), { abortSignal }),
        items: (page) => page.logGroups,
        nextToken: (page) => page.nextToken,
      },
    );
    return groups?.flatMap((group) => {
      const mapped = logGroupFromApi(ctx, group, region);
      return mapped ? [mapped] : [];
    });
  } finally {
    client.destroy();
  }
}

function logGroupFromApi(ctx: AwsCollectContext, group: ApiLogGroup, region: string): LogGroup | undefined {
  const name = group.logGroupName;
  if (!name) return undefined;
  const creationTime = group.creationTime === undefined ? undefined : isoDate(new Date(group.creationTime));
  return {
    name,
    arn: logGroupArn(group, ctx.accountId, region, name),
    region,
    // No retention policy: the group keeps its events for ever.
    retentionInDays: group.retentionInDays ?? null,
    ...(group.kmsKeyId ? { kmsKeyId: group.kmsKeyId } : {}),
    ...(creationTime ? { creationTime } : {}),
  };
}

/** `logGroupArn` has no `:*`; older replies only carry `arn`, which has it. */
function logGroupArn(group: ApiLogGroup, accountId: string, region: string, name: string): string {
  if (group.logGroupArn) return group.logGroupArn;
  if (group.arn) return group.arn.replace(/:\*$/, '');
  return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}
