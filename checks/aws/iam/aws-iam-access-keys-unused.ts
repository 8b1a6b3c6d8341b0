import type { AccessKeyReport } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import type { KeyVerdict } from '../../lib/aws-iam.js';
import { assessActiveKeys } from '../../lib/aws-iam.js';

const MAX_IDLE_DAYS = 90;

/** Idle since its last use; a key never used counts from its creation (`lastRotated` in the report). */
function judgeKey(key: AccessKeyReport, label: string, collectedAt: string): KeyVerdict {
  if (key.lastUsedDate) {
    const idle = daysBetween(key.lastUsedDate, collectedAt);
    return idle > MAX_IDLE_DAYS ? { stale: `${label} last used ${idle} days ago` } : { fresh: true };
  }
  if (key.lastRotated) {
    const age = daysBetween(key.lastRotated, collectedAt);
    return age > MAX_IDLE_DAYS ? { stale: `${label} never used, created ${age} days ago` } : { fresh: true };
  }
  return { undated: label };
}

export default defineAwsCheck({
  id: 'aws-iam-access-keys-unused',
  service: 'iam',
  title: 'Access keys unused for 90 days are deactivated',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.2'],
  risk:
    'A key nobody uses still opens the account: it usually belongs to someone who left or a system that was ' +
    'retired, so access was never removed and its misuse would stand out to no one.',
  remediation: {
    summary:
      'Deactivate every access key unused for 90 days, delete it after a short grace period, and make the ' +
      'check part of the quarterly access review.',
    snippet: {
      language: 'shell',
      code:
        'aws iam list-access-keys --user-name old-batch-job\n' +
        'aws iam get-access-key-last-used --access-key-id AKIAEXAMPLEKEYID0001\n' +
        'aws iam update-access-key --user-name old-batch-job --access-key-id AKIAEXAMPLEKEYID0001 --status Inactive\n' +
        '# after the grace period\n' +
        'aws iam delete-access-key --user-name old-batch-job --access-key-id AKIAEXAMPLEKEYID0001',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.5, maxHours: 6 },
  owner: 'Identity administrator',
  evidence:
    'Credential reports at each quarter end of the window, with the access-review ticket that deactivated ' +
    'each idle key.',
  evaluate(snapshot) {
    return assessActiveKeys(snapshot, judgeKey, {
      stale: (user, keys) => `User ${user} has an idle active access key (${keys}).`,
      undated: (user, keys) =>
        `Could not assess user ${user}: the credential report gives no creation or last-use date for active ${keys}.`,
      fresh: (user) => `User ${user} used each active access key within the last ${MAX_IDLE_DAYS} days.`,
    });
  },
});
