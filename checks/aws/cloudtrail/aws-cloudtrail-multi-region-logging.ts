import type { AwsSnapshot, CloudTrailTrail } from '../../../source/model/aws-snapshot.js';
import { defineAwsCheck } from '../../../source/model/check.js';
import { trailsOf } from '../../lib/aws-logging.js';
import { fail, pass, unknown, unreadReason, unreadService } from '../../lib/results.js';
import { awsAccountId } from '../../lib/scope.js';

export default defineAwsCheck({
  id: 'aws-cloudtrail-multi-region-logging',
  service: 'cloudtrail',
  title: 'A multi-region CloudTrail trail records management events',
  severity: 'critical',
  criteria: ['CC7.2', 'CC7.3'],
  risk: 'Without a trail that logs every region, nobody can say who changed what in the account; an attacker working in an unused region leaves no record, and the auditor has no audit trail to test.',
  remediation: {
    summary:
      'Create one multi-region trail (or an organization trail) that records read and write management events, delivers to a locked-down log bucket, and keep it logging.',
    snippet: {
      language: 'shell',
      code: [
        'aws cloudtrail create-trail --name audit-trail --s3-bucket-name <audit-log-bucket> \\',
        '  --is-multi-region-trail --enable-log-file-validation --kms-key-id <kms-key-arn>',
        '# New trails record read and write management events by default.',
        'aws cloudtrail start-logging --name audit-trail',
      ].join('\n'),
    },
  },
  effort: { baseHours: 4, perResourceHours: 2, maxHours: 12 },
  owner: 'Security engineer',
  evidence:
    'The trail configuration and GetTrailStatus showing it logging since before the window began, with no stop events (StopLogging, DeleteTrail) during the window, and sample log files from the first month.',
  evaluate(snapshot) {
    const accountId = awsAccountId(snapshot);
    if (!snapshot.cloudtrail) return unreadService(snapshot, accountId, { service: 'cloudtrail' });
    const where = { resourceName: snapshot.accountName ?? accountId };

    const candidates = trailsOf(snapshot).filter((trail) => trail.isMultiRegionTrail);
    const logging = candidates.filter(
      (trail) => trail.status?.isLogging === true && trail.includesManagementEvents === true,
    );
    if (logging.length > 0) {
      // The trail that has logged the longest gives the longest evidence.
      const best = earliestStarted(logging);
      const since = best.status?.startLoggingTime;
      return [
        pass(
          accountId,
          `Multi-region trail ${best.name} is logging management events${since ? ` since ${since}` : ''}.`,
          { ...where, ...(since ? { evidencedSince: since } : {}) },
        ),
      ];
    }

    // A trail we could not fully read might be the one that covers the account: do not call it a gap.
    const unread = candidates.find(
      (trail) =>
        trail.status === undefined ||
        (trail.includesManagementEvents === undefined && trail.status.isLogging),
    );
    if (unread) return [unknown(accountId, unreadTrailReason(snapshot, unread), where)];

    return [fail(accountId, failureReason(snapshot, candidates), where)];
  },
});

function earliestStarted(trails: CloudTrailTrail[]): CloudTrailTrail {
  const started = (trail: CloudTrailTrail) =>
    trail.status?.startLoggingTime ? Date.parse(trail.status.startLoggingTime) : Number.POSITIVE_INFINITY;
  return trails.reduce((best, trail) => (started(trail) < started(best) ? trail : best));
}

function unreadTrailReason(snapshot: AwsSnapshot, trail: CloudTrailTrail): string {
  const operation = trail.status === undefined ? 'GetTrailStatus' : 'GetEventSelectors';
  const query = { service: 'cloudtrail', operation, region: trail.homeRegion, resourceId: trail.arn };
  return `Trail ${trail.name} may cover the account but could not be read. ${unreadReason(snapshot, query, `${operation} for trail ${trail.name}`)}`;
}

function failureReason(snapshot: AwsSnapshot, multiRegion: CloudTrailTrail[]): string {
  const account = snapshot.accountId;
  if (multiRegion.length === 0) {
    const count = trailsOf(snapshot).length;
    return count === 0
      ? `Account ${account} has no CloudTrail trail.`
      : `Account ${account} has ${count} trail(s) but none covers all regions.`;
  }
  const problems = multiRegion.map((trail) =>
    trail.status?.isLogging === false
      ? `${trail.name} is not logging${trail.status.stopLoggingTime ? ` (stopped ${trail.status.stopLoggingTime})` : ''}`
      : `${trail.name} does not record management events`,
  );
  return `Account ${account} has no multi-region trail logging management events: ${problems.join('; ')}.`;
}
