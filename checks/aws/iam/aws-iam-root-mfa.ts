import { defineAwsCheck } from '../../../source/model/check.js';
import { assessRootUser } from '../../lib/aws-iam.js';
import { fail, pass } from '../../lib/results.js';

export default defineAwsCheck({
  id: 'aws-iam-root-mfa',
  service: 'iam',
  title: 'The root user signs in with MFA',
  severity: 'critical',
  criteria: ['CC6.1'],
  risk:
    'The root user can close the account, change its contact details and undo every other control; with a ' +
    'password alone, a phished or reused password is enough to take the whole account.',
  remediation: {
    summary:
      'Sign in as root and register a hardware security key or passkey (two, kept by different people); ' +
      'in an AWS Organization, centralized root access lets member accounts drop root credentials entirely.',
    snippet: {
      language: 'shell',
      code:
        '# root MFA is registered in the console (Security credentials); then confirm it:\n' +
        "aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'\n" +
        '# from the organization management account, for member accounts\n' +
        'aws iam enable-organizations-root-credentials-management\n' +
        'aws iam enable-organizations-root-sessions',
    },
  },
  effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 },
  owner: 'Security engineer',
  evidence:
    'GetAccountSummary (AccountMFAEnabled = 1) or the credential report root row at each quarter end, and ' +
    'the record of who holds the MFA devices.',
  evaluate(snapshot) {
    return assessRootUser(snapshot, ({ accountId, row, summary }, where) => {
      // Fail when either source says MFA is off: the two are read at different times.
      const mfa = [row?.mfaActive, summary?.accountMfaEnabled].filter((v) => v !== undefined);
      return mfa.every(Boolean)
        ? pass(accountId, `The root user of account ${accountId} has MFA enabled.`, where)
        : fail(accountId, `The root user of account ${accountId} has no MFA.`, where);
    });
  },
});
