import { defineAwsCheck } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import { ROOT_REPORT_USER, unreadCredentialReport } from '../../lib/aws-policy.js';
import { fail, pass, unknown } from '../../lib/results.js';

const MAX_KEY_AGE_DAYS = 90;

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
    const report = snapshot.iam?.credentialReport;
    if (!report) return unreadCredentialReport(snapshot);
    // Root keys should not exist at all: aws-iam-root-access-keys reports them.
    return report
      .filter((row) => row.user !== ROOT_REPORT_USER && row.accessKeys.some((key) => key.active))
      .map((row) => {
        const keys = row.accessKeys
          .map((key, i) => ({ key, label: `key ${i + 1}` }))
          .filter((k) => k.key.active);
        const old = keys.flatMap(({ key, label }) => {
          const age = key.lastRotated ? daysBetween(key.lastRotated, snapshot.collectedAt) : 0;
          return age > MAX_KEY_AGE_DAYS ? [`${label} is ${age} days old`] : [];
        });
        const undated = keys.filter(({ key }) => !key.lastRotated).map(({ label }) => label);
        const where = { resourceName: row.user };
        if (old.length > 0)
          return fail(
            row.arn,
            `User ${row.user} has an access key past ${MAX_KEY_AGE_DAYS} days (${old.join('; ')}).`,
            where,
          );
        if (undated.length > 0)
          return unknown(
            row.arn,
            `Could not assess user ${row.user}: the credential report gives no rotation date for active ${undated.join(' and ')}.`,
            where,
          );
        return pass(
          row.arn,
          `User ${row.user} rotated each active access key within the last ${MAX_KEY_AGE_DAYS} days.`,
          where,
        );
      });
  },
});
