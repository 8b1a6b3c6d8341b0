// Azure networking: every network security group of the subscription with its custom rules and what it
// is attached to. One read call, paged.

import {
  NetworkManagementClient,
  type NetworkSecurityGroup as SdkNsg,
  type SecurityRule,
} from '@azure/arm-network';
import type { NetworkSecurityGroup, NsgRule } from '../../model/azure-snapshot.js';
import { armClient, listAll, named, tagsOf, type AzureCollectContext, type Named } from './context.js';

/** The lowest priority a custom rule can have: evaluated after every other custom rule. */
const LAST_CUSTOM_PRIORITY = 4096;

export async function collectNetwork(
  ctx: AzureCollectContext,
): Promise<{ networkSecurityGroups: NetworkSecurityGroup[] } | undefined> {
  const client = armClient(ctx, NetworkManagementClient);
  const groups = await listAll(
    ctx,
    {
      service: 'Microsoft.Network',
      operation: 'networkSecurityGroups.listAll',
      permission: 'Microsoft.Network/networkSecurityGroups/read',
    },
    (abortSignal) => client.networkSecurityGroups.listAll({ abortSignal }),
  );
  if (!groups) return undefined;
  return { networkSecurityGroups: named(groups).map(nsgOf) };
}

function nsgOf(group: Named<SdkNsg>): NetworkSecurityGroup {
  const attached = [...(group.subnets ?? []), ...(group.networkInterfaces ?? [])];
  return {
    id: group.id,
    name: group.name,
    location: group.location ?? '',
    ...tagsOf(group.tags),
    // Default rules (AllowVnetInBound, DenyAllInBound, ...) are the same in every group and let nothing
    // in from the internet; only the rules someone wrote can.
    securityRules: (group.securityRules ?? []).map(ruleOf),
    attachedTo: attached.flatMap((a) => (a.id ? [a.id] : [])),
  };
}

/**
 * Azure always returns direction, access and priority; were one missing, the reading that a check would
 * flag is taken rather than one that could hide an opening.
 */
function ruleOf(rule: SecurityRule): NsgRule {
  return {
    name: rule.name ?? '',
    direction: rule.direction?.toLowerCase() === 'outbound' ? 'Outbound' : 'Inbound',
    access: rule.access?.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
    priority: rule.priority ?? LAST_CUSTOM_PRIORITY,
    protocol: rule.protocol ?? '*',
    sourceAddressPrefixes: merged(rule.sourceAddressPrefix, rule.sourceAddressPrefixes),
    destinationPortRanges: merged(rule.destinationPortRange, rule.destinationPortRanges),
  };
}

/** A rule sets either the singular or the plural form; Azure returns the other empty. */
function merged(one: string | undefined, many: string[] | undefined): string[] {
  return [...new Set([one, ...(many ?? [])].filter((v): v is string => Boolean(v)))];
}
