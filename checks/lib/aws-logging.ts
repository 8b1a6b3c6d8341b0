// Where an AWS account's audit logs land: the buckets and log groups trails and flow logs write to.

import type { AwsSnapshot, CloudTrailTrail, LogGroup, S3Bucket } from '../../source/model/aws-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import { unknown, unreadReason, unreadService } from './results.js';

/** A bucket or log group that receives audit logs, and what writes to it (`trail org-trail`). */
export interface AuditDestination {
  name: string;
  /** Only for log groups: buckets are global, log groups live in one region. */
  region?: string;
  sources: string[];
}

/**
 * The account's trails, each once. Multi-region trails show up in every region's DescribeTrails, so a
 * collector that forgets to drop the copies must not make us report a trail twice.
 */
export function trailsOf(snapshot: AwsSnapshot): CloudTrailTrail[] {
  const byArn = new Map<string, CloudTrailTrail>();
  for (const trail of snapshot.cloudtrail?.trails ?? [])
    if (!byArn.has(trail.arn)) byArn.set(trail.arn, trail);
  return [...byArn.values()];
}

/** The account that owns a trail, from its ARN (organization trails belong to the management account). */
export function trailOwnerAccount(trail: CloudTrailTrail): string | undefined {
  return trail.arn.split(':')[4] || undefined;
}

/** " It belongs to account X; change it there." when the trail is another account's (an organization trail). */
export function trailOwnerNote(snapshot: AwsSnapshot, trail: CloudTrailTrail): string {
  const owner = trailOwnerAccount(trail);
  return owner && owner !== snapshot.accountId ? ` It belongs to account ${owner}; change it there.` : '';
}

/** `arn:aws:s3:::logs/AWSLogs/` and `logs` both name the bucket `logs`. */
export function bucketNameOf(bucketArnOrName: string): string {
  const withoutArn = bucketArnOrName.replace(/^arn:[^:]+:s3:::/, '');
  return withoutArn.split('/')[0] ?? withoutArn;
}

/** `arn:aws:s3:::name`, for a bucket that is not in the snapshot. */
export function bucketArnOf(name: string): string {
  return `arn:aws:s3:::${name}`;
}

/** The ARN of a log group the snapshot does not hold (for a stable finding id). */
export function logGroupArnOf(snapshot: AwsSnapshot, name: string, region = ''): string {
  return `arn:aws:logs:${region}:${snapshot.accountId}:log-group:${name}`;
}

/**
 * A log group named by ARN (`arn:aws:logs:eu-west-1:1111:log-group:trail-logs:*`, as CloudTrail stores
 * it) or by plain name, in which case it lives in `defaultRegion`.
 */
export function logGroupRefOf(arnOrName: string, defaultRegion?: string): { name: string; region?: string } {
  const match = /^arn:[^:]+:logs:([^:]*):[^:]*:log-group:(.+?)(?::\*)?$/.exec(arnOrName);
  if (!match) return { name: arnOrName, region: defaultRegion };
  return { name: match[2] ?? arnOrName, region: match[1] || defaultRegion };
}

/** The S3 buckets CloudTrail trails and VPC flow logs deliver to. */
export function auditBuckets(snapshot: AwsSnapshot): AuditDestination[] {
  const found = new Destinations();
  for (const trail of trailsOf(snapshot))
    if (trail.s3BucketName) found.add(bucketNameOf(trail.s3BucketName), undefined, `trail ${trail.name}`);
  for (const flowLog of snapshot.ec2?.flowLogs ?? [])
    if (flowLog.destinationType === 's3' && flowLog.destination)
      found.add(bucketNameOf(flowLog.destination), undefined, `flow log ${flowLog.flowLogId}`);
  return found.list();
}

/** The CloudWatch log groups CloudTrail trails and VPC flow logs deliver to. */
export function auditLogGroups(snapshot: AwsSnapshot): AuditDestination[] {
  const found = new Destinations();
  for (const trail of trailsOf(snapshot)) {
    if (!trail.cloudWatchLogsLogGroupArn) continue;
    const ref = logGroupRefOf(trail.cloudWatchLogsLogGroupArn, trail.homeRegion);
    found.add(ref.name, ref.region, `trail ${trail.name}`);
  }
  for (const flowLog of snapshot.ec2?.flowLogs ?? []) {
    if (flowLog.destinationType !== 'cloud-watch-logs' || !flowLog.destination) continue;
    const ref = logGroupRefOf(flowLog.destination, flowLog.region);
    found.add(ref.name, ref.region, `flow log ${flowLog.flowLogId}`);
  }
  return found.list();
}

