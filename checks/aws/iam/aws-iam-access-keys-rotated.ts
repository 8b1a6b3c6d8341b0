import type { AccessKeyReport } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import type { KeyVerdict } from '../../lib/aws-iam.js';
import { assessActiveKeys } from '../../lib/aws-iam.js';

const MAX_KEY_AGE_DAYS = 90;

/** Age counts from the last rotation (the key's creation, for a key never rotated). */
function judgeKey(key: AccessKeyReport, label: string, collectedAt: string): KeyVerdict {
  if (!key.lastRotated) return { undated: label };
  const age = daysBetween(key.lastRotated, collectedAt);
  return age > MAX_KEY_AGE_DAYS ? { stale: `${label} is ${age} days old` } : { fresh: true };
}

export default defineAwsCheck({
  id: 'aws-iam-access-keys-rotated',
  service: 'iam',
  title: 'Active access keys are rotated within 90 days',
  severity: 'medium',
  criteria: ['CC6.1'],
  risk:
    'The older a key, the more copies of it exist in scripts, backups and former colleagues’ machines; ' +
    'a key that is never replaced gives anyone who ever saw it lasting access.',
  remediation: {
    summary:
      'Rotate each key older than 90 days (create a second key, switch the consumer, deactivate and delete ' +
      'the old one); better still, replace the key with a role so there is nothing to rotate.',
    snippet: {
      language: 'shell',
      code:
        'aws iam create-access-key --user-name reporting-export\n' +
        '# update the consumer with the new key, then retire the old one\n' +
        'aws iam update-access-key --user-name reporting-export --access-key-id AKIAEXAMPLEOLDKEY001 --status Inactive\n' +
        'aws iam delete-access-key --user-name reporting-export --access-key-id AKIAEXAMPLEOLDKEY001',
    },
  },
  effort: { baseHours: 1, perResourceHours: 1, maxHours: 10 },
  owner: 'Identity administrator',
  evidence:
    'Credential reports at each quarter end of the window showing every active key younger than 90 days, ' +
    'or the rotation tickets for those that were not.',
  evaluate(snapshot) {
    return assessActiveKeys(snapshot, judgeKey, {
      stale: (user, keys) => `User ${user} has an access key past ${MAX_KEY_AGE_DAYS} days (${keys}).`,
      undated: (user, keys) =>
        `Could not assess user ${user}: the credential report gives no rotation date for active ${keys}.`,
      fresh: (user) =>
        `User ${user} rotated each active access key within the last ${MAX_KEY_AGE_DAYS} days.`,
    });
  },
});
