import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { demoSnapshots } from '../../source/demo/estate.js';
import { evaluateChecks } from '../../source/evaluate/evaluate-checks.js';
import type { AwsSnapshot } from '../../source/model/aws-snapshot.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';
import type { Finding, Status } from '../../source/model/finding.js';

const AS_OF = new Date('2026-11-27T09:00:00Z');
const snapshots = demoSnapshots(AS_OF);
const awsSnapshots = snapshots.filter((s): s is AwsSnapshot => s.provider === 'aws');
const azureSnapshots = snapshots.filter((s): s is AzureSnapshot => s.provider === 'azure');
const findings = evaluateChecks(snapshots, ALL_CHECKS);

/**
 * Checks that cannot show both verdicts on a consistent estate, and why. Keep this short: anything else
 * missing a PASS or a FAIL means the estate should grow a resource, never that a check should change.
 */
const ONE_VERDICT_ONLY: Record<string, { missing: Status; why: string }> = {
  // The brief's story: a weak policy in one account and none in the other.
  'aws-iam-password-policy': { missing: 'PASS', why: 'neither account has a strong password policy' },
  // Ledgerline has one organization and one organization trail, which every member account sees.
  'aws-cloudtrail-organization-trail': { missing: 'FAIL', why: 'both accounts see the organization trail' },
  // Conditional Access is tenant-wide: one tenant gives one verdict. It fails MFA and passes devices.
  'azure-entra-ca-mfa': {
    missing: 'PASS',
    why: 'the tenant has one verdict, and its MFA policy is report-only',
  },
  'azure-entra-ca-compliant-device': { missing: 'FAIL', why: 'the tenant has one verdict, and it passes' },
};

/** Every `{ key, value, parent }` in a JSON tree, parents before children. */
function leaves(value: unknown, key = '', parent: Record<string, unknown> = {}) {
  const found: { key: string; value: unknown; parent: Record<string, unknown> }[] = [{ key, value, parent }];
  if (Array.isArray(value)) for (const item of value) found.push(...leaves(item, key, parent));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) found.push(...leaves(v, k, value as Record<string, unknown>));
  return found;
}

const strings = (value: unknown) =>
  leaves(value).filter(
    (l): l is { key: string; value: string; parent: Record<string, unknown> } => typeof l.value === 'string',
  );

/** Fields holding an ARN: `arn`, `...Arn` and the elements of `...Arns`. */
const arnsOf = (snapshot: AwsSnapshot) =>
  strings(snapshot).filter(
    ({ key, value }) => value.startsWith('arn:') && (key === 'arn' || /Arns?$/.test(key)),
  );

const statuses = (checkId: string) =>
  new Set(findings.filter((f) => f.checkId === checkId).map((f) => f.status));

describe('demo estate: shape', () => {
  it('holds two AWS accounts of one organization and two Azure subscriptions of one tenant', () => {
    const organizations = awsSnapshots.map((s) => s.organization?.organizationId);
    expect(organizations).toHaveLength(2);
    expect(organizations[0]).toMatch(/^o-/);
    expect(organizations[1]).toBe(organizations[0]);
    expect(new Set(awsSnapshots.map((s) => s.accountId)).size).toBe(2);
    expect(new Set(azureSnapshots.map((s) => s.tenantId)).size).toBe(1);
    expect(azureSnapshots.map((s) => s.subscriptionName)).toEqual([
      'ledgerline-payments-prod',
      'ledgerline-corp',
    ]);
  });

  it('is demo evidence collected at asOf, surviving a JSON round trip unchanged', () => {
    for (const snapshot of snapshots) {
      expect(snapshot.source).toBe('demo');
      expect(snapshot.collectedAt).toBe(AS_OF.toISOString());
      // Catches Dates, NaN and undefined inside arrays, which JSON would silently change.
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    }
  });

  it('dates nothing after asOf, except the expiry of credentials', () => {
    for (const snapshot of snapshots)
      for (const { key, value } of strings(snapshot))
        if (/^\d{4}-\d{2}-\d{2}T/.test(value) && key !== 'endDateTime')
          expect(Date.parse(value), `${key} ${value}`).toBeLessThanOrEqual(AS_OF.getTime());
  });

  it('moves with asOf: the same verdicts a thousand days later', () => {
    const later = new Date(AS_OF.getTime() + 1000 * 86_400_000);
    const verdicts = (list: Finding[]) => list.map((f) => `${f.checkId} ${f.resourceId} ${f.status}`).sort();
    expect(verdicts(evaluateChecks(demoSnapshots(later), ALL_CHECKS))).toEqual(verdicts(findings));
  });
});

