import { defineAwsCheck } from '../../../source/model/check.js';
import { rotationStatusQuery } from '../../lib/aws-kms.js';
import { fail, pass, unknownResource, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-kms-key-rotation',
  service: 'kms',
  title: 'Customer-managed KMS keys rotate automatically',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  risk: 'A key that never changes stays useful to anyone who ever copied it, and auditors expect keys to be replaced on a schedule.',
  remediation: {
    summary:
      'Turn on automatic rotation for every enabled symmetric customer-managed key (yearly or sooner).',
    snippet: {
      language: 'terraform',
      code: 'resource "aws_kms_key" "data" {\n  enable_key_rotation     = true\n  rotation_period_in_days = 365\n}',
    },
  },
  effort: { baseHours: 2, perResourceHours: 0.5, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'GetKeyRotationStatus for each key at the start and end of the window, and the rotation history (CloudTrail RotateKey events).',
  evaluate(snapshot) {
    if (!snapshot.kms) return unreadService(snapshot, awsAccountId(snapshot), { service: 'kms' });
    // Automatic rotation exists only for symmetric keys whose material KMS generated.
    const rotatable = snapshot.kms.keys.filter(
      (key) =>
        key.keyManager === 'CUSTOMER' &&
        key.keyState === 'Enabled' &&
        key.keySpec === 'SYMMETRIC_DEFAULT' &&
        key.origin === 'AWS_KMS',
    );
    // A key whose DescribeKey was denied (a key policy can shut the scanner out) cannot be told apart
    // from an AWS-managed one, so the collector leaves it out: each such denial is an UNKNOWN here.
    const undescribed = snapshot.errors
      .filter((e) => e.service === 'kms' && e.operation === 'DescribeKey' && e.resourceId)
      .map((e) =>
        unknownResource(
          snapshot,
          { service: 'kms', operation: 'DescribeKey', region: e.region, resourceId: e.resourceId! },
          { ...(e.region ? { region: e.region } : {}), resourceName: e.resourceId!.split('/').pop() },
        ),
      );
    return [
      ...undescribed,
      ...rotatable.map((key) => {
        const where = { region: key.region, resourceName: key.aliases?.[0] ?? key.keyId };
        if (key.rotationEnabled === undefined)
          return unknownResource(snapshot, rotationStatusQuery(key), where);
        return key.rotationEnabled
          ? pass(
              key.arn,
              `${where.resourceName} rotates automatically every ${key.rotationPeriodInDays ?? 365} days.`,
              where,
            )
          : fail(key.arn, `Automatic rotation is off for ${where.resourceName}.`, where);
      }),
    ];
  },
});
