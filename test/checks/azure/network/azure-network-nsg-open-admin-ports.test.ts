import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/network/azure-network-nsg-open-admin-ports.js';
import type { NetworkSecurityGroup, NsgRule } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const rule = (parts: Partial<NsgRule>): NsgRule => ({
  name: 'r',
  direction: 'Inbound',
  access: 'Allow',
  priority: 100,
  protocol: 'Tcp',
  sourceAddressPrefixes: ['*'],
  destinationPortRanges: ['22'],
  ...parts,
});

const nsg = (
  securityRules: NsgRule[],
  attachedTo = ['/subscriptions/s/.../subnets/web'],
): NetworkSecurityGroup => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web-nsg',
  name: 'web-nsg',
  location: 'westeurope',
  securityRules,
  attachedTo,
});

const evaluate = (group: NetworkSecurityGroup) =>
  check.evaluate(azureSnapshot({ network: { networkSecurityGroups: [group] } }));

describe('azure-network-nsg-open-admin-ports', () => {
  it('passes an NSG that allows admin ports only from a known range, and web ports from anyone', () => {
    const results = evaluate(
      nsg([
        rule({ name: 'ssh-from-office', sourceAddressPrefixes: ['203.0.113.0/24'] }),
        rule({ name: 'https', destinationPortRanges: ['443'], sourceAddressPrefixes: ['Internet'] }),
      ]),
    );
    expect(results).toMatchObject([{ status: 'PASS', resourceName: 'web-nsg', region: 'westeurope' }]);
  });

  it('fails one finding per NSG listing each open rule with its ports', () => {
    const results = evaluate(
      nsg([
        rule({ name: 'ssh', sourceAddressPrefixes: ['Internet'] }),
        rule({
          name: 'rdp-range',
          priority: 110,
          sourceAddressPrefixes: ['0.0.0.0/0'],
          destinationPortRanges: ['3000-4000'],
        }),
        rule({ name: 'everything', priority: 120, protocol: '*', destinationPortRanges: ['*'] }),
      ]),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.reason).toBe(
      "NSG web-nsg allows inbound traffic from any source through rules 'ssh' (port 22), 'rdp-range' (port 3389) and 'everything' (all ports).",
    );
  });

  it('counts a range covering both admin ports, and IPv6 any', () => {
    const [result] = evaluate(
      nsg([rule({ name: 'wide', sourceAddressPrefixes: ['::/0'], destinationPortRanges: ['20-4000'] })]),
    );
    expect(result?.reason).toContain("'wide' (ports 22 and 3389)");
  });

  it('ignores deny rules, outbound rules, UDP-only rules and ranges that miss the admin ports', () => {
    const [result] = evaluate(
      nsg([
        rule({ name: 'deny', access: 'Deny' }),
        rule({ name: 'out', direction: 'Outbound' }),
        rule({ name: 'udp', protocol: 'Udp', destinationPortRanges: ['3389'] }),
        rule({ name: 'near', destinationPortRanges: ['23-3388'] }),
      ]),
    );
    expect(result?.status).toBe('PASS');
  });

  it('does not count a port that a higher-priority deny from anyone already blocks', () => {
    const [blocked] = evaluate(
      nsg([
        rule({ name: 'deny-ssh', access: 'Deny', priority: 100 }),
        rule({ name: 'allow-ssh', priority: 200 }),
      ]),
    );
    expect(blocked?.status).toBe('PASS');
    // A deny evaluated after the allow changes nothing.
    const [late] = evaluate(
      nsg([
        rule({ name: 'deny-ssh', access: 'Deny', priority: 300 }),
        rule({ name: 'allow-ssh', priority: 200 }),
      ]),
    );
    expect(late?.status).toBe('FAIL');
  });

  it('still fails an NSG attached to nothing, and says so', () => {
    const [result] = evaluate(nsg([rule({ name: 'ssh' })], []));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('attached to nothing');
  });

  it('is UNKNOWN for the subscription when NSGs could not be listed', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Network', 'networkSecurityGroups.listAll')],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({
      status: 'UNKNOWN',
      resourceId: '/subscriptions/00000000-0000-0000-0000-00000000bbbb',
    });
    expect(result?.reason).toContain('networkSecurityGroups.listAll');
  });
});
