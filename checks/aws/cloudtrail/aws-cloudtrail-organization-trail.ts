import { defineAwsCheck } from '../../../source/model/check.js';
import { trailOwnerAccount, trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unknown, unreadReason, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-cloudtrail-organization-trail',
  service: 'cloudtrail',
  title: 'An organization trail covers the account',
  severity: 'medium',
  criteria: ['CC7.2', 'CC4.1'],
  risk: 'When each account keeps its own trail, a new account starts unlogged and an account administrator can stop or delete the logging that is meant to watch them.',
  remediation: {
    summary:
      'From the management account (or a delegated administrator), create one organization trail for all regions that delivers to an Object Lock bucket in a separate log-archive account.',
    snippet: {
      language: 'shell',
      code: [
        '# In the management account:',
        'aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com',
        'aws cloudtrail create-trail --name org-trail --s3-bucket-name <log-archive-bucket> \\',
        '  --is-organization-trail --is-multi-region-trail --enable-log-file-validation --kms-key-id <kms-key-arn>',
        'aws cloudtrail start-logging --name org-trail',
      ].join('\n'),
    },
  },
  effort: { baseHours: 16, perResourceHours: 2, maxHours: 24 },
  owner: 'Cloud platform engineer',
  evidence:
    'The organization trail configuration and status across the window, the log-archive bucket policy, and sample logs from this account in the first month of the window.',
  dependsOn: ['aws-cloudtrail-multi-region-logging'],
  evaluate(snapshot) {
    const accountId = awsAccountId(snapshot);
    const where = { resourceName: snapshot.accountName ?? accountId };
    // Organization trails show up in member accounts too, so finding one settles it.
    const orgTrail = trailsOf(snapshot).find((trail) => trail.isOrganizationTrail);
    if (orgTrail) {
      const owner = trailOwnerAccount(orgTrail);
      const from = owner && owner !== accountId ? ` from account ${owner}` : '';
      return [
        pass(accountId, `Organization trail ${orgTrail.name}${from} covers account ${accountId}.`, where),
      ];
    }
    const organization = snapshot.organization;
    if (!organization) {
      const reason = unreadReason(snapshot, { service: 'organizations' }, 'AWS Organizations membership');
      return [unknown(accountId, reason, where)];
    }
    // An account outside any organization has no organization trail to be covered by.
    if (organization.role === 'standalone') return [];
    if (!snapshot.cloudtrail) return unreadService(snapshot, accountId, { service: 'cloudtrail' });
    const org = organization.organizationId ?? 'its organization';
    return [
      fail(
        accountId,
        `Account ${accountId} is a ${organization.role} account of ${org} but no organization trail covers it.`,
        where,
      ),
    ];
  },
});
