import type { AwsEc2, AwsSnapshot, FlowLog, Vpc } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { fail, findError, pass, unknown, unreadReason, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-ec2-vpc-flow-logs',
  service: 'ec2',
  title: 'Every VPC has an active flow log',
  severity: 'high',
  criteria: ['CC7.2', 'CC6.6'],
  risk: 'Without flow logs there is no record of which addresses talked to which servers, so port scans, data leaving the network or a compromised host calling out go unseen and cannot be investigated.',
  remediation: {
    summary:
      'Create a flow log on each VPC capturing ALL traffic (REJECT at the least) to the central log bucket; delete default VPCs that nothing uses.',
    snippet: {
      language: 'shell',
      code: [
        'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL \\',
        '  --log-destination-type s3 --log-destination arn:aws:s3:::<audit-log-bucket>/vpc-flow-logs/',
        '# An unused default VPC can go instead (after checking nothing runs in it):',
        'aws ec2 delete-vpc --vpc-id <default-vpc-id>',
      ].join('\n'),
    },
  },
  effort: { baseHours: 2, perResourceHours: 1, maxHours: 16 },
  owner: 'Cloud platform engineer',
  evidence:
    'The flow log configuration per VPC with its creation date before the window, and flow log records sampled from the first month of the window.',
  evaluate(snapshot) {
    if (!snapshot.ec2) return unreadService(snapshot, awsAccountId(snapshot), { service: 'ec2' });
    const ec2 = snapshot.ec2;
    return ec2.vpcs.map((vpc) => assessVpc(snapshot, ec2, vpc));
  },
});

// Flow logs that capture rejected traffic at least: ACCEPT-only logs miss the probing that matters.
const isUseful = (flowLog: FlowLog) => flowLog.status === 'ACTIVE' && flowLog.trafficType !== 'ACCEPT';

function assessVpc(snapshot: AwsSnapshot, ec2: AwsEc2, vpc: Vpc): CheckResult {
  const name = vpc.tags?.Name ? `${vpc.tags.Name} (${vpc.vpcId})` : vpc.vpcId;
  const where = { region: vpc.region, resourceName: vpc.tags?.Name ?? vpc.vpcId };
  const onVpc = ec2.flowLogs.filter((f) => f.resourceId === vpc.vpcId && f.region === vpc.region);
  const useful = onVpc.filter(isUseful);
  if (useful.length > 0) {
    const since = earliest(useful.map((f) => f.creationTime));
    const first = useful[0] as FlowLog;
    return pass(
      vpc.arn,
      `VPC ${name} has an active flow log (${first.flowLogId}, ${first.trafficType} traffic to ${first.destinationType})${since ? ` since ${since}` : ''}.`,
      { ...where, ...(since ? { evidencedSince: since } : {}) },
    );
  }
  // No flow log seen may only mean they could not be listed in this region.
  const query = { service: 'ec2', operation: 'DescribeFlowLogs', region: vpc.region };
  if (findError(snapshot, query)) return unknown(vpc.arn, unreadReason(snapshot, query), where);

  const problems = onVpc.map((f) =>
    f.status !== 'ACTIVE' ? `${f.flowLogId} is ${f.status}` : `${f.flowLogId} records accepted traffic only`,
  );
  let reason =
    problems.length > 0
      ? `VPC ${name} has no working flow log: ${problems.join('; ')}.`
      : `VPC ${name} has no flow log.`;
  const subnetIds = new Set(ec2.subnets.filter((s) => s.vpcId === vpc.vpcId).map((s) => s.subnetId));
  const subnetLogs = ec2.flowLogs.filter((f) => subnetIds.has(f.resourceId) && isUseful(f)).length;
  if (subnetLogs > 0) reason += ` Flow logs cover ${subnetLogs} of its subnets, not the VPC as a whole.`;
  const inUse = ec2.instances.some((i) => i.vpcId === vpc.vpcId && i.state !== 'terminated');
  if (vpc.isDefault && !inUse) reason += ' It is an unused default VPC: deleting it also closes the gap.';
  return fail(vpc.arn, reason, where);
}

function earliest(dates: (string | undefined)[]): string | undefined {
  const known = dates.filter((d): d is string => d !== undefined);
  return known.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}