/**
 * Runs `assess` on every bucket that receives audit logs, with the snapshot of the account that holds
 * it: this one, or another account of the same run (a central log archive). A destination no scanned
 * account shows is UNKNOWN: either S3 was not read, or its account was not scanned.
 */
export function assessAuditBuckets(
  snapshot: AwsSnapshot,
  estate: readonly AwsSnapshot[],
  assess: (holder: AwsSnapshot, bucket: S3Bucket, sources: string) => CheckResult,
): CheckResult[] {
  if (!snapshot.cloudtrail) return unreadService(snapshot, snapshot.accountId, { service: 'cloudtrail' });
  return auditBuckets(snapshot).map((destination) => {
    const sources = describeSources(destination.sources);
    for (const holder of [snapshot, ...estate.filter((s) => s !== snapshot)]) {
      const bucket = holder.s3?.buckets.find((b) => b.name === destination.name);
      if (bucket) return assess(holder, bucket, sources);
    }
    const arn = bucketArnOf(destination.name);
    const where = { resourceName: destination.name };
    if (!snapshot.s3) return unknown(arn, unreadReason(snapshot, { service: 's3' }, 'S3'), where);
    return unknown(
      arn,
      `Bucket ${destination.name} (receives ${sources}) is not in this account; scan the log archive account too.`,
      where,
    );
  });
}

export interface AuditLogGroups {
  /** Log groups that hold audit logs, with why we think so. */
  audit: { group: LogGroup; why: string }[];
  /** Log groups trails or flow logs point at that the snapshot does not hold. */
  missing: AuditDestination[];
  other: LogGroup[];
}

/** Splits the account's log groups into audit ones (receiving trails or flow logs, or named so) and the rest. */
export function classifyLogGroups(snapshot: AwsSnapshot): AuditLogGroups {
  const groups = snapshot.logs?.logGroups ?? [];
  const destinations = auditLogGroups(snapshot);
  const receives = (group: LogGroup) =>
    destinations.find((d) => d.name === group.name && (d.region === undefined || d.region === group.region));
  const result: AuditLogGroups = { audit: [], missing: [], other: [] };
  for (const group of groups) {
    const destination = receives(group);
    if (destination) result.audit.push({ group, why: `receives ${describeSources(destination.sources)}` });
    else if (logGroupNameSaysAudit(group.name))
      result.audit.push({ group, why: 'its name says it holds audit logs' });
    else result.other.push(group);
  }
  result.missing = destinations.filter(
    (d) => !groups.some((g) => g.name === d.name && (d.region === undefined || d.region === g.region)),
  );
  return result;
}

// `audit`, `cloudtrail` anywhere; `security` and `flow` as words; `flowlogs`/`flow-logs` after a separator
// or `vpc` (so `workflow-logs` is not caught).
const AUDIT_NAME = /audit|cloudtrail|(?:^|[^a-z]|vpc)flow-?logs?|(?:^|[^a-z])(?:security|flow)(?:[^a-z]|$)/i;

/** Whether a log group's name says it holds audit, security, CloudTrail or flow logs. */
export function logGroupNameSaysAudit(name: string): boolean {
  return AUDIT_NAME.test(name);
}

/** `trail a`, `trail a and flow log b`, `trail a, trail b and 3 more`. */
export function describeSources(sources: string[]): string {
  if (sources.length <= 2) return sources.join(' and ');
  if (sources.length === 3) return `${sources[0]}, ${sources[1]} and ${sources[2]}`;
  return `${sources[0]}, ${sources[1]} and ${sources.length - 2} more`;
}

class Destinations {
  private readonly byKey = new Map<string, AuditDestination>();

  add(name: string, region: string | undefined, source: string): void {
    const key = `${region ?? ''}|${name}`;
    const existing = this.byKey.get(key);
    if (!existing) this.byKey.set(key, { name, ...(region ? { region } : {}), sources: [source] });
    else if (!existing.sources.includes(source)) existing.sources.push(source);
  }

  list(): AuditDestination[] {
    return [...this.byKey.values()];
  }
}
