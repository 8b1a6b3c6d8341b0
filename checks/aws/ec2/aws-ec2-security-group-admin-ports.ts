import { defineAwsCheck } from '../../../source/model/check.js';
import { exposedSensitiveServices } from '../../lib/aws-network.js';
import { fail, pass, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-ec2-security-group-admin-ports',
  service: 'ec2',
  title: 'No security group opens administration or database ports to the internet',
  severity: 'high',
  criteria: ['CC6.6', 'CC6.1'],
  risk: 'SSH, RDP and database ports open to the whole internet are scanned within minutes and brute-forced around the clock; one weak password or unpatched service is then a direct way in.',
  remediation: {
    summary:
      'Remove ingress from 0.0.0.0/0 and ::/0 to admin and database ports; reach servers through SSM Session Manager or a VPN, and databases only from the application security groups.',
    snippet: {
      language: 'shell',
      code: [
        'aws ec2 revoke-security-group-ingress --group-id <sg-id> \\',
        "  --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'",
        '# Then connect without an open port:',
        'aws ssm start-session --target <instance-id>',
      ].join('\n'),
    },
  },
  effort: { baseHours: 2, perResourceHours: 1.5, maxHours: 16 },
  owner: 'Security engineer',
  evidence:
    'Security group rules exported at several points across the window (or AWS Config history for the groups) showing no internet-wide admin or database access, and the change tickets for any exception.',
  evaluate(snapshot) {
    if (!snapshot.ec2) return unreadService(snapshot, awsAccountId(snapshot), { service: 'ec2' });
    return snapshot.ec2.securityGroups.map((group) => {
      const name = `${group.groupName} (${group.groupId})`;
      const where = { region: group.region, resourceName: group.groupName };
      const exposed = [...new Set(group.ingress.flatMap(exposedSensitiveServices))];
      if (exposed.length === 0)
        return pass(
          group.arn,
          `Security group ${name} opens no admin or database port to the internet.`,
          where,
        );
      // Unattached groups still count: the next instance launched with them is exposed at once.
      const idle =
        group.attachmentCount === 0
          ? ' It is attached to nothing today; remove the rule before it is reused.'
          : '';
      return fail(
        group.arn,
        `Security group ${name} opens ${exposed.join(', ')} to the whole internet.${idle}`,
        where,
      );
    });
  },
});
