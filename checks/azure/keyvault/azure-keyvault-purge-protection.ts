import { defineAzureCheck } from '../../../source/model/check.js';
import { listOf, unreadSection } from '../../lib/azure.js';
import { fail, pass } from '../../lib/results.js';

export default defineAzureCheck({
  id: 'azure-keyvault-purge-protection',
  service: 'keyvault',
  title: 'Key vaults have soft delete and purge protection on',
  severity: 'medium',
  criteria: ['CC6.1', 'A1.2'],
  risk: 'Without purge protection, one mistaken or malicious deletion destroys keys for good, and everything encrypted with them becomes unreadable.',
  remediation: {
    summary:
      'Turn on purge protection for every vault (soft delete is on by default for new vaults; purge protection cannot be turned off again, which is the point).',
    snippet: {
      language: 'shell',
      code: 'az keyvault update --resource-group <rg> --name <vault> --enable-purge-protection true',
    },
  },
  effort: { baseHours: 0.5, perResourceHours: 0.25, maxHours: 3 },
  owner: 'Security engineer',
  evidence:
    'The soft-delete and purge-protection properties of each vault, exported at the window’s start and end.',
  evaluate(snapshot) {
    if (!snapshot.keyVault) return unreadSection(snapshot, 'keyVaults');
    return snapshot.keyVault.vaults.map((vault) => {
      const where = { resourceName: vault.name, region: vault.location };
      const off = [
        vault.enableSoftDelete ? undefined : 'soft delete',
        vault.enablePurgeProtection ? undefined : 'purge protection',
      ].filter((x): x is string => x !== undefined);
      return off.length === 0
        ? pass(vault.id, `Key vault ${vault.name} has soft delete and purge protection on.`, where)
        : fail(vault.id, `Key vault ${vault.name} has ${listOf(off)} off.`, where);
    });
  },
});
