import type { AwsSnapshot, CloudTrailTrail } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import type { CheckResult } from '../../../source/model/check.js';
import { daysBetween } from '../../../source/util/dates.js';
import { trailOwnerNote, trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unknownResource, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

// A logging trail delivers every few minutes; a day of silence means delivery is broken.
const MAX_SILENT_DAYS = 1;

export default defineAwsCheck({
  id: 'aws-cloudtrail-delivery-health',
  service: 'cloudtrail',
  title: 'CloudTrail trails are logging and delivering without errors',
  severity: 'medium',
  criteria: ['CC7.2', 'CC4.1'],
  risk: 'A trail that is stopped or cannot write to its bucket (a changed bucket policy or KMS key) looks configured but records nothing, leaving a hole in the audit trail that shows up only when someone needs the logs.',
  remediation: {
    summary:
      'Read the delivery error, fix the bucket policy or KMS key policy it names, restart logging, and alarm on CloudTrail StopLogging and delivery failures.',
    snippet: {
      language: 'shell',
      code: 'aws cloudtrail get-trail-status --name <trail-name>   # shows LatestDeliveryError\naws cloudtrail start-logging --name <trail-name>',
    },
  },
  effort: { baseHours: 1, perResourceHours: 1, maxHours: 6 },
  owner: 'Security engineer',
  evidence:
    'GetTrailStatus taken regularly through the window (latest delivery time, no delivery errors) and the alarm that would have caught a stop.',
  evaluate(snapshot) {
    if (!snapshot.cloudtrail)
      return unreadService(snapshot, awsAccountId(snapshot), { service: 'cloudtrail' });
    return trailsOf(snapshot).map((trail) => assessTrail(snapshot, trail));
  },
});

function assessTrail(snapshot: AwsSnapshot, trail: CloudTrailTrail): CheckResult {
  const where = { region: trail.homeRegion, resourceName: trail.name };
  const status = trail.status;
  if (!status) {
    const query = {
      service: 'cloudtrail',
      operation: 'GetTrailStatus',
      region: trail.homeRegion,
      resourceId: trail.arn,
    };
    return unknownResource(snapshot, query, where);
  }
  const note = trailOwnerNote(snapshot, trail);
  if (!status.isLogging) {
    const state = status.stopLoggingTime
      ? `has not been logging since ${status.stopLoggingTime}`
      : 'is not logging';
    return fail(trail.arn, `Trail ${trail.name} ${state}.${note}`, where);
  }
  if (status.latestDeliveryError)
    return fail(
      trail.arn,
      `Trail ${trail.name} reports a delivery error for bucket ${trail.s3BucketName ?? '(unknown)'}: ${status.latestDeliveryError}.${note}`,
      where,
    );
  const lastActivity = status.latestDeliveryTime ?? status.startLoggingTime;
  if (lastActivity && daysBetween(lastActivity, snapshot.collectedAt) >= MAX_SILENT_DAYS) {
    const what = status.latestDeliveryTime
      ? `has delivered nothing since ${status.latestDeliveryTime}`
      : `has never delivered a log file since it started on ${lastActivity}`;
    return fail(trail.arn, `Trail ${trail.name} is logging but ${what}.${note}`, where);
  }
  const last = status.latestDeliveryTime ? `, last delivery ${status.latestDeliveryTime}` : '';
  return pass(trail.arn, `Trail ${trail.name} is logging with no delivery error${last}.`, where);
}
