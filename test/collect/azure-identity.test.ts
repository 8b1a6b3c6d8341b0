import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenClaims } from '../../source/collect/azure/identity.js';
import { verifyIdentity } from '../../source/collect/identity.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';

function jwt(claims: Record<string, string>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

let bin: string;

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'soc2-fake-az-'));
  vi.stubEnv('PATH', `${bin}:${process.env.PATH ?? ''}`);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(bin, { recursive: true, force: true });
});

/** A stand-in for the Azure CLI: the SDK runs `az account get-access-token` through a shell. */
function fakeAz(script: string): void {
  const file = join(bin, 'az');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

describe('Azure identity (a Resource Manager token from the Azure CLI)', () => {
  it('names the signed-in user and tenant from the token, and asks for a Resource Manager token', async () => {
    const token = jwt({ upn: 'dana@ledgerline.example', tid: TENANT, oid: 'o-1' });
    const args = join(bin, 'args');
    fakeAz(
      `echo "$@" > ${args}\ncat <<'JSON'\n${JSON.stringify({ accessToken: token, expiresOn: '2099-01-01 00:00:00.000000', expires_on: 4070908800, tenant: TENANT, tokenType: 'Bearer' })}\nJSON`,
    );
    const result = await verifyIdentity({ provider: 'azure', via: 'cli' });
    expect(result).toEqual({ ok: true, identity: 'dana@ledgerline.example', account: `tenant ${TENANT}` });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(args, 'utf8')).toContain(
      'account get-access-token --output json --resource https://management.azure.com',
    );
  });

  it('names a service principal by its application id', async () => {
    const token = jwt({ appid: '0f0e0d0c-0000-4000-8000-00000000abcd', tid: TENANT });
    fakeAz(`cat <<'JSON'\n${JSON.stringify({ accessToken: token, expires_on: 4070908800 })}\nJSON`);
    const result = await verifyIdentity({ provider: 'azure', via: 'cli' });
    expect(result).toEqual({
      ok: true,
      identity: 'application 0f0e0d0c-0000-4000-8000-00000000abcd',
      account: `tenant ${TENANT}`,
    });
  });

  it('tells a user whose CLI session is gone to sign in again', async () => {
    fakeAz(`echo "ERROR: Please run 'az login' to setup account." >&2\nexit 1`);
    const result = await verifyIdentity({ provider: 'azure', via: 'cli' });
    expect(result).toMatchObject({
      ok: false,
      kind: 'InvalidCredentials',
      nextStep: 'sign in again: az login',
    });
  });

  it('says when the Azure CLI is not installed', async () => {
    vi.stubEnv('PATH', bin);
    const result = await verifyIdentity({ provider: 'azure', via: 'cli' });
    expect(result).toEqual({
      ok: false,
      kind: 'InvalidCredentials',
      problem: 'the Azure CLI is not installed',
      nextStep: 'install the Azure CLI, then az login',
    });
  });
});

describe('token claims', () => {
  it('reads only the identity claims and survives a malformed token', () => {
    expect(tokenClaims(jwt({ upn: 'a@b.example', tid: 't', secret: 'x' }))).toEqual({
      upn: 'a@b.example',
      tid: 't',
    });
    expect(tokenClaims('not-a-jwt')).toEqual({});
    expect(tokenClaims('a.%%%.c')).toEqual({});
  });
});