describe('demo estate: ids and regions are consistent', () => {
  it('puts every AWS regional resource in one of its account regions, matching its ARN', () => {
    for (const snapshot of awsSnapshots)
      for (const { key, value, parent } of strings(snapshot)) {
        if (key === 'region' || key === 'homeRegion') expect(snapshot.regions, value).toContain(value);
        // S3 bucket ARNs carry no region.
        const arnRegion = value.split(':')[3];
        if (key === 'arn' && arnRegion && typeof parent.region === 'string')
          expect(arnRegion, value).toBe(parent.region);
      }
  });

  it("names the snapshot's account in every ARN, except S3, AWS-managed policies and the org trail", () => {
    for (const snapshot of awsSnapshots) {
      const management = snapshot.organization?.managementAccountId;
      for (const { value, parent } of arnsOf(snapshot)) {
        const account = value.split(':')[4];
        if (value.startsWith('arn:aws:s3:::') || value.startsWith('arn:aws:iam::aws:policy/')) continue;
        // Member accounts see the organization trail, which belongs to the management account.
        const owner = parent.isOrganizationTrail === true ? management : snapshot.accountId;
        expect(account, value).toBe(owner);
      }
    }
  });

  it('links AWS resources to things that exist: subnets, VPCs, buckets, log groups, policies', () => {
    const allBuckets = new Set(awsSnapshots.flatMap((s) => s.s3?.buckets.map((b) => b.name) ?? []));
    for (const snapshot of awsSnapshots) {
      const ec2 = snapshot.ec2;
      const vpcs = new Set(ec2?.vpcs.map((v) => v.vpcId));
      const subnets = new Set(ec2?.subnets.map((s) => s.subnetId));
      const ownBuckets = new Set(snapshot.s3?.buckets.map((b) => b.name));
      const logGroups = new Set(snapshot.logs?.logGroups.map((g) => g.arn));
      const policies = new Set(snapshot.iam?.policies.map((p) => p.arn));
      for (const subnet of ec2?.subnets ?? []) expect(vpcs).toContain(subnet.vpcId);
      for (const instance of ec2?.instances ?? []) expect(subnets).toContain(instance.subnetId);
      for (const group of ec2?.securityGroups ?? []) expect(vpcs).toContain(group.vpcId);
      for (const flow of ec2?.flowLogs ?? []) expect(vpcs).toContain(flow.resourceId);
      for (const trail of snapshot.cloudtrail?.trails ?? []) {
        // The organization trail's bucket sits in the management account, scanned as its own snapshot.
        expect(trail.isOrganizationTrail ? allBuckets : ownBuckets).toContain(trail.s3BucketName);
        if (trail.cloudWatchLogsLogGroupArn) expect(logGroups).toContain(trail.cloudWatchLogsLogGroupArn);
      }
      const attached = [
        ...(snapshot.iam?.users ?? []),
        ...(snapshot.iam?.roles ?? []),
        ...(snapshot.iam?.groups ?? []),
      ].flatMap((p) => p.attachedPolicyArns);
      for (const arn of attached) expect(policies, arn).toContain(arn);
      const users = snapshot.iam?.users.map((u) => u.userName) ?? [];
      expect(snapshot.iam?.credentialReport?.map((r) => r.user)).toEqual(['<root_account>', ...users]);
    }
  });

  it('keeps every Azure id in its own subscription and every location in the subscription locations', () => {
    for (const snapshot of azureSnapshots) {
      const own = `/subscriptions/${snapshot.subscriptionId}`.toLowerCase();
      for (const { key, value } of strings(snapshot)) {
        if (value.toLowerCase().startsWith('/subscriptions/'))
          expect(value.toLowerCase().startsWith(own), `${key} ${value}`).toBe(true);
        if (key === 'location') expect(snapshot.locations, value).toContain(value);
      }
    }
  });

  it('shares one tenant: the same Entra data in both subscriptions, every assigned app known to it', () => {
    const [payments, corp] = azureSnapshots;
    expect(corp?.entra).toEqual(payments?.entra);
    for (const snapshot of azureSnapshots) {
      const principals = new Set(snapshot.entra?.servicePrincipals?.map((sp) => sp.id));
      const storage = new Set(snapshot.storage?.accounts.map((a) => a.id));
      for (const a of snapshot.authorization?.roleAssignments ?? [])
        if (a.principalType === 'ServicePrincipal') expect(principals).toContain(a.principalId);
      for (const setting of snapshot.monitor?.activityLogDiagnosticSettings ?? [])
        if (setting.storageAccountId) expect(storage).toContain(setting.storageAccountId);
    }
  });
});

describe('demo estate: every check has something to say', () => {
  it('runs every check without it throwing', () => {
    const crashed = findings.filter((f) => f.reason.includes('the check failed on this snapshot'));
    expect(crashed.map((f) => `${f.checkId}: ${f.reason}`)).toEqual([]);
  });

  it.each(ALL_CHECKS.map((check) => check.id))(
    '%s shows both PASS and FAIL, unless listed in ONE_VERDICT_ONLY',
    (id) => {
      const seen = statuses(id);
      const exception = ONE_VERDICT_ONLY[id];
      for (const status of ['PASS', 'FAIL'] as const)
        if (exception?.missing === status)
          // Keep the exception list honest: once the estate shows the verdict, drop the exception.
          expect(
            seen.has(status),
            `${id} now shows ${status} (was: ${exception.why}); remove it from ONE_VERDICT_ONLY`,
          ).toBe(false);
        else expect(seen.has(status), `${id} shows no ${status}`).toBe(true);
    },
  );

  it('lists only existing checks as exceptions', () => {
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const id of Object.keys(ONE_VERDICT_ONLY)) expect(ids.has(id), id).toBe(true);
  });

  it('reports UNKNOWN, naming the failed call, where collection failed', () => {
    const unknown = findings.filter((f) => f.status === 'UNKNOWN').map((f) => f.reason);
    // The KYC bucket's policy denies the scan role; rotation status was throttled in us-east-1.
    expect(unknown.some((r) => r.includes('s3:GetEncryptionConfiguration'))).toBe(true);
    expect(unknown.some((r) => r.includes('Throttled') && r.includes('us-east-1'))).toBe(true);
    for (const error of snapshots.flatMap((s) => s.errors))
      expect(
        unknown.some((r) => r.includes(error.operation)),
        `no UNKNOWN names ${error.service} ${error.operation}`,
      ).toBe(true);
  });
});
