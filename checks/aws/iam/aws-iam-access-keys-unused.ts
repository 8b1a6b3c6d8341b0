import type { AccessKeyReport } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import { ROOT_REPORT_USER, unreadCredentialReport } from '../../lib/aws-policy.js';
import { fail, pass, unknown } from '../../lib/results.js';

const MAX_IDLE_DAYS = 90;

type KeyVerdict = { stale: string } | { undated: string } | { fresh: true };

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
    const report = snapshot.iam?.credentialReport;
    if (!report) return unreadCredentialReport(snapshot);
    // Root keys are reported by aws-iam-root-access-keys, whatever their age.
    return report
      .filter((row) => row.user !== ROOT_REPORT_USER && row.accessKeys.some((key) => key.active))
      .map((row) => {
        const verdicts = row.accessKeys.flatMap((key, i) =>
          key.active ? [judgeKey(key, `key ${i + 1}`, snapshot.collectedAt)] : [],
        );
        const stale = verdicts.flatMap((v) => ('stale' in v ? [v.stale] : []));
        const undated = verdicts.flatMap((v) => ('undated' in v ? [v.undated] : []));
        const where = { resourceName: row.user };
        if (stale.length > 0)
          return fail(
            row.arn,
            `User ${row.user} has an idle active access key (${stale.join('; ')}).`,
            where,
          );
        if (undated.length > 0)
          return unknown(
            row.arn,
            `Could not assess user ${row.user}: the credential report gives no creation or last-use date for active ${undated.join(' and ')}.`,
            where,
          );
        return pass(
          row.arn,
          `User ${row.user} used each active access key within the last ${MAX_IDLE_DAYS} days.`,
          where,
        );
      });
  },
});
