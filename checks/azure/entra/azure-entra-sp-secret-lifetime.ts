import type { AppCredential } from '../../../source/model/azure-snapshot.js';
import { defineAzureCheck } from '../../../source/model/check.js';
import { daysBetween, isoDay } from '../../../source/util/dates.js';
import { counted, servicePrincipalResourceId, unreadSection } from '../../lib/azure.js';
import { fail, pass, unknown } from '../../lib/results.js';

/** Twelve months, with a day's slack so the portal's "12 months" choice across a leap day still passes. */
const MAX_LIFETIME_DAYS = 366;

/** What is wrong with one secret, or `undefined` when nothing is; `null` when its dates are missing. */
function secretProblem(secret: AppCredential, now: string): string | null | undefined {
  const name = `'${secret.displayName ?? secret.keyId}'`;
  if (secret.endDateTime === undefined) return null;
  if (Date.parse(secret.endDateTime) < Date.parse(now))
    return `${name} expired on ${isoDay(secret.endDateTime)} but is still present`;
  if (secret.startDateTime === undefined) return null;
  const lifetime = daysBetween(secret.startDateTime, secret.endDateTime);
  return lifetime > MAX_LIFETIME_DAYS ? `${name} is valid for ${lifetime} days` : undefined;
}

export default defineAzureCheck({
  id: 'azure-entra-sp-secret-lifetime',
  service: 'entra',
  title: 'Client secrets live at most 12 months and expired ones are removed',
  severity: 'low',
  criteria: ['CC6.1'],
  risk: 'A long-lived secret stays useful to whoever copied it for years, and expired secrets left in place hide which credentials are really in use.',
  remediation: {
    summary:
      'Replace client secrets valid for more than 12 months with ones that expire within a year (or with federated credentials), and delete expired secrets.',
    snippet: {
      language: 'shell',
      code: `# Add a one-year secret next to the old one, switch the workload to it, then delete the old one
az ad app credential reset --id <app-id> --append --display-name "rotated-$(date +%Y-%m)" --years 1
az ad app credential delete --id <app-id> --key-id <old-secret-key-id>`,
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 6 },
  owner: 'Identity administrator',
  evidence:
    'The credential list of each app registration (start and end dates) at the window’s start and end, and the audit log entries for secret rotations during the window.',
  evaluate(snapshot) {
    const principals = snapshot.entra?.servicePrincipals;
    if (!principals) return unreadSection(snapshot, 'servicePrincipals');
    return principals
      .filter((sp) => sp.servicePrincipalType === 'Application' && sp.passwordCredentials.length > 0)
      .map((sp) => {
        const id = servicePrincipalResourceId(snapshot, sp);
        const where = { resourceName: sp.displayName };
        const verdicts = sp.passwordCredentials.map((s) => secretProblem(s, snapshot.collectedAt));
        const problems = verdicts.filter((v): v is string => typeof v === 'string');
        if (problems.length > 0)
          return fail(
            id,
            `${sp.displayName} has client secrets outside the 12-month rule: ${problems.join('; ')}.`,
            where,
          );
        if (verdicts.includes(null))
          return unknown(
            id,
            `Could not assess: a client secret of ${sp.displayName} has no recorded start or end date.`,
            where,
          );
        return pass(
          id,
          `${sp.displayName}'s ${counted(sp.passwordCredentials.length, 'client secret')} expire within 12 months of creation.`,
          where,
        );
      });
  },
});
