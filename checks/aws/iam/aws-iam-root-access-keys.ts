import { defineAwsCheck } from '../../../source/model/check.js';
import { assessRootUser } from '../../lib/aws-iam.js';
import { fail, pass } from '../../lib/results.js';

export default defineAwsCheck({
  id: 'aws-iam-root-access-keys',
  service: 'iam',
  title: 'The root user has no access keys',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.3'],
  risk:
    'A root access key can do anything in the account, cannot be limited by any policy, and bypasses MFA: ' +
    'whoever finds it owns the account and everything in it.',
  remediation: {
    summary:
      'Sign in as root, delete its access keys (after moving whatever used them to a role), and in an ' +
      'AWS Organization turn on centralized root access so member accounts keep no root credentials.',
    snippet: {
      language: 'shell',
      code:
        "# signed in with the root user's own credentials\n" +
        'aws iam list-access-keys\n' +
        'aws iam delete-access-key --access-key-id AKIAEXAMPLEROOTKEY01\n' +
        '# from the organization management account\n' +
        'aws iam enable-organizations-root-credentials-management',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 },
  owner: 'Security engineer',
  evidence:
    'GetAccountSummary (AccountAccessKeysPresent = 0) and the credential report root row at each quarter end ' +
    'of the window.',
  evaluate(snapshot) {
    return assessRootUser(snapshot, ({ accountId, row, summary }, where) => {
      // Either source saying a key exists is enough: the report can be hours older than the summary.
      const activeKeys = row?.accessKeys.filter((key) => key.active).length ?? 0;
      if (activeKeys > 0)
        return fail(
          accountId,
          `The root user of account ${accountId} has ${activeKeys} active access key${activeKeys > 1 ? 's' : ''}.`,
          where,
        );
      if (summary?.accountAccessKeysPresent)
        return fail(
          accountId,
          `The account summary reports access keys on the root user of account ${accountId}.`,
          where,
        );
      return pass(accountId, `The root user of account ${accountId} has no active access key.`, where);
    });
  },
});
