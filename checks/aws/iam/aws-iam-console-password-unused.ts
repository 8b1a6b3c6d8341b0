import { defineAwsCheck } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import { consoleUserRows, unreadCredentialReport } from '../../lib/aws-iam.js';
import { fail, pass } from '../../lib/results.js';

const MAX_IDLE_DAYS = 90;

export default defineAwsCheck({
  id: 'aws-iam-console-password-unused',
  service: 'iam',
  title: 'Console passwords unused for 90 days are removed',
  severity: 'medium',
  criteria: ['CC6.2'],
  risk:
    'A console login nobody uses is usually a leaver or a one-off account whose access was never removed; ' +
    'auditors sample leavers and report an exception for each one still able to sign in.',
  remediation: {
    summary:
      'Remove the console password of each user idle for 90 days (delete the user if nobody owns it), and ' +
      'tie IAM user removal to the leaver process or move people to IAM Identity Center.',
    snippet: {
      language: 'shell',
      code:
        'aws iam get-login-profile --user-name former-analyst\n' +
        'aws iam delete-login-profile --user-name former-analyst',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0.25, maxHours: 4 },
  owner: 'Identity administrator',
  evidence:
    'Credential reports at each quarter end of the window compared with the HR leaver list, and the ' +
    'access-review tickets that removed idle logins.',
  evaluate(snapshot) {
    const report = snapshot.iam?.credentialReport;
    if (!report) return unreadCredentialReport(snapshot);
    return consoleUserRows(report).map((row) => {
      const where = { resourceName: row.user };
      // A password never used counts from the user's creation.
      const idle = daysBetween(row.passwordLastUsed ?? row.userCreationTime, snapshot.collectedAt);
      if (idle <= MAX_IDLE_DAYS)
        return pass(
          row.arn,
          `Console user ${row.user} signed in within the last ${MAX_IDLE_DAYS} days.`,
          where,
        );
      const reason = row.passwordLastUsed
        ? `Console user ${row.user} last signed in ${idle} days ago and still has a password.`
        : `Console user ${row.user} has never signed in, was created ${idle} days ago, and still has a password.`;
      return fail(row.arn, reason, where);
    });
  },
});
