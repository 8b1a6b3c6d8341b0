import type { AzureSnapshot, KeyVault, KeyVaultKey } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck, type CheckResult } from '../../../source/model/check.js';
import { azureUnreadReason, unreadSection } from '../../lib/azure.js';
import { fail, pass, unknown } from '../../lib/results.js';

/** Yearly at least: the period most key management policies (and auditors) expect. */
const MAX_ROTATION_DAYS = 365;

function evaluateKey(snapshot: AzureSnapshot, vault: KeyVault, key: KeyVaultKey): CheckResult {
  const name = `${vault.name}/${key.name}`;
  const where = { resourceName: name, region: vault.location };
  const policy = key.rotationPolicy;
  if (policy === undefined) {
    const query = { services: ['keyvault'], operation: 'rotationpolicy', resourceId: [key.id, vault.id] };
    return unknown(
      key.id,
      azureUnreadReason(snapshot, query, 'the rotation policy', { subject: `key ${name}` }),
      where,
    );
  }
  if (policy === null) return fail(key.id, `Key ${name} has no rotation policy.`, where);
  if (!policy.autoRotate)
    return fail(
      key.id,
      `Key ${name} has a rotation policy that only notifies; it never rotates automatically.`,
      where,
    );
  // A policy can rotate "N days before expiry" instead of "N days after creation": then expiry sets the pace.
  const period = policy.rotateAfterDays ?? policy.expiresAfterDays;
  if (period === undefined) return pass(key.id, `Key ${name} rotates automatically.`, where);
  if (period > MAX_ROTATION_DAYS)
    return fail(
      key.id,
      `Key ${name} rotates automatically but only every ${period} days (over a year).`,
      where,
    );
  return pass(key.id, `Key ${name} rotates automatically every ${period} days.`, where);
}

export default defineAzureCheck({
  id: 'azure-keyvault-key-rotation-policy',
  service: 'keyvault',
  title: 'Key Vault keys rotate automatically at least yearly',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  risk: 'A key that is never replaced stays useful to anyone who ever obtained it, and manual rotation is forgotten; auditors expect rotation on a defined schedule.',
  remediation: {
    summary:
      'Give every key a rotation policy that rotates automatically within a year of creation and notifies before expiry.',
    snippet: {
      language: 'shell',
      code: `cat > rotation-policy.json <<'JSON'
{
  "lifetimeActions": [
    { "trigger": { "timeAfterCreate": "P335D" }, "action": { "type": "Rotate" } },
    { "trigger": { "timeBeforeExpiry": "P30D" }, "action": { "type": "Notify" } }
  ],
  "attributes": { "expiryTime": "P1Y" }
}
JSON
az keyvault key rotation-policy update --vault-name <vault> --name <key> --value @rotation-policy.json`,
    },
  },
  effort: { baseHours: 2, perResourceHours: 0.25, maxHours: 8 },
  owner: 'Security engineer',
  evidence:
    'Each key’s rotation policy and version history (key versions created during the window), plus the Key Vault audit log of rotation events.',
  evaluate(snapshot) {
    if (!snapshot.keyVault) return unreadSection(snapshot, 'keyVaults');
    return snapshot.keyVault.vaults.flatMap((vault) => {
      if (!vault.keys) {
        // Reading keys is a data-plane permission the scanning identity often lacks.
        const query = { services: ['keyvault'], operation: 'keys', resourceId: vault.id };
        const reason = azureUnreadReason(snapshot, query, 'the key list', {
          subject: `keys in vault ${vault.name}`,
          needs: 'the Key Vault Reader role or a list-keys access policy',
        });
        return [unknown(vault.id, reason, { resourceName: vault.name, region: vault.location })];
      }
      return vault.keys.filter((key) => key.enabled).map((key) => evaluateKey(snapshot, vault, key));
    });
  },
});
