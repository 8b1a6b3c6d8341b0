// EC2 / VPC: the network of every collected region — VPCs, subnets, flow logs, security groups (with how
// many network interfaces use each) and instances — read with Describe* calls only.
//
// The model keeps one flat list per resource type across regions, so a region that could not be listed
// leaves no trace in the lists themselves; the checks read them as complete:
// - the flow-log and segmentation checks assess only the VPCs they are given, and the admin-ports check
//   only the security groups: a region whose VPCs, subnets, security groups or instances could not be
//   listed would silently drop out and the account could PASS on what was seen. So any such gap makes
//   the whole section `undefined` (every EC2 check UNKNOWN, naming the first failed call), rather than
//   passing or failing on part of the network.
// - a region whose flow logs could not be listed keeps its VPCs with no flow logs: the flow-log check
//   looks for a DescribeFlowLogs error in the VPC's region and says UNKNOWN for those VPCs, not FAIL.
// - a region whose network interfaces could not be listed leaves its groups' `attachmentCount` unread.

import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type FlowLog as SdkFlowLog,
  type Instance as SdkInstance,
  type IpPermission,
  type SecurityGroup as SdkSecurityGroup,
  type Subnet as SdkSubnet,
  type Vpc as SdkVpc,
} from '@aws-sdk/client-ec2';
import type {
  AwsEc2,
  Ec2Instance,
  FlowLog,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Vpc,
} from '../../model/aws-snapshot.js';
import type { CollectionError } from '../../model/snapshot.js';
import { mapLimit } from '../../util/collections.js';
import {
  isoDate,
  readAllPages,
  SERIAL_REGION_CONCURRENCY,
  tagRecord,
  type AwsCollectContext,
  type ReadCall,
} from './context.js';

/** What one region gave; a list left `undefined` could not be read completely (the error is recorded). */
interface RegionNetwork {
  vpcs?: Vpc[];
  subnets?: Subnet[];
  flowLogs?: FlowLog[];
  securityGroups?: SecurityGroup[];
  instances?: Ec2Instance[];
}

/** Lists the checks cannot see gaps in: any of them missing in any region leaves the section unread. */
const REQUIRED_LISTS = ['vpcs', 'subnets', 'securityGroups', 'instances'] as const;

/**
 * Errors are recorded in this order so that the one explaining an unread section comes first: checks
 * name the first EC2 error when the section is absent.
 */
const OPERATION_ORDER = [
  'DescribeVpcs',
  'DescribeSubnets',
  'DescribeSecurityGroups',
  'DescribeInstances',
  'DescribeFlowLogs',
  'DescribeNetworkInterfaces',
];

export async function collectEc2(ctx: AwsCollectContext): Promise<AwsEc2 | undefined> {
  // Failures are gathered here first so they can be recorded in a fixed order (see OPERATION_ORDER).
  const errors: CollectionError[] = [];
  const regional: AwsCollectContext = { ...ctx, errors };
  const perRegion = await mapLimit(ctx.regions, SERIAL_REGION_CONCURRENCY, (region) =>
    readRegion(regional, region),
  );
  ctx.errors.push(...ordered(errors, ctx.regions));
  // `null`: EC2 is not available to the account in that region, so nothing can exist there.
  const served = perRegion.filter((r): r is RegionNetwork => r !== null);
  if (!served.every((r) => REQUIRED_LISTS.every((list) => r[list] !== undefined))) return undefined;
  return {
    vpcs: served.flatMap((r) => r.vpcs ?? []),
    subnets: served.flatMap((r) => r.subnets ?? []),
    flowLogs: served.flatMap((r) => r.flowLogs ?? []),
    securityGroups: served.flatMap((r) => r.securityGroups ?? []),
    instances: served.flatMap((r) => r.instances ?? []),
  };
}

function ordered(errors: CollectionError[], regions: readonly string[]): CollectionError[] {
  const rank = (e: CollectionError) => [
    OPERATION_ORDER.indexOf(e.operation),
    regions.indexOf(e.region ?? ''),
  ];
  return [...errors].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]!;
  });
}

