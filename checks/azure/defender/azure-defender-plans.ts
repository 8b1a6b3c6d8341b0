import { defineAzureCheck } from '../../../source/model/check.js';
import { unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';
import { azureSubscriptionId } from '../../lib/scope.js';

/** Plans that cover what a payments workload runs on, with what each watches. */
const REQUIRED_PLANS: Record<string, string> = {
  VirtualMachines: 'servers',
  SqlServers: 'SQL databases',
  StorageAccounts: 'storage',
  KeyVaults: 'key vaults',
  Arm: 'management-plane operations',
};

export default defineAzureCheck({
  id: 'azure-defender-plans',
  service: 'defender',
  title: 'Microsoft Defender for Cloud plans are on for servers, SQL, storage, Key Vault and ARM',
  severity: 'medium',
  criteria: ['CC7.2'],
  risk: 'Without Defender plans nothing watches for attacks in progress (malware on servers, SQL injection, unusual key or storage access, suspicious management operations), so an intrusion can go unnoticed.',
  remediation: {
    summary:
      'Turn on the Standard tier of Defender for Servers, SQL, Storage, Key Vault and Resource Manager, and route its alerts to the on-call channel.',
    snippet: {
      language: 'shell',
      code: `for plan in VirtualMachines SqlServers StorageAccounts KeyVaults Arm; do
  az security pricing create --name "$plan" --tier standard
done`,
    },
  },
  effort: { baseHours: 1, perResourceHours: 1, maxHours: 6 },
  owner: 'Security engineer',
  evidence:
    'The pricing tier of each plan at the window’s start and end, and the security alerts raised during the window with how each was triaged.',
  evaluate(snapshot) {
    const subscription = azureSubscriptionId(snapshot);
    if (!snapshot.defender) return unreadSection(snapshot, 'defenderPlans');
    const plans = snapshot.defender.plans;
    return Object.entries(REQUIRED_PLANS).map(([name, covers]) => {
      const id = `${subscription}/providers/Microsoft.Security/pricings/${name}`;
      const where = { resourceName: `Defender for ${name}` };
      const plan = plans.find((p) => p.name.toLowerCase() === name.toLowerCase());
      if (plan?.pricingTier === 'Standard')
        return pass(id, `Defender for ${name} is on (Standard), watching ${covers}.`, where);
      return fail(
        id,
        `Defender for ${name} is off (${plan ? 'Free tier' : 'not enabled'}), so nothing watches ${covers} for attacks.`,
        where,
      );
    });
  },
});
