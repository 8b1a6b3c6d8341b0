import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/defender/azure-defender-plans.js';
import type { DefenderPlan } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-00000000bbbb';
const ALL = ['VirtualMachines', 'SqlServers', 'StorageAccounts', 'KeyVaults', 'Arm'];

const evaluate = (plans: DefenderPlan[]) => check.evaluate(azureSnapshot({ defender: { plans } }));

describe('azure-defender-plans', () => {
  it('gives one finding per required plan, passing those on Standard', () => {
    const results = evaluate(ALL.map((name) => ({ name, pricingTier: 'Standard' as const })));
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(results[0]?.resourceId).toBe(`${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`);
  });

  it('fails plans on the Free tier and plans not listed at all', () => {
    const results = evaluate([
      { name: 'VirtualMachines', pricingTier: 'Free' },
      { name: 'SqlServers', pricingTier: 'Standard' },
      { name: 'AppServices', pricingTier: 'Standard' },
    ]);
    expect(results.map((r) => [r.resourceName, r.status])).toEqual([
      ['Defender for VirtualMachines', 'FAIL'],
      ['Defender for SqlServers', 'PASS'],
      ['Defender for StorageAccounts', 'FAIL'],
      ['Defender for KeyVaults', 'FAIL'],
      ['Defender for Arm', 'FAIL'],
    ]);
    expect(results[0]?.reason).toContain('Free tier');
    expect(results[2]?.reason).toContain('not enabled');
  });

  it('is UNKNOWN for the subscription when plans could not be read', () => {
    const snapshot = azureSnapshot({
      errors: [
        accessDenied('Microsoft.Security', 'pricings.list', {
          permission: 'Microsoft.Security/pricings/read',
        }),
      ],
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: SUB });
    expect(result?.reason).toContain('Microsoft.Security/pricings/read');
  });
});