/** One region's network; `null` when the account is not subscribed to EC2 there (OptInRequired). */
async function readRegion(ctx: AwsCollectContext, region: string): Promise<RegionNetwork | null> {
  const client = new EC2Client(ctx.clientConfig(region));
  const call = (operation: string, absentWhen?: readonly string[]): ReadCall => ({
    service: 'ec2',
    operation,
    permission: `ec2:${operation}`,
    region,
    ...(absentWhen ? { absentWhen } : {}),
  });
  try {
    const vpcs = await readAllPages(ctx, call('DescribeVpcs', ['OptInRequired']), {
      send: (NextToken, abortSignal) => client.send(new DescribeVpcsCommand({ NextToken }), { abortSignal }),
      items: (page) => page.Vpcs,
      nextToken: (page) => page.NextToken,
      nullWhenAbsent: true,
    });
    if (vpcs === null) return null;
    const subnets = await readAllPages(ctx, call('DescribeSubnets'), {
      send: (NextToken, abortSignal) =>
        client.send(new DescribeSubnetsCommand({ NextToken }), { abortSignal }),
      items: (page) => page.Subnets,
      nextToken: (page) => page.NextToken,
    });
    const flowLogs = await readAllPages(ctx, call('DescribeFlowLogs'), {
      send: (NextToken, abortSignal) =>
        client.send(new DescribeFlowLogsCommand({ NextToken }), { abortSignal }),
      items: (page) => page.FlowLogs,
      nextToken: (page) => page.NextToken,
    });
    const groups = await readAllPages(ctx, call('DescribeSecurityGroups'), {
      send: (NextToken, abortSignal) =>
        client.send(new DescribeSecurityGroupsCommand({ NextToken }), { abortSignal }),
      items: (page) => page.SecurityGroups,
      nextToken: (page) => page.NextToken,
    });
    const interfaces = await readAllPages(ctx, call('DescribeNetworkInterfaces'), {
      send: (NextToken, abortSignal) =>
        client.send(new DescribeNetworkInterfacesCommand({ NextToken }), { abortSignal }),
      items: (page) => page.NetworkInterfaces,
      nextToken: (page) => page.NextToken,
    });
    const reservations = await readAllPages(ctx, call('DescribeInstances'), {
      send: (NextToken, abortSignal) =>
        client.send(new DescribeInstancesCommand({ NextToken }), { abortSignal }),
      items: (page) => page.Reservations,
      nextToken: (page) => page.NextToken,
    });
    const owner = (id: string | undefined) => id ?? ctx.accountId;
    const attachments = interfaces ? attachmentCounts(interfaces) : undefined;
    return {
      ...(vpcs ? { vpcs: vpcs.flatMap((v) => toVpc(v, region, owner(v.OwnerId))) } : {}),
      ...(subnets ? { subnets: subnets.flatMap((s) => toSubnet(s, region, owner(s.OwnerId))) } : {}),
      ...(flowLogs ? { flowLogs: flowLogs.flatMap((f) => toFlowLog(f, region)) } : {}),
      ...(groups
        ? { securityGroups: groups.flatMap((g) => toSecurityGroup(g, region, owner(g.OwnerId), attachments)) }
        : {}),
      ...(reservations
        ? {
            instances: reservations.flatMap((r) =>
              (r.Instances ?? []).flatMap((i) => toInstance(i, region, owner(r.OwnerId))),
            ),
          }
        : {}),
    };
  } finally {
    client.destroy();
  }
}

