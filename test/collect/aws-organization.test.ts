import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../source/app/content.js';
import { scanAndRecord } from '../../source/app/scan.js';
import { Workspace } from '../../source/store/workspace.js';
import { awsError, awsWire, denied, json, queryResult, type AwsRequest, type AwsWire } from './aws-wire.js';
import { ACCOUNT_ID, wholeAccount } from './fixtures/aws-account.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const MEMBER = '444455556666';
const SUSPENDED = '777788889999';
const MEMBER_KEY = 'ASIAMEMBERTEST000001';
const ROLE = 'SecurityAuditRole';

let wire: AwsWire | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await wire?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  wire = undefined;
  dir = undefined;
});

const signedBy = (request: AwsRequest, key: string) =>
  String(request.raw.headers.authorization).includes(key);

/** A management account (the fixture account) whose organization has one active member and one suspended. */
function organization(options: { denyAssume?: boolean; denyList?: boolean } = {}) {
  return (request: AwsRequest) => {
    const member = signedBy(request, MEMBER_KEY);
    switch (`${request.service}:${request.operation}`) {
      case 'sts:GetCallerIdentity':
        return queryResult(
          'GetCallerIdentity',
          `<Arn>arn:aws:sts::${member ? MEMBER : ACCOUNT_ID}:assumed-role/x/y</Arn><UserId>U</UserId><Account>${member ? MEMBER : ACCOUNT_ID}</Account>`,
        );
      case 'organizations:ListAccounts':
        if (options.denyList) return denied(request, 'organizations:ListAccounts');
        return json({
          Accounts: [
            { Id: ACCOUNT_ID, Name: 'ledgerline-management', State: 'ACTIVE', Status: 'ACTIVE' },
            { Id: MEMBER, Name: 'ledgerline-payments', State: 'ACTIVE', Status: 'ACTIVE' },
            { Id: SUSPENDED, Name: 'old-sandbox', State: 'SUSPENDED', Status: 'SUSPENDED' },
          ],
        });
      case 'sts:AssumeRole':
        if (options.denyAssume)
          return awsError(
            request,
            403,
            'AccessDenied',
            `User is not authorized to perform: sts:AssumeRole on resource: ${String(request.params.RoleArn)}`,
          );
        return queryResult(
          'AssumeRole',
          `<Credentials><AccessKeyId>${MEMBER_KEY}</AccessKeyId><SecretAccessKey>member-secret</SecretAccessKey><SessionToken>member-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/soc2-ready-read-only</Arn><AssumedRoleId>AROA:soc2</AssumedRoleId></AssumedRoleUser>`,
        );
      default:
        return wholeAccount(request);
    }
  };
}

async function scanOrganization(handler: (request: AwsRequest) => ReturnType<typeof wholeAccount>) {
  wire = await awsWire(handler);
  dir = await mkdtemp(join(tmpdir(), 'soc2-org-'));
  const workspace = await Workspace.open(join(dir, 'ws'), NOW);
  return scanAndRecord(workspace, await loadContent(), {
    demo: false,
    now: NOW,
    aws: [{ provider: 'aws', from: 'environment' }],
    regions: ['eu-west-1'],
    assumeRole: ROLE,
  });
}

describe('an AWS organization, account by account', () => {
  it('reads the management account directly and each active member through the role, skipping suspended ones', async () => {
    const { run, skipped } = await scanOrganization(organization());
    expect(skipped).toEqual([]);
    expect(run.snapshots.map((s) => s.scopeId).sort()).toEqual([ACCOUNT_ID, MEMBER].sort());
    const assume = wire!.calls.filter((c) => c.operation === 'AssumeRole');
    expect(assume.length).toBeGreaterThan(0);
    expect(assume.every((c) => c.params.RoleArn === `arn:aws:iam::${MEMBER}:role/${ROLE}`)).toBe(true);
    expect(wire!.calls.some((c) => String(c.params.RoleArn ?? '').includes(SUSPENDED))).toBe(false);
    // The member's reads are signed with the role's temporary key; the management account's are not.
    const memberReads = wire!.calls.filter((c) => signedBy(c, MEMBER_KEY));
    expect(memberReads.some((c) => c.operation === 'DescribeVpcs')).toBe(true);
    expect(
      wire!.calls.filter((c) => c.operation === 'DescribeVpcs' && !signedBy(c, MEMBER_KEY)).length,
    ).toBeGreaterThan(0);
    // Only reads, and STS's AssumeRole for the temporary keys.
    const writes = wire!.calls.filter(
      (c) => c.service !== 's3' && !/^(Get|List|Describe|Generate|AssumeRole$)/.test(c.operation),
    );
    expect(writes.map((c) => c.operation)).toEqual([]);
  });

  it('skips a member whose role cannot be assumed, saying why, and keeps the others', async () => {
    const { run, skipped } = await scanOrganization(organization({ denyAssume: true }));
    expect(run.snapshots.map((s) => s.scopeId)).toEqual([ACCOUNT_ID]);
    expect(run.partial).toBe(true);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain(`AWS account ledgerline-payments (role ${ROLE})`);
    expect(skipped[0]).toContain('sts:AssumeRole');
  });

  it('says what credential it needs when the accounts cannot be listed', async () => {
    await expect(scanOrganization(organization({ denyList: true }))).rejects.toThrow(
      /Use the management account's credential, or a delegated administrator's, with organizations:ListAccounts/,
    );
  });
});
