import { defineAwsCheck } from '../../../source/model/check.js';
import { consoleUserRows, unreadCredentialReport } from '../../lib/aws-iam.js';
import { fail, pass } from '../../lib/results.js';

export default defineAwsCheck({
  id: 'aws-iam-console-user-mfa',
  service: 'iam',
  title: 'IAM users who can sign in to the console use MFA',
  severity: 'high',
  criteria: ['CC6.1'],
  risk:
    'A console password alone falls to phishing or reuse from another breach; MFA is the control auditors ' +
    'and enterprise customers expect on every interactive login to production.',
  remediation: {
    summary:
      'Have each console user register MFA, attach a policy that denies everything but MFA setup until they ' +
      'do, and move people to IAM Identity Center so MFA is enforced in one place.',
    snippet: {
      language: 'terraform',
      code:
        'data "aws_iam_policy_document" "require_mfa" {\n' +
        '  statement {\n' +
        '    sid         = "DenyAllButMfaSetupWithoutMfa"\n' +
        '    effect      = "Deny"\n' +
        '    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser",\n' +
        '                   "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",\n' +
        '                   "iam:ChangePassword", "sts:GetSessionToken"]\n' +
        '    resources   = ["*"]\n' +
        '    condition {\n' +
        '      test     = "BoolIfExists"\n' +
        '      variable = "aws:MultiFactorAuthPresent"\n' +
        '      values   = ["false"]\n' +
        '    }\n' +
        '  }\n' +
        '}\n\n' +
        'resource "aws_iam_group_policy" "require_mfa" {\n' +
        '  group  = "console-users"\n' +
        '  policy = data.aws_iam_policy_document.require_mfa.json\n' +
        '}',
    },
  },
  effort: { baseHours: 2, perResourceHours: 0.5, maxHours: 8 },
  owner: 'Identity administrator',
  evidence:
    'Credential reports at each quarter end of the window showing mfa_active for every user with a ' +
    'password, plus the MFA-enforcement policy and its change history.',
  evaluate(snapshot) {
    const report = snapshot.iam?.credentialReport;
    if (!report) return unreadCredentialReport(snapshot);
    // Root MFA is aws-iam-root-mfa; users without a password cannot sign in to the console.
    return consoleUserRows(report).map((row) => {
      const where = { resourceName: row.user };
      return row.mfaActive
        ? pass(row.arn, `Console user ${row.user} has MFA enabled.`, where)
        : fail(row.arn, `Console user ${row.user} signs in with a password and no MFA.`, where);
    });
  },
});