/** ARNs in the partition the region belongs to (China and GovCloud are not `aws`). */
function ec2Arn(region: string, account: string, resource: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:ec2:${region}:${account}:${resource}`;
}

/** A shared (RAM) VPC or subnet belongs to its owner, whose ARN names that account. */
function toVpc(v: SdkVpc, region: string, account: string): Vpc[] {
  if (!v.VpcId) return [];
  const tags = tagRecord(v.Tags);
  return [
    {
      vpcId: v.VpcId,
      arn: ec2Arn(region, account, `vpc/${v.VpcId}`),
      region,
      isDefault: v.IsDefault ?? false,
      ...(v.CidrBlock ? { cidrBlock: v.CidrBlock } : {}),
      ...(tags ? { tags } : {}),
    },
  ];
}

function toSubnet(s: SdkSubnet, region: string, account: string): Subnet[] {
  if (!s.SubnetId || !s.VpcId) return [];
  const tags = tagRecord(s.Tags);
  return [
    {
      subnetId: s.SubnetId,
      arn: ec2Arn(region, account, `subnet/${s.SubnetId}`),
      vpcId: s.VpcId,
      region,
      ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {}),
      ...(tags ? { tags } : {}),
    },
  ];
}

function toFlowLog(f: SdkFlowLog, region: string): FlowLog[] {
  if (!f.FlowLogId || !f.ResourceId) return [];
  const destination = f.LogDestination ?? f.LogGroupName;
  const creationTime = isoDate(f.CreationTime);
  return [
    {
      flowLogId: f.FlowLogId,
      region,
      resourceId: f.ResourceId,
      status: f.FlowLogStatus ?? 'UNKNOWN',
      // Only transit gateway flow logs come without a traffic type, and they capture all traffic.
      trafficType: f.TrafficType ?? 'ALL',
      // Flow logs created before destinations were selectable went to CloudWatch Logs.
      destinationType: f.LogDestinationType ?? 'cloud-watch-logs',
      ...(destination ? { destination } : {}),
      ...(creationTime ? { creationTime } : {}),
    },
  ];
}

/** How many network interfaces use each security group. */
function attachmentCounts(interfaces: readonly { Groups?: { GroupId?: string }[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const eni of interfaces)
    for (const groupId of new Set((eni.Groups ?? []).map((g) => g.GroupId)))
      if (groupId) counts.set(groupId, (counts.get(groupId) ?? 0) + 1);
  return counts;
}

function toSecurityGroup(
  g: SdkSecurityGroup,
  region: string,
  account: string,
  attachments: Map<string, number> | undefined,
): SecurityGroup[] {
  if (!g.GroupId) return [];
  const tags = tagRecord(g.Tags);
  return [
    {
      groupId: g.GroupId,
      arn: ec2Arn(region, account, `security-group/${g.GroupId}`),
      groupName: g.GroupName ?? g.GroupId,
      ...(g.VpcId ? { vpcId: g.VpcId } : {}),
      region,
      ingress: (g.IpPermissions ?? []).flatMap(toRule),
      // Unread when the interfaces could not be listed; a group no interface uses counts 0.
      ...(attachments ? { attachmentCount: attachments.get(g.GroupId) ?? 0 } : {}),
      ...(tags ? { tags } : {}),
    },
  ];
}

/**
 * Rules that admit other security groups or prefix lists keep empty CIDR lists: nothing world-wide.
 * AWS always names a rule's protocol; a rule without one is not guessed at.
 */
function toRule(p: IpPermission): SecurityGroupRule[] {
  if (!p.IpProtocol) return [];
  return [
    {
      ipProtocol: p.IpProtocol,
      ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
      ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
      ipv4Ranges: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
      ipv6Ranges: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    },
  ];
}

function toInstance(i: SdkInstance, region: string, account: string): Ec2Instance[] {
  if (!i.InstanceId) return [];
  const tags = tagRecord(i.Tags);
  return [
    {
      instanceId: i.InstanceId,
      arn: ec2Arn(region, account, `instance/${i.InstanceId}`),
      region,
      ...(i.VpcId ? { vpcId: i.VpcId } : {}),
      ...(i.SubnetId ? { subnetId: i.SubnetId } : {}),
      state: i.State?.Name ?? 'unknown',
      ...(tags ? { tags } : {}),
    },
  ];
}
