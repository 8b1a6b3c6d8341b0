import { describe, expect, it } from 'vitest';
import prodDevSegmentation from '../../checks/aws/ec2/aws-ec2-prod-dev-segmentation.js';
import securityGroupAdminPorts from '../../checks/aws/ec2/aws-ec2-security-group-admin-ports.js';
import vpcFlowLogs from '../../checks/aws/ec2/aws-ec2-vpc-flow-logs.js';
import ec2Checks from '../../checks/aws/ec2/index.js';
import { collectEc2 } from '../../source/collect/aws/ec2.js';
import type { AwsEc2 } from '../../source/model/aws-snapshot.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, ec2Result, type AwsHandler } from './aws-wire.js';
import { expectOnlyReads, wirePerTest } from './collect-harness.js';
import { EC2_ACCOUNT_ID, EC2_REGIONS, ec2Account, ec2Page, vpcItem } from './fixtures/aws-ec2-account.js';

const wire = wirePerTest();

/** Starts the wire with `handler` and collects EC2 from the given regions. */
async function collect(handler: AwsHandler, regions: readonly string[] = EC2_REGIONS) {
  const account = { accountId: EC2_ACCOUNT_ID, regions };
  const { section: ec2, errors, calls } = await wire.collect(handler, account, collectEc2);
  const snapshot = awsSnapshot({ regions: [...regions], errors, ...(ec2 ? { ec2 } : {}) });
  return { ec2, errors, snapshot, calls };
}

/** The fixture, except `op` in `region` (every region when absent) answers `reply`. */
function overriding(op: string, region: string | undefined, reply: AwsHandler): AwsHandler {
  return (request) =>
    request.operation === op && (!region || request.region === region) ? reply(request) : ec2Account(request);
}

const deniedIn = (op: string, region?: string) =>
  overriding(op, region, (request) => denied(request, `ec2:${op}`));

const arn = (region: string, resource: string) => `arn:aws:ec2:${region}:${EC2_ACCOUNT_ID}:${resource}`;
const statuses = (results: { status: string; resourceId: string }[]) =>
  results.map(({ status, resourceId }) => ({ status, resourceId }));

