import type { AwsSnapshot, ConfigRecorder } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { fail, pass, unknown, unreadReason, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-config-recorder-all-regions',
  service: 'config',
  title: 'AWS Config records every resource type in every region',
  severity: 'high',
  criteria: ['CC7.1', 'CC8.1', 'CC4.1'],
  risk: 'Without a configuration recorder there is no history of what changed, when and how, so unauthorised changes go unnoticed and the auditor cannot test change management or drift from the approved baseline.',
  remediation: {
    summary:
      'Turn on a configuration recorder for all supported resource types in every enabled region, recording global resources (IAM) in one home region only, delivering to the central log bucket.',
    snippet: {
      language: 'shell',
      code: [
        'aws iam create-service-linked-role --aws-service-name config.amazonaws.com',
        'HOME_REGION=us-east-1',
        "for region in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text); do",
        '  global=$([ "$region" = "$HOME_REGION" ] && echo true || echo false)',
        '  aws configservice put-configuration-recorder --region "$region" \\',
        '    --configuration-recorder name=default,roleARN=arn:aws:iam::<account-id>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig \\',
        '    --recording-group allSupported=true,includeGlobalResourceTypes=$global',
        '  aws configservice put-delivery-channel --region "$region" --delivery-channel name=default,s3BucketName=<config-bucket>',
        '  aws configservice start-configuration-recorder --region "$region" --configuration-recorder-name default',
        'done',
      ].join('\n'),
    },
  },
  effort: { baseHours: 4, perResourceHours: 0.5, maxHours: 12 },
  owner: 'Cloud platform engineer',
  evidence:
    'Recorder status per region showing recording since before the window, and configuration timelines for a sample of changed resources from the window.',
  evaluate(snapshot) {
    const accountId = awsAccountId(snapshot);
    if (!snapshot.config) return unreadService(snapshot, accountId, { service: 'config' });
    const perRegion = snapshot.regions.map((region) => assessRegion(snapshot, region));
    return [...perRegion, assessGlobal(snapshot, perRegion)];
  },
});

/** A stable id for "AWS Config in this region" (a recorder has no ARN of its own in the API). */
function regionResourceId(snapshot: AwsSnapshot, region: string): string {
  return `arn:aws:config:${region}:${snapshot.accountId}:recorder`;
}

const recordsEverything = (r: ConfigRecorder) => r.recording && r.allSupported && r.lastStatus !== 'Failure';

function assessRegion(snapshot: AwsSnapshot, region: string): CheckResult {
  const id = regionResourceId(snapshot, region);
  const recorders = (snapshot.config?.recorders ?? []).filter((r) => r.region === region);
  const good = recorders.find(recordsEverything);
  if (good) {
    const since = good.lastStartTime;
    return pass(
      id,
      `AWS Config recorder ${good.name} records all resource types in ${region}${since ? ` since ${since}` : ''}.`,
      {
        region,
        resourceName: good.name,
        ...(since ? { evidencedSince: since } : {}),
      },
    );
  }
  const where = { region, resourceName: recorders[0]?.name ?? `AWS Config in ${region}` };
  // No recorder seen may just mean the region could not be read.
  const error = snapshot.errors.find((e) => e.service === 'config' && e.region === region);
  if (recorders.length === 0 && error)
    return unknown(
      id,
      unreadReason(snapshot, { service: 'config', operation: error.operation, region }),
      where,
    );
  if (recorders.length === 0)
    return fail(id, `AWS Config has no configuration recorder in ${region}.`, where);
  return fail(id, `AWS Config in ${region}: ${recorders.map(describeProblem).join('; ')}.`, where);
}

function describeProblem(recorder: ConfigRecorder): string {
  if (!recorder.recording) return `recorder ${recorder.name} is stopped`;
  if (recorder.lastStatus === 'Failure')
    return `recorder ${recorder.name} is on but its last recording failed`;
  return `recorder ${recorder.name} records only selected resource types`;
}

/** IAM and other global resources need recording in one region; the account is the resource. */
function assessGlobal(snapshot: AwsSnapshot, perRegion: CheckResult[]): CheckResult {
  const accountId = awsAccountId(snapshot);
  const where = { resourceName: snapshot.accountName ?? accountId };
  const global = (snapshot.config?.recorders ?? []).find(
    (r) => r.includeGlobalResourceTypes && r.recording && snapshot.regions.includes(r.region),
  );
  if (global)
    return pass(
      accountId,
      `AWS Config records global resources (IAM) in ${global.region} with recorder ${global.name}.`,
      {
        ...where,
        ...(global.lastStartTime ? { evidencedSince: global.lastStartTime } : {}),
      },
    );
  const unread = perRegion.filter((r) => r.status === 'UNKNOWN').map((r) => r.region);
  if (unread.length > 0)
    return unknown(
      accountId,
      `Could not tell whether AWS Config records global resources (IAM): no recorder seen does, and AWS Config could not be read in ${unread.join(', ')}.`,
      where,
    );
  return fail(
    accountId,
    `AWS Config records global resources (IAM users, roles, policies) in no region of account ${accountId}.`,
    where,
  );
}
