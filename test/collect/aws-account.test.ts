import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../source/app/content.js';
import { scanAndRecord } from '../../source/app/scan.js';
import { collectAwsAccount } from '../../source/collect/aws/collect-account.js';
import { Workspace } from '../../source/store/workspace.js';
import { awsError, awsWire, denied, type AwsWire } from './aws-wire.js';
import { ACCOUNT_ID, ENABLED_REGIONS, wholeAccount } from './fixtures/aws-account.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOW = new Date('2026-11-27T10:00:00Z');
const ENV_TARGET = { provider: 'aws', from: 'environment' } as const;

let wire: AwsWire | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await wire?.close();
  wire = undefined;
});

const READ_ONLY = /^(Get|List|Describe|Generate(CredentialReport)?$)/;

describe('a live AWS account, read end to end on the wire', () => {
  it('reads every service into one snapshot, with only read calls and no unexpected errors', async () => {
    wire = await awsWire(wholeAccount);
    const snapshot = await collectAwsAccount(ENV_TARGET, { now: () => NOW });
    expect(snapshot).toMatchObject({
      provider: 'aws',
      source: 'live',
      accountId: ACCOUNT_ID,
      accountName: 'ledgerline-prod',
      regions: ENABLED_REGIONS,
      organization: { role: 'member', organizationId: 'o-exampleorgid', managementAccountId: '999988887777' },
      collectedAt: NOW.toISOString(),
    });
    for (const section of ['iam', 's3', 'kms', 'cloudtrail', 'ec2', 'config', 'logs'] as const)
      expect(snapshot[section], section).toBeDefined();
    // Every call the fixtures were not written for would show up here as NotStubbed.
    expect(snapshot.errors.filter((e) => e.message.includes('no answer for'))).toEqual([]);
    const writes = wire.calls.filter((c) =>
      c.service === 's3' ? !['GET', 'HEAD'].includes(c.raw.method) : !READ_ONLY.test(c.operation),
    );
    expect(writes.map((c) => `${c.service}:${c.operation}`)).toEqual([]);
    // Regional services were read in every enabled region, with clients signed for that region.
    for (const region of ENABLED_REGIONS)
      expect(
        wire.calls.some((c) => c.service === 'ec2' && c.operation === 'DescribeVpcs' && c.region === region),
      ).toBe(true);
  });

  it('reports each service as it starts and ends, so a screen can show the scan moving', async () => {
    wire = await awsWire(wholeAccount);
    const events: string[] = [];
    await collectAwsAccount(ENV_TARGET, {
      now: () => NOW,
      regions: ['eu-west-1'],
      onService: (service, state) => events.push(`${service}:${state}`),
    });
    const services = ['iam', 's3', 'kms', 'cloudtrail', 'ec2', 'config', 'logs'];
    for (const service of services) {
      expect(events).toContain(`${service}:reading`);
      expect(events.indexOf(`${service}:done`)).toBeGreaterThan(events.indexOf(`${service}:reading`));
    }
    expect(events).toHaveLength(services.length * 2);
  });

  it('reads only the regions asked for', async () => {
    wire = await awsWire(wholeAccount);
    const snapshot = await collectAwsAccount(ENV_TARGET, { now: () => NOW, regions: ['eu-west-1'] });
    expect(snapshot.regions).toEqual(['eu-west-1']);
    expect(wire.calls.filter((c) => c.operation === 'DescribeVpcs').map((c) => c.region)).toEqual([
      'eu-west-1',
    ]);
  });

  it('stops with the reason when the credential itself is refused', async () => {
    wire = await awsWire((request) =>
      request.operation === 'GetCallerIdentity'
        ? awsError(
            request,
            403,
            'InvalidClientTokenId',
            'The security token included in the request is invalid.',
          )
        : wholeAccount(request),
    );
    await expect(collectAwsAccount(ENV_TARGET, { now: () => NOW })).rejects.toThrow(
      'AWS keys in the environment: The security token included in the request is invalid.',
    );
    expect(wire.calls).toHaveLength(1);
  });

  it('keeps going when regions cannot be listed, and says so', async () => {
    wire = await awsWire((request) =>
      request.operation === 'DescribeRegions'
        ? denied(request, 'ec2:DescribeRegions')
        : wholeAccount(request),
    );
    const snapshot = await collectAwsAccount(ENV_TARGET, { now: () => NOW, regions: ['eu-west-1'] });
    expect(snapshot.regions).toEqual(['eu-west-1']);
    expect(snapshot.errors).toContainEqual(
      expect.objectContaining({
        operation: 'DescribeRegions',
        kind: 'AccessDenied',
        permission: 'ec2:DescribeRegions',
      }),
    );
  });

  it('records a live run in the workspace whose checks found the fixture account’s gaps', async () => {
    wire = await awsWire(wholeAccount);
    const dir = await mkdtemp(join(tmpdir(), 'soc2-live-'));
    try {
      const workspace = await Workspace.open(join(dir, 'ws'), NOW);
      const lines: string[] = [];
      const { run, findings, skipped } = await scanAndRecord(workspace, await loadContent(), {
        demo: false,
        now: NOW,
        aws: [ENV_TARGET],
        onProgress: (line) => lines.push(`${line.service} ${line.region ?? 'global'}`),
      });
      expect(skipped).toEqual([]);
      expect(run.source).toBe('live');
      expect(run.partial).toBeFalsy();
      expect(run.snapshots).toMatchObject([{ provider: 'aws', scopeId: ACCOUNT_ID }]);
      const failing = new Set(
        findings
          .filter((f) => f.status === 'FAIL' && f.source === 'check')
          .map((f) => f.checkId.split('-')[1]),
      );
      // Each service's fixture holds at least one failing resource.
      for (const service of ['iam', 's3', 'kms', 'cloudtrail', 'ec2', 'logs'])
        expect([...failing], service).toContain(service);
      expect(lines).toContain('iam global');
      expect(lines.some((l) => l.startsWith('s3 '))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cancelled while reading the first account: records nothing and says so', async () => {
    const abort = new AbortController();
    // The account answers slowly enough for the cancel to land mid-collection.
    wire = await awsWire((request) => {
      if (request.operation === 'GetAccountAuthorizationDetails') abort.abort();
      return wholeAccount(request);
    });
    const dir = await mkdtemp(join(tmpdir(), 'soc2-live-'));
    try {
      const workspace = await Workspace.open(join(dir, 'ws'), NOW);
      await expect(
        scanAndRecord(workspace, await loadContent(), {
          demo: false,
          now: NOW,
          aws: [ENV_TARGET],
          signal: abort.signal,
        }),
      ).rejects.toThrow('Cancelled before any account was read: nothing was recorded.');
      expect(workspace.runs).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