const EXPECTED: AwsEc2 = {
  vpcs: [
    {
      vpcId: 'vpc-0b2200000000000b2',
      arn: arn('eu-west-1', 'vpc/vpc-0b2200000000000b2'),
      region: 'eu-west-1',
      isDefault: false,
      cidrBlock: '10.20.0.0/16',
      tags: { Name: 'shared-services' },
    },
    {
      vpcId: 'vpc-0a1100000000000a1',
      arn: arn('us-east-1', 'vpc/vpc-0a1100000000000a1'),
      region: 'us-east-1',
      isDefault: false,
      cidrBlock: '10.10.0.0/16',
      tags: { Name: 'payments', Environment: 'production' },
    },
    {
      vpcId: 'vpc-0d0000000000000d0',
      arn: arn('us-east-1', 'vpc/vpc-0d0000000000000d0'),
      region: 'us-east-1',
      isDefault: true,
      cidrBlock: '172.31.0.0/16',
    },
  ],
  subnets: [
    {
      subnetId: 'subnet-0b22000000000aaaa',
      arn: arn('eu-west-1', 'subnet/subnet-0b22000000000aaaa'),
      vpcId: 'vpc-0b2200000000000b2',
      region: 'eu-west-1',
      cidrBlock: '10.20.1.0/24',
      tags: { Name: 'tools', Environment: 'development' },
    },
    {
      subnetId: 'subnet-0a11000000000aaaa',
      arn: arn('us-east-1', 'subnet/subnet-0a11000000000aaaa'),
      vpcId: 'vpc-0a1100000000000a1',
      region: 'us-east-1',
      cidrBlock: '10.10.1.0/24',
      tags: { Name: 'payments-app-a', Environment: 'production' },
    },
    {
      subnetId: 'subnet-0a11000000000bbbb',
      arn: arn('us-east-1', 'subnet/subnet-0a11000000000bbbb'),
      vpcId: 'vpc-0a1100000000000a1',
      region: 'us-east-1',
      cidrBlock: '10.10.2.0/24',
    },
    {
      subnetId: 'subnet-0d00000000000aaaa',
      arn: arn('us-east-1', 'subnet/subnet-0d00000000000aaaa'),
      vpcId: 'vpc-0d0000000000000d0',
      region: 'us-east-1',
      cidrBlock: '172.31.0.0/20',
    },
  ],
  flowLogs: [
    {
      flowLogId: 'fl-0b22000000000001',
      region: 'eu-west-1',
      resourceId: 'vpc-0b2200000000000b2',
      status: 'ACTIVE',
      trafficType: 'ACCEPT',
      destinationType: 'cloud-watch-logs',
      destination: '/vpc/shared-services',
      creationTime: '2024-11-20T16:40:00.000Z',
    },
    {
      flowLogId: 'fl-0a11000000000001',
      region: 'us-east-1',
      resourceId: 'vpc-0a1100000000000a1',
      status: 'ACTIVE',
      trafficType: 'ALL',
      destinationType: 's3',
      destination: 'arn:aws:s3:::ledger-flowlogs/vpc/',
      creationTime: '2025-03-04T09:15:00.000Z',
    },
  ],
  securityGroups: [
    {
      groupId: 'sg-0b22000000000001',
      arn: arn('eu-west-1', 'security-group/sg-0b22000000000001'),
      groupName: 'legacy-rdp',
      vpcId: 'vpc-0b2200000000000b2',
      region: 'eu-west-1',
      ingress: [{ ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, ipv4Ranges: [], ipv6Ranges: ['::/0'] }],
      attachmentCount: 0,
    },
    {
      groupId: 'sg-0b22000000000002',
      arn: arn('eu-west-1', 'security-group/sg-0b22000000000002'),
      groupName: 'reporting-db',
      vpcId: 'vpc-0b2200000000000b2',
      region: 'eu-west-1',
      ingress: [
        { ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, ipv4Ranges: ['10.20.0.0/16'], ipv6Ranges: [] },
      ],
      attachmentCount: 1,
    },
    {
      groupId: 'sg-0a11000000000001',
      arn: arn('us-east-1', 'security-group/sg-0a11000000000001'),
      groupName: 'payments-alb',
      vpcId: 'vpc-0a1100000000000a1',
      region: 'us-east-1',
      ingress: [
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] },
      ],
      attachmentCount: 2,
      tags: { Name: 'payments-alb', Environment: 'production' },
    },
    {
      groupId: 'sg-0a11000000000002',
      arn: arn('us-east-1', 'security-group/sg-0a11000000000002'),
      groupName: 'bastion-ssh',
      vpcId: 'vpc-0a1100000000000a1',
      region: 'us-east-1',
      ingress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [] }],
      attachmentCount: 1,
    },
    {
      groupId: 'sg-0d00000000000001',
      arn: arn('us-east-1', 'security-group/sg-0d00000000000001'),
      groupName: 'default',
      vpcId: 'vpc-0d0000000000000d0',
      region: 'us-east-1',
      // Admits its own members only: no CIDR, no ports.
      ingress: [{ ipProtocol: '-1', ipv4Ranges: [], ipv6Ranges: [] }],
      attachmentCount: 0,
    },
  ],
  instances: [
    {
      instanceId: 'i-0b22000000000001',
      arn: arn('eu-west-1', 'instance/i-0b22000000000001'),
      region: 'eu-west-1',
      vpcId: 'vpc-0b2200000000000b2',
      subnetId: 'subnet-0b22000000000aaaa',
      state: 'running',
      tags: { Name: 'reporting', Environment: 'production' },
    },
    {
      instanceId: 'i-0b22000000000002',
      arn: arn('eu-west-1', 'instance/i-0b22000000000002'),
      region: 'eu-west-1',
      vpcId: 'vpc-0b2200000000000b2',
      subnetId: 'subnet-0b22000000000aaaa',
      state: 'terminated',
      tags: { Name: 'old-build-box', Environment: 'development' },
    },
    {
      instanceId: 'i-0a11000000000001',
      arn: arn('us-east-1', 'instance/i-0a11000000000001'),
      region: 'us-east-1',
      vpcId: 'vpc-0a1100000000000a1',
      subnetId: 'subnet-0a11000000000aaaa',
      state: 'running',
      tags: { Name: 'payments-api-1', Environment: 'production' },
    },
    {
      instanceId: 'i-0a11000000000002',
      arn: arn('us-east-1', 'instance/i-0a11000000000002'),
      region: 'us-east-1',
      vpcId: 'vpc-0a1100000000000a1',
      subnetId: 'subnet-0a11000000000bbbb',
      state: 'running',
    },
    {
      instanceId: 'i-0a11000000000003',
      arn: arn('us-east-1', 'instance/i-0a11000000000003'),
      region: 'us-east-1',
      vpcId: 'vpc-0a1100000000000a1',
      subnetId: 'subnet-0a11000000000aaaa',
      state: 'running',
      tags: { Name: 'bastion', Environment: 'production' },
    },
    {
      instanceId: 'i-0a11000000000004',
      arn: arn('us-east-1', 'instance/i-0a11000000000004'),
      region: 'us-east-1',
      vpcId: 'vpc-0a1100000000000a1',
      subnetId: 'subnet-0a11000000000bbbb',
      state: 'stopped',
      tags: { Name: 'payments-api-spare', Environment: 'production' },
    },
  ],
};

