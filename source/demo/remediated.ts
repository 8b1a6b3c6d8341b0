// The demo estate a few weeks on: some gaps closed, one new. A second demo scan in a workspace uses
// this, so "re-run after remediation", the comparison and the score trend have something to show.

import type { AwsSnapshot, S3Bucket, SecurityGroupRule } from '../model/aws-snapshot.js';
import type { AzureSnapshot } from '../model/azure-snapshot.js';
import type { Snapshot } from '../model/snapshot.js';

const ADMIN_PORTS = [22, 3389];
const WORLD = new Set(['0.0.0.0/0', '::/0']);

export function remediatedEstate(snapshots: readonly Snapshot[]): Snapshot[] {
  let regressed = false;
  return snapshots.map((original) => {
    const snapshot = structuredClone(original);
    if (snapshot.provider === 'azure') return remediateAzure(snapshot);
    remediateAws(snapshot);
    // One regression: someone switched off a bucket's public access block while debugging.
    const bucket = regressed ? undefined : snapshot.s3?.buckets.find(fullyBlocked);
    if (bucket) {
      bucket.publicAccessBlock = null;
      regressed = true;
    }
    return snapshot;
  });
}

function remediateAws(snapshot: AwsSnapshot): void {
  for (const trail of snapshot.cloudtrail?.trails ?? []) trail.logFileValidationEnabled = true;
  const iam = snapshot.iam;
  if (iam) {
    for (const row of iam.credentialReport ?? []) {
      if (row.user !== '<root_account>') continue;
      row.mfaActive = true;
      row.accessKeys = row.accessKeys.map((key) => ({ ...key, active: false }));
    }
    if (iam.accountSummary) iam.accountSummary = { accountMfaEnabled: true, accountAccessKeysPresent: false };
  }
  for (const group of snapshot.ec2?.securityGroups ?? []) {
    group.ingress = group.ingress.map((rule) => (opensAdminPort(rule) ? closeToWorld(rule) : rule));
  }
}

function remediateAzure(snapshot: AzureSnapshot): AzureSnapshot {
  for (const account of snapshot.storage?.accounts ?? []) {
    account.enableHttpsTrafficOnly = true;
    account.minimumTlsVersion = 'TLS1_2';
  }
  return snapshot;
}

function opensAdminPort(rule: SecurityGroupRule): boolean {
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return rule.ipProtocol !== '-1' && ADMIN_PORTS.some((port) => from <= port && port <= to);
}

function closeToWorld(rule: SecurityGroupRule): SecurityGroupRule {
  return {
    ...rule,
    ipv4Ranges: rule.ipv4Ranges.filter((r) => !WORLD.has(r)),
    ipv6Ranges: rule.ipv6Ranges.filter((r) => !WORLD.has(r)),
  };
}

function fullyBlocked(bucket: S3Bucket): boolean {
  const block = bucket.publicAccessBlock;
  return Boolean(
    block &&
    block.blockPublicAcls &&
    block.ignorePublicAcls &&
    block.blockPublicPolicy &&
    block.restrictPublicBuckets,
  );
}
