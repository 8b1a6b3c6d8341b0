import { defineAwsCheck } from '../../../source/model/check.js';
import { iamErrorQuery } from '../../lib/aws-iam.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

const MIN_LENGTH = 14;
const MIN_REUSE_PREVENTION = 24;

export default defineAwsCheck({
  id: 'aws-iam-password-policy',
  service: 'iam',
  title: 'The account password policy requires long passwords and prevents reuse',
  severity: 'medium',
  criteria: ['CC6.1'],
  risk:
    'Without a password policy IAM accepts short, guessable and recycled passwords; auditors compare the ' +
    'setting with the written password standard and report a mismatch.',
  remediation: {
    summary: `Set an account password policy with at least ${MIN_LENGTH} characters and reuse prevention of ${MIN_REUSE_PREVENTION} passwords.`,
    snippet: {
      language: 'shell',
      code:
        `aws iam update-account-password-policy --minimum-password-length ${MIN_LENGTH} \\\n` +
        `  --password-reuse-prevention ${MIN_REUSE_PREVENTION} --require-symbols --require-numbers \\\n` +
        '  --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password',
    },
  },
  effort: { baseHours: 0.5, perResourceHours: 0, maxHours: 0.5 },
  owner: 'Identity administrator',
  evidence:
    'GetAccountPasswordPolicy output at the start and end of the window, and CloudTrail showing no ' +
    'UpdateAccountPasswordPolicy or DeleteAccountPasswordPolicy call in between that weakened it.',
  evaluate(snapshot) {
    const accountId = awsAccountId(snapshot);
    const policy = snapshot.iam?.passwordPolicy;
    if (policy === undefined)
      return unreadService(
        snapshot,
        accountId,
        iamErrorQuery(snapshot, ['GetAccountPasswordPolicy']),
        'the IAM password policy',
      );
    if (policy === null) return [fail(accountId, `Account ${accountId} has no IAM password policy.`)];
    const reuse = policy.passwordReusePrevention ?? 0;
    const shortfalls = [
      ...(policy.minimumPasswordLength < MIN_LENGTH
        ? [`minimum length is ${policy.minimumPasswordLength} (needs ${MIN_LENGTH})`]
        : []),
      ...(reuse < MIN_REUSE_PREVENTION
        ? [
            `${reuse === 0 ? 'reuse prevention is off' : `reuse prevention remembers ${reuse}`} (needs ${MIN_REUSE_PREVENTION})`,
          ]
        : []),
    ];
    return shortfalls.length > 0
      ? [
          fail(
            accountId,
            `The password policy of account ${accountId} is too weak: ${shortfalls.join('; ')}.`,
          ),
        ]
      : [
          pass(
            accountId,
            `The password policy of account ${accountId} requires ${policy.minimumPasswordLength} characters and blocks reuse of the last ${reuse}.`,
          ),
        ];
  },
});
