// `soc2-ready scan` against live AWS, as a real process: the built CLI reads a local stand-in for AWS
// that speaks the real wire protocols (AWS_ENDPOINT_URL), with a profile from a temporary ~/.aws.

import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsError, awsWire, type AwsWire } from '../collect/aws-wire.js';
import { azureWire, SUBSCRIPTION_ID } from '../collect/azure-wire.js';
import { ACCOUNT_ID, wholeAccount } from '../collect/fixtures/aws-account.js';
import { wholeTenant } from '../collect/fixtures/azure-subscription.js';

const CLI = resolve('dist/cli.js');
const run = promisify(execFile);

let wire: AwsWire | undefined;
let home: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await wire?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  wire = undefined;
  home = undefined;
});

/** The CLI in a fresh home with two profiles in ~/.aws/credentials, pointed at the wire. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  home ??= mkdtempSync(join(tmpdir(), 'soc2-live-cli-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[audit]\naws_access_key_id = AKIAAUDITPROFILE0001\naws_secret_access_key = a\n' +
      '[revoked]\naws_access_key_id = AKIAREVOKEDPROFILE01\naws_secret_access_key = r\n',
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: wire!.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: home, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The account, refusing every call signed with the revoked profile's key. */
function account(request: Parameters<typeof wholeAccount>[0]) {
  if (String(request.raw.headers.authorization).includes('AKIAREVOKEDPROFILE01'))
    return awsError(
      request,
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
  return wholeAccount(request);
}

describe('soc2-ready scan (live AWS and Azure, read-only)', () => {
  it('reads the account of a profile and records a live run; plan then works from it', async () => {
    wire = await awsWire(account);
    const scan = await cli(['scan', '--provider', 'aws', '--profile', 'audit', '--regions', 'eu-west-1']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    expect(scan.stdout).toMatch(/Recorded run \S+ in /);
    expect(scan.stdout).not.toContain('demo');
    expect(scan.stdout).toMatch(/Findings: \d+ failing, \d+ could not be assessed, \d+ passing\./);
    // Every call was signed with the profile's key.
    expect(
      wire.calls.every((c) => String(c.raw.headers.authorization).includes('AKIAAUDITPROFILE0001')),
    ).toBe(true);
    const plan = await cli(['plan', '--format', 'md']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(ACCOUNT_ID);
  });

  it('skips an account whose credential is refused, says why, and keeps the others', async () => {
    wire = await awsWire(account);
    const scan = await cli(['scan', '--profile', 'revoked', '--profile', 'audit', '--regions', 'eu-west-1']);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain(
      'skipped AWS profile revoked: The security token included in the request is invalid.',
    );
    expect(scan.stdout).toMatch(/Recorded run/);
  });

  it('exits 3 with the reason and the way out when no account can be read', async () => {
    wire = await awsWire(account);
    const scan = await cli(['scan', '--profile', 'revoked']);
    expect(scan.code).toBe(3);
    expect(scan.stderr).toContain(
      'AWS profile revoked: The security token included in the request is invalid.',
    );
    expect(scan.stderr).toContain('--demo');
  });

  it('reads the Azure subscriptions of an Azure CLI login (tokens from az, ARM and Graph on the wire)', async () => {
    const azure = await azureWire(wholeTenant);
    try {
      home = mkdtempSync(join(tmpdir(), 'soc2-live-cli-'));
      mkdirSync(join(home, '.azure'));
      writeFileSync(
        join(home, '.azure', 'azureProfile.json'),
        JSON.stringify({
          subscriptions: [
            {
              id: SUBSCRIPTION_ID,
              name: 'ledgerline-payments-prod',
              isDefault: true,
              user: { name: 'dana@ledgerline.example' },
            },
          ],
        }),
      );
      const bin = join(home, 'bin');
      mkdirSync(bin);
      writeFileSync(
        join(bin, 'az'),
        `#!/bin/sh\necho '{"accessToken": "header.e30.sig", "expires_on": 4070908800}'\n`,
      );
      chmodSync(join(bin, 'az'), 0o755);
      const env: NodeJS.ProcessEnv = {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: home,
        SOC2_READY_ARM_ENDPOINT: azure.url,
        SOC2_READY_GRAPH_ENDPOINT: azure.url,
        NODE_EXTRA_CA_CERTS: azure.caFile,
      };
      const scan = await run(process.execPath, [CLI, 'scan', '--provider', 'azure', '--json'], {
        cwd: home,
        env,
      });
      const result = JSON.parse(scan.stdout) as {
        findings: { checkId: string; status: string; scopeId?: string }[];
      };
      const failing = new Set(
        result.findings.filter((f) => f.status === 'FAIL').map((f) => f.checkId.split('-')[1]),
      );
      for (const service of ['storage', 'sql', 'network', 'keyvault', 'entra', 'authorization'])
        expect([...failing]).toContain(service);
      expect(result.findings.some((f) => f.scopeId === SUBSCRIPTION_ID)).toBe(true);
      expect(azure.calls.filter((c) => c.method !== 'GET')).toEqual([]);
      // Every authenticated call carries the CLI's token (Key Vault's first call goes without, for its challenge).
      const authenticated = azure.calls.filter((c) => c.headers.authorization);
      expect(authenticated.length).toBeGreaterThan(azure.calls.length / 2);
      expect(authenticated.every((c) => c.headers.authorization === 'Bearer header.e30.sig')).toBe(true);
    } finally {
      await azure.close();
    }
  });
});
