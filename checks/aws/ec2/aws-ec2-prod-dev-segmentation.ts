import type { AwsEc2, AwsSnapshot, Ec2Instance, Subnet, Vpc } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { fail, pass, unknown, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';
import { environmentFromTags, environmentOf } from '../../lib/tags.js';
import type { Environment } from '../../lib/tags.js';

export default defineAwsCheck({
  id: 'aws-ec2-prod-dev-segmentation',
  service: 'ec2',
  title: 'Production is not sharing subnets or VPCs with development',
  severity: 'high',
  criteria: ['CC6.6', 'CC6.1'],
  risk: 'When payment systems share a network with development and test machines, a compromised or carelessly configured test box can reach production data directly, and the auditor sees no boundary around the system in scope.',
  remediation: {
    summary:
      'Move production into its own VPC (ideally its own account) with no peering to development, and tag every VPC, subnet and instance with its environment so the boundary stays visible.',
    snippet: {
      language: 'terraform',
      code: [
        'resource "aws_vpc" "production" {',
        '  cidr_block = "10.10.0.0/16"',
        '  tags       = { Environment = "production" }',
        '}',
        '',
        'resource "aws_vpc" "development" {',
        '  cidr_block = "10.20.0.0/16"',
        '  tags       = { Environment = "development" }',
        '}',
        '# No aws_vpc_peering_connection or shared transit gateway route between the two.',
      ].join('\n'),
    },
  },
  effort: { baseHours: 8, perResourceHours: 6, maxHours: 32 },
  owner: 'Cloud platform engineer',
  evidence:
    'A network diagram of the system boundary, and VPC, subnet and instance inventories with environment tags from the start and end of the window.',
  evaluate(snapshot) {
    const accountId = awsAccountId(snapshot);
    if (!snapshot.ec2) return unreadService(snapshot, accountId, { service: 'ec2' });
    const estate = estateOf(snapshot, snapshot.ec2);
    if (estate.vpcs.length === 0 && estate.instances.length === 0) return [];
    if (!hasAnyEnvironmentTag(snapshot, estate))
      return [
        unknown(
          accountId,
          `No environment tags on account ${accountId} or its VPCs, subnets and instances, so production cannot be told apart from development.`,
        ),
      ];
    const subnetResults = estate.subnets.flatMap((subnet) => assessSubnet(snapshot, estate, subnet));
    const vpcResults = estate.vpcs.flatMap((vpc) => assessVpc(snapshot, estate, vpc));
    return [...subnetResults, ...vpcResults];
  },
});

/** The network as segmentation sees it: instances that still run or can be started again. */
function estateOf(snapshot: AwsSnapshot, ec2: AwsEc2): AwsEc2 {
  const instances = ec2.instances
    .filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down')
    // Some instances report only their subnet; place them in its VPC.
    .map((i) => ({ ...i, vpcId: i.vpcId ?? ec2.subnets.find((s) => s.subnetId === i.subnetId)?.vpcId }));
  return { ...ec2, instances };
}

function hasAnyEnvironmentTag(snapshot: AwsSnapshot, estate: AwsEc2): boolean {
  const tagSets = [
    snapshot.tags,
    ...[...estate.vpcs, ...estate.subnets, ...estate.instances].map((r) => r.tags),
  ];
  return tagSets.some((tags) => environmentFromTags(tags) !== undefined);
}

// An instance without its own tag inherits the account's. A subnet or VPC without a tag says nothing
// about what runs in it, so only its own tag counts.
const instanceMember = (snapshot: AwsSnapshot, i: Ec2Instance): Member => ({
  id: i.instanceId,
  env: environmentOf(snapshot, i.tags),
});
const containerMember = (id: string, tags: Record<string, string> | undefined): Member => ({
  id,
  env: environmentFromTags(tags),
});

/** Only mixed subnets are reported; a clean subnet is covered by its VPC's PASS. */
function assessSubnet(snapshot: AwsSnapshot, estate: AwsEc2, subnet: Subnet): CheckResult[] {
  const split = splitByEnvironment([
    containerMember(subnet.subnetId, subnet.tags),
    ...estate.instances.filter((i) => i.subnetId === subnet.subnetId).map((i) => instanceMember(snapshot, i)),
  ]);
  if (!isMixed(split)) return [];
  const where = { region: subnet.region, resourceName: subnet.tags?.Name ?? subnet.subnetId };
  const reason = `Subnet ${subnet.subnetId} in ${subnet.vpcId} mixes ${describeSplit(split)}, as far as tags tell.`;
  return [fail(subnet.arn, reason, where)];
}

function assessVpc(snapshot: AwsSnapshot, estate: AwsEc2, vpc: Vpc): CheckResult[] {
  const where = { region: vpc.region, resourceName: vpc.tags?.Name ?? vpc.vpcId };
  const instances = estate.instances.filter((i) => i.vpcId === vpc.vpcId);
  const split = splitByEnvironment([
    containerMember(vpc.vpcId, vpc.tags),
    ...estate.subnets.filter((s) => s.vpcId === vpc.vpcId).map((s) => containerMember(s.subnetId, s.tags)),
    ...instances.map((i) => instanceMember(snapshot, i)),
  ]);
  if (isMixed(split))
    return [fail(vpc.arn, `VPC ${vpc.vpcId} mixes ${describeSplit(split)}, as far as tags tell.`, where)];

  const only =
    split.production.length > 0
      ? 'production'
      : split.nonProduction.length > 0
        ? 'non-production'
        : undefined;
  if (only) {
    const untagged = instances.filter((i) => !environmentOf(snapshot, i.tags)).length;
    const note = untagged > 0 ? ` (${untagged} instance(s) have no environment tag)` : '';
    return [
      pass(vpc.arn, `VPC ${vpc.vpcId} holds ${only} resources only, as far as tags tell${note}.`, where),
    ];
  }
  // An untagged VPC with no instances has nothing to mix.
  if (instances.length === 0) return [];
  const reason = `VPC ${vpc.vpcId} has no environment tags on it, its subnets or its instances, so its segmentation cannot be judged.`;
  return [unknown(vpc.arn, reason, where)];
}

interface Member {
  id: string;
  env: Environment | undefined;
}

interface Split {
  production: string[];
  nonProduction: string[];
}

const isMixed = (split: Split) => split.production.length > 0 && split.nonProduction.length > 0;

function splitByEnvironment(members: Member[]): Split {
  return {
    production: members.filter((m) => m.env === 'production').map((m) => m.id),
    nonProduction: members.filter((m) => m.env === 'non-production').map((m) => m.id),
  };
}

/** `production (i-1, i-2) and non-production (i-3) resources`, at most three ids per side. */
function describeSplit(split: Split): string {
  const ids = (list: string[]) =>
    list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
  return `production (${ids(split.production)}) and non-production (${ids(split.nonProduction)}) resources`;
}
