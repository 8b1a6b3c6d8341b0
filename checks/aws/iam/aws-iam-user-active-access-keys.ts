import { defineAwsCheck } from '../../../source/model/check.js';
import { iamUserRows, unreadCredentialReport } from '../../lib/aws-iam.js';
import { fail, pass } from '../../lib/results.js';

export default defineAwsCheck({
  id: 'aws-iam-user-active-access-keys',
  service: 'iam',
  title: 'IAM users hold no long-lived access keys',
  severity: 'high',
  criteria: ['CC6.1'],
  risk:
    'An access key works from anywhere until someone revokes it; keys end up in CI settings, laptops and ' +
    'old repositories, where a leak goes unnoticed. Roles, IAM Identity Center and STS hand out credentials ' +
    'that expire within hours instead.',
  remediation: {
    summary:
      'Move each workload to a role (EC2/ECS/Lambda roles, OIDC federation for CI) and each person to IAM ' +
      'Identity Center, then deactivate and delete the keys; document any key a third party truly requires.',
    snippet: {
      language: 'terraform',
      code:
        '# CI without stored keys: GitHub Actions assumes a role through OIDC\n' +
        'resource "aws_iam_openid_connect_provider" "github" {\n' +
        '  url            = "https://token.actions.githubusercontent.com"\n' +
        '  client_id_list = ["sts.amazonaws.com"]\n' +
        '}\n\n' +
        'resource "aws_iam_role" "ci_deploy" {\n' +
        '  name = "ci-deploy"\n' +
        '  assume_role_policy = jsonencode({\n' +
        '    Version = "2012-10-17"\n' +
        '    Statement = [{\n' +
        '      Effect    = "Allow"\n' +
        '      Action    = "sts:AssumeRoleWithWebIdentity"\n' +
        '      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }\n' +
        '      Condition = {\n' +
        '        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }\n' +
        '        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:example-org/payments-api:*" }\n' +
        '      }\n' +
        '    }]\n' +
        '  })\n' +
        '}',
    },
  },
  effort: { baseHours: 2, perResourceHours: 4, maxHours: 32 },
  owner: 'Identity administrator',
  evidence:
    'Credential reports from each quarter end of the window showing no active user keys, or a dated, ' +
    'approved exception for each one that remains.',
  evaluate(snapshot) {
    const report = snapshot.iam?.credentialReport;
    if (!report) return unreadCredentialReport(snapshot);
    return iamUserRows(report).map((row) => {
      const active = row.accessKeys.filter((key) => key.active).length;
      const where = { resourceName: row.user };
      return active > 0
        ? fail(
            row.arn,
            `User ${row.user} has ${active} active access key${active > 1 ? 's' : ''}: standing credentials where a role would do.`,
            where,
          )
        : pass(row.arn, `User ${row.user} has no active access key.`, where);
    });
  },
});
