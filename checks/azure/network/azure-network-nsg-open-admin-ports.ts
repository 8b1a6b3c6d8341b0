import type { NetworkSecurityGroup, NsgRule } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import {
  carriesTcp,
  isAllPorts,
  isInboundFromAnyone,
  listOf,
  portRangeCovers,
  unreadSection,
} from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

/** SSH and RDP: the ports attackers scan the internet for. */
const ADMIN_PORTS = [22, 3389];

/**
 * What each Allow rule opens to anyone, as "'rule' (port 22)". A Deny from anyone with a lower priority
 * number is evaluated first, so what it covers is not open.
 */
function openings(nsg: NetworkSecurityGroup): string[] {
  const fromAnyone = nsg.securityRules.filter((r) => isInboundFromAnyone(r) && carriesTcp(r));
  const deniedBefore = (rule: NsgRule, covers: (range: string) => boolean) =>
    fromAnyone.some(
      (d) => d.access === 'Deny' && d.priority < rule.priority && d.destinationPortRanges.some(covers),
    );
  return fromAnyone
    .filter((r) => r.access === 'Allow')
    .sort((a, b) => a.priority - b.priority)
    .flatMap((rule) => {
      if (rule.destinationPortRanges.some(isAllPorts) && !deniedBefore(rule, isAllPorts))
        return [`'${rule.name}' (all ports)`];
      const ports = ADMIN_PORTS.filter(
        (port) =>
          rule.destinationPortRanges.some((range) => portRangeCovers(range, port)) &&
          !deniedBefore(rule, (range) => portRangeCovers(range, port)),
      );
      if (ports.length === 0) return [];
      return [`'${rule.name}' (${ports.length > 1 ? 'ports' : 'port'} ${ports.join(' and ')})`];
    });
}

export default defineAzureCheck({
  id: 'azure-network-nsg-open-admin-ports',
  service: 'network',
  title: 'Network security groups do not open SSH, RDP or all ports to the internet',
  severity: 'high',
  criteria: ['CC6.6'],
  risk: 'SSH and RDP open to the whole internet are scanned and brute-forced within minutes; one weak or leaked credential then gives a foothold inside the network.',
  remediation: {
    summary:
      'Delete inbound Allow rules from any source to 22, 3389 or all ports, or narrow them to known address ranges; reach machines through Azure Bastion or just-in-time VM access instead.',
    snippet: {
      language: 'shell',
      code: `az network nsg rule delete --resource-group <rg> --nsg-name <nsg> --name <rule>
# or keep the rule but only for the admin network
az network nsg rule update --resource-group <rg> --nsg-name <nsg> --name <rule> \\
  --source-address-prefixes 10.20.0.0/24`,
    },
  },
  effort: { baseHours: 2, perResourceHours: 1, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'NSG rule exports at the window’s start and end, and the Activity Log of securityRules writes across the window showing each change was approved.',
  evaluate(snapshot) {
    if (!snapshot.network) return unreadSection(snapshot, 'networkSecurityGroups');
    return snapshot.network.networkSecurityGroups.map((nsg) => {
      const where = { resourceName: nsg.name, region: nsg.location };
      const open = openings(nsg);
      if (open.length === 0)
        return pass(nsg.id, `NSG ${nsg.name} opens no SSH, RDP or all-port access to any source.`, where);
      const unattached =
        nsg.attachedTo.length === 0
          ? '; it is attached to nothing yet, but would expose whatever it is attached to'
          : '';
      const rules = open.length > 1 ? 'rules' : 'rule';
      return fail(
        nsg.id,
        `NSG ${nsg.name} allows inbound traffic from any source through ${rules} ${listOf(open)}${unattached}.`,
        where,
      );
    });
  },
});
