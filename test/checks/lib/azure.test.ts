import { describe, expect, it } from 'vitest';
import {
  azureUnreadReason,
  combineVerdicts,
  findAzureError,
  isAllPorts,
  isAnySource,
  listOf,
  parsePortRange,
  portRangeCovers,
} from '../../../checks/lib/azure.js';
import { accessDenied, azureSnapshot } from '../../fixtures/snapshots.js';

describe('NSG sources and ports', () => {
  it('treats *, Internet, Any and the all-address prefixes as anyone, in any case', () => {
    for (const prefix of ['*', 'Internet', 'INTERNET', 'Any', '0.0.0.0/0', '::/0'])
      expect(isAnySource(prefix), prefix).toBe(true);
    for (const prefix of ['10.0.0.0/8', 'VirtualNetwork', 'AzureLoadBalancer', '203.0.113.7/32'])
      expect(isAnySource(prefix), prefix).toBe(false);
  });

  it('parses single ports, ranges and *', () => {
    expect(parsePortRange('22')).toEqual([22, 22]);
    expect(parsePortRange('20-25')).toEqual([20, 25]);
    expect(parsePortRange('*')).toEqual([0, 65535]);
    expect(parsePortRange('25-20')).toBeUndefined();
    expect(parsePortRange('ssh')).toBeUndefined();
  });

  it('matches a port inside a range, including the ends', () => {
    expect(portRangeCovers('20-22', 22)).toBe(true);
    expect(portRangeCovers('3389', 3389)).toBe(true);
    expect(portRangeCovers('*', 3389)).toBe(true);
    expect(portRangeCovers('23-3388', 22)).toBe(false);
    expect(portRangeCovers('23-3388', 3389)).toBe(false);
  });

  it('recognises every spelling of "all ports"', () => {
    expect(isAllPorts('*')).toBe(true);
    expect(isAllPorts('0-65535')).toBe(true);
    expect(isAllPorts('1-65535')).toBe(true);
    expect(isAllPorts('1-1024')).toBe(false);
  });
});

describe('Azure collection errors', () => {
  const vault = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1';

  it('matches the service with or without the Microsoft. prefix, and an operation fragment', () => {
    const snapshot = azureSnapshot({
      errors: [accessDenied('Microsoft.Sql', 'serverBlobAuditingPolicies.get')],
    });
    expect(findAzureError(snapshot, { services: ['sql'], operation: 'auditing' })).toBeDefined();
    expect(findAzureError(snapshot, { services: ['sql'], operation: 'transparentData' })).toBeUndefined();
    expect(findAzureError(snapshot, { services: ['storage'] })).toBeUndefined();
  });

  it('prefers the error about the resource or its parent, and ignores errors about other resources', () => {
    const snapshot = azureSnapshot({
      errors: [
        accessDenied('Microsoft.KeyVault', 'keys.list', { resourceId: `${vault}-other`, message: 'other' }),
        accessDenied('Microsoft.KeyVault', 'keys.list', { resourceId: vault, message: 'this vault' }),
      ],
    });
    const key = `${vault}/keys/k1`;
    expect(findAzureError(snapshot, { services: ['keyvault'], resourceId: key })?.message).toBe('this vault');
    const onlyOther = azureSnapshot({ errors: [snapshot.errors[0]!] });
    expect(findAzureError(onlyOther, { services: ['keyvault'], resourceId: vault })).toBeUndefined();
  });

  it('names the failed operation, the subject and the permission needed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('graph', 'conditionalAccess.policies.list')] });
    const reason = azureUnreadReason(
      snapshot,
      { services: ['graph'], operation: 'conditionalAccess' },
      'policies',
      {
        needs: 'Policy.Read.All',
        subject: 'the tenant',
      },
    );
    expect(reason).toMatch(/^Could not assess the tenant: graph conditionalAccess.policies.list failed/);
    expect(reason).toContain('(needs Policy.Read.All).');
  });

  it('says the data was not collected when no error explains it', () => {
    const reason = azureUnreadReason(azureSnapshot(), { services: ['sql'] }, 'SQL servers');
    expect(reason).toBe('Could not assess: no data was collected for SQL servers in this snapshot.');
  });
});

describe('combining destination verdicts', () => {
  it('passes if any destination passes, else is UNKNOWN if any could not be judged', () => {
    const failing = { status: 'FAIL' as const, reason: 'a fails' };
    const unread = { status: 'UNKNOWN' as const, reason: 'b unread.' };
    expect(combineVerdicts([failing, { status: 'PASS', reason: 'c passes' }])).toEqual({
      status: 'PASS',
      reason: 'c passes.',
    });
    expect(combineVerdicts([failing, unread])).toEqual({ status: 'UNKNOWN', reason: 'b unread.' });
    expect(combineVerdicts([failing, failing]).status).toBe('FAIL');
  });

  it('joins names readably', () => {
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