describe('collectEc2 on the wire', () => {
  it('reads every region into the model: ARNs, ISO dates, rules, attachment counts, tags only when set', async () => {
    const { ec2, errors } = await collect(ec2Account);
    expect(errors).toEqual([]);
    // toStrictEqual: a field that was not set must be absent, not present as undefined or {}.
    expect(ec2).toStrictEqual(EXPECTED);
  });

  it('gives the EC2 checks what they read: PASS and FAIL per VPC, subnet and security group', async () => {
    const { snapshot } = await collect(ec2Account);
    expect(statuses(vpcFlowLogs.evaluate(snapshot))).toEqual([
      { status: 'FAIL', resourceId: arn('eu-west-1', 'vpc/vpc-0b2200000000000b2') },
      { status: 'PASS', resourceId: arn('us-east-1', 'vpc/vpc-0a1100000000000a1') },
      { status: 'FAIL', resourceId: arn('us-east-1', 'vpc/vpc-0d0000000000000d0') },
    ]);
    const [shared, payments, unusedDefault] = vpcFlowLogs.evaluate(snapshot);
    expect(shared?.reason).toContain('fl-0b22000000000001 records accepted traffic only');
    expect(payments).toMatchObject({ evidencedSince: '2025-03-04T09:15:00.000Z' });
    expect(unusedDefault?.reason).toContain('unused default VPC');

    expect(statuses(securityGroupAdminPorts.evaluate(snapshot))).toEqual([
      { status: 'FAIL', resourceId: arn('eu-west-1', 'security-group/sg-0b22000000000001') },
      { status: 'PASS', resourceId: arn('eu-west-1', 'security-group/sg-0b22000000000002') },
      { status: 'PASS', resourceId: arn('us-east-1', 'security-group/sg-0a11000000000001') },
      { status: 'FAIL', resourceId: arn('us-east-1', 'security-group/sg-0a11000000000002') },
      { status: 'PASS', resourceId: arn('us-east-1', 'security-group/sg-0d00000000000001') },
    ]);
    const [rdp] = securityGroupAdminPorts.evaluate(snapshot);
    expect(rdp?.reason).toContain('RDP (3389)');
    expect(rdp?.reason).toContain('attached to nothing today');

    // The terminated development box does not count; the running production one in a dev subnet does.
    expect(statuses(prodDevSegmentation.evaluate(snapshot))).toEqual([
      { status: 'FAIL', resourceId: arn('eu-west-1', 'subnet/subnet-0b22000000000aaaa') },
      { status: 'FAIL', resourceId: arn('eu-west-1', 'vpc/vpc-0b2200000000000b2') },
      { status: 'PASS', resourceId: arn('us-east-1', 'vpc/vpc-0a1100000000000a1') },
    ]);
  });

  it('leaves EC2 unread when DescribeVpcs is denied everywhere; every EC2 check is UNKNOWN naming the permission', async () => {
    const { ec2, errors, snapshot } = await collect(deniedIn('DescribeVpcs'));
    expect(ec2).toBeUndefined();
    expect(errors).toEqual(
      EC2_REGIONS.map((region) => ({
        service: 'ec2',
        operation: 'DescribeVpcs',
        kind: 'AccessDenied',
        message: expect.stringContaining('not authorized to perform: ec2:DescribeVpcs'),
        region,
        permission: 'ec2:DescribeVpcs',
      })),
    );
    for (const check of ec2Checks) {
      const results = check.evaluate(snapshot);
      expect(results).toEqual([expect.objectContaining({ status: 'UNKNOWN', resourceId: EC2_ACCOUNT_ID })]);
      expect(results[0]?.reason).toContain('missing ec2:DescribeVpcs');
    }
  });

  // The checks assess the VPCs and groups they are given: a region missing from these lists would drop
  // out silently and the account could PASS on the rest.
  it.each(['DescribeVpcs', 'DescribeSubnets', 'DescribeSecurityGroups', 'DescribeInstances'])(
    'leaves EC2 unread when %s fails in one region only, so no check passes on part of the network',
    async (operation) => {
      const { ec2, errors, snapshot } = await collect(deniedIn(operation, 'eu-west-1'));
      expect(ec2).toBeUndefined();
      expect(errors).toEqual([
        expect.objectContaining({
          operation,
          region: 'eu-west-1',
          kind: 'AccessDenied',
          permission: `ec2:${operation}`,
        }),
      ]);
      for (const check of ec2Checks) {
        const results = check.evaluate(snapshot);
        expect(results.map((r) => r.status)).toEqual(['UNKNOWN']);
        expect(results[0]?.reason).toContain(`ec2 ${operation} in eu-west-1`);
      }
    },
  );

  it('names the call that left EC2 unread first, ahead of a flow-log failure elsewhere', async () => {
    const flowLogsDenied = deniedIn('DescribeFlowLogs', 'eu-west-1');
    const handler: AwsHandler = (request) =>
      request.operation === 'DescribeInstances' && request.region === 'us-east-1'
        ? denied(request, 'ec2:DescribeInstances')
        : flowLogsDenied(request);
    const { ec2, errors, snapshot } = await collect(handler);
    expect(ec2).toBeUndefined();
    expect(errors.map((e) => `${e.operation} ${e.region}`)).toEqual([
      'DescribeInstances us-east-1',
      'DescribeFlowLogs eu-west-1',
    ]);
    expect(vpcFlowLogs.evaluate(snapshot)[0]?.reason).toContain('missing ec2:DescribeInstances');
  });

  it('keeps a region whose flow logs are denied: its VPCs are UNKNOWN, the other region still PASS/FAIL', async () => {
    const { ec2, errors, snapshot } = await collect(deniedIn('DescribeFlowLogs', 'eu-west-1'));
    expect(ec2?.vpcs).toHaveLength(3);
    expect(ec2?.flowLogs.map((f) => f.flowLogId)).toEqual(['fl-0a11000000000001']);
    expect(errors).toEqual([
      {
        service: 'ec2',
        operation: 'DescribeFlowLogs',
        kind: 'AccessDenied',
        message: expect.any(String),
        region: 'eu-west-1',
        permission: 'ec2:DescribeFlowLogs',
      },
    ]);
    const results = vpcFlowLogs.evaluate(snapshot);
    expect(statuses(results)).toEqual([
      { status: 'UNKNOWN', resourceId: arn('eu-west-1', 'vpc/vpc-0b2200000000000b2') },
      { status: 'PASS', resourceId: arn('us-east-1', 'vpc/vpc-0a1100000000000a1') },
      { status: 'FAIL', resourceId: arn('us-east-1', 'vpc/vpc-0d0000000000000d0') },
    ]);
    expect(results[0]?.reason).toContain('DescribeFlowLogs in eu-west-1 failed with AccessDenied');
    expect(results[0]?.reason).toContain('missing ec2:DescribeFlowLogs');
  });

  it('leaves attachment counts unread in a region whose network interfaces are denied, and still judges the rules', async () => {
    const { ec2, errors, snapshot } = await collect(deniedIn('DescribeNetworkInterfaces', 'us-east-1'));
    const counts = Object.fromEntries(ec2!.securityGroups.map((g) => [g.groupId, g.attachmentCount]));
    expect(counts).toEqual({
      'sg-0b22000000000001': 0,
      'sg-0b22000000000002': 1,
      'sg-0a11000000000001': undefined,
      'sg-0a11000000000002': undefined,
      'sg-0d00000000000001': undefined,
    });
    expect(ec2!.securityGroups.filter((g) => 'attachmentCount' in g)).toHaveLength(2);
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'DescribeNetworkInterfaces',
        region: 'us-east-1',
        permission: 'ec2:DescribeNetworkInterfaces',
      }),
    ]);
    expect(statuses(securityGroupAdminPorts.evaluate(snapshot)).map((r) => r.status)).toEqual([
      'FAIL',
      'PASS',
      'PASS',
      'FAIL',
      'PASS',
    ]);
  });

  it('treats a region where the account is not subscribed to EC2 (OptInRequired) as holding nothing, without an error', async () => {
    const handler = overriding('DescribeVpcs', 'eu-west-1', (request) =>
      awsError(request, 401, 'OptInRequired', 'You are not subscribed to this service.'),
    );
    const { ec2, errors, calls } = await collect(handler);
    expect(errors).toEqual([]);
    expect(ec2?.vpcs.map((v) => v.vpcId)).toEqual(['vpc-0a1100000000000a1', 'vpc-0d0000000000000d0']);
    expect(ec2?.securityGroups.every((g) => g.region === 'us-east-1')).toBe(true);
    // Nothing else is asked of a region EC2 does not serve.
    expect(calls.filter((c) => c.region === 'eu-west-1').map((c) => c.operation)).toEqual(['DescribeVpcs']);
  });

  it('gives empty lists for a region with nothing in it, and the checks report nothing rather than PASS', async () => {
    const { ec2, errors, snapshot } = await collect(ec2Account, ['ap-southeast-2']);
    expect(errors).toEqual([]);
    expect(ec2).toStrictEqual({ vpcs: [], subnets: [], flowLogs: [], securityGroups: [], instances: [] });
    for (const check of ec2Checks) expect(check.evaluate(snapshot)).toEqual([]);
  });

  it('follows NextToken through every page of each list', async () => {
    const { ec2, calls } = await collect(ec2Account);
    const tokens = (op: string) =>
      calls
        .filter((c) => c.operation === op && c.region === 'us-east-1')
        .map((c) => c.params.NextToken ?? null);
    // Three reservations, three groups, three subnets, two items a page.
    expect(tokens('DescribeInstances')).toEqual([null, '2']);
    expect(tokens('DescribeSecurityGroups')).toEqual([null, '2']);
    expect(tokens('DescribeSubnets')).toEqual([null, '2']);
    expect(ec2?.instances.filter((i) => i.region === 'us-east-1')).toHaveLength(4);
    expect(ec2?.securityGroups.map((g) => g.groupName)).toContain('default');
  });

  it('does not pass on a partial list: a later page that fails leaves EC2 unread', async () => {
    const handler = overriding('DescribeSecurityGroups', 'us-east-1', (request) =>
      request.params.NextToken ? denied(request, 'ec2:DescribeSecurityGroups') : ec2Account(request),
    );
    const { ec2, errors, snapshot } = await collect(handler);
    expect(ec2).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ operation: 'DescribeSecurityGroups', region: 'us-east-1' }),
    ]);
    expect(securityGroupAdminPorts.evaluate(snapshot).map((r) => r.status)).toEqual(['UNKNOWN']);
  });

  it('retries throttling (RequestLimitExceeded) transparently', async () => {
    // Adaptive retries slow a client down after a throttle, so the throttled call is the region's last:
    // the second page of its instances.
    let throttled = 0;
    const handler = overriding('DescribeInstances', 'us-east-1', (request) =>
      request.params.NextToken && throttled++ < 2
        ? awsError(request, 503, 'RequestLimitExceeded', 'Request limit exceeded.')
        : ec2Account(request),
    );
    const { ec2, errors, calls } = await collect(handler);
    expect(errors).toEqual([]);
    expect(ec2).toStrictEqual(EXPECTED);
    const instancePages = calls.filter(
      (c) => c.operation === 'DescribeInstances' && c.region === 'us-east-1',
    );
    expect(instancePages.map((c) => c.params.NextToken ?? null)).toEqual([null, '2', '2', '2']);
  });

  it('names ARNs by the owner of a shared VPC and by the partition of the region', async () => {
    const handler: AwsHandler = (request) => {
      if (request.operation !== 'DescribeVpcs') return ec2Page(request, []);
      const shared = vpcItem('vpc-0c33000000000000c', '10.30.0.0/16').replace(
        `<ownerId>${EC2_ACCOUNT_ID}</ownerId>`,
        '<ownerId>999988887777</ownerId>',
      );
      return ec2Result('DescribeVpcs', `<vpcSet>${shared}</vpcSet>`);
    };
    const { ec2 } = await collect(handler, ['cn-north-1']);
    expect(ec2?.vpcs.map((v) => v.arn)).toEqual([
      'arn:aws-cn:ec2:cn-north-1:999988887777:vpc/vpc-0c33000000000000c',
    ]);
  });

  it('issues only read operations, every list in every region', async () => {
    const { calls } = await collect(ec2Account);
    expectOnlyReads(calls, 'ec2', /^Describe/);
    expect(calls.every((c) => c.raw.method === 'POST')).toBe(true);
    for (const region of EC2_REGIONS)
      expect(new Set(calls.filter((c) => c.region === region).map((c) => c.operation))).toEqual(
        new Set([
          'DescribeVpcs',
          'DescribeSubnets',
          'DescribeFlowLogs',
          'DescribeSecurityGroups',
          'DescribeNetworkInterfaces',
          'DescribeInstances',
        ]),
      );
  });
});
