import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyIdentity, type VerifyTarget } from '../../source/collect/identity.js';
import {
  awsQueryError,
  localServer,
  type LocalServer,
  type Reply,
  type SeenRequest,
} from './local-server.js';

const CALLER = 'arn:aws:sts::111122223333:assumed-role/SecurityAudit/dana';
const SSO_PROFILE: VerifyTarget = {
  provider: 'aws',
  from: 'profile',
  profile: 'prod-audit',
  sso: true,
  region: 'eu-west-1',
};

function callerIdentity(arn = CALLER, account = '111122223333'): Reply {
  return {
    body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AROAEXAMPLEID:dana</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

/** The access key id a SigV4-signed request was signed with. */
const signedWith = (request: SeenRequest) =>
  /Credential=([A-Z0-9]+)\//.exec(String(request.headers.authorization))?.[1];

let home: string;
let server: LocalServer | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'soc2-aws-identity-'));
  mkdirSync(join(home, '.aws'));
  // Only what each test sets: no ambient profile, keys or metadata service.
  for (const name of Object.keys(process.env).filter((k) => k.startsWith('AWS_')))
    vi.stubEnv(name, undefined);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  rmSync(home, { recursive: true, force: true });
});

async function stsAnswering(answer: (request: SeenRequest) => Reply | undefined) {
  server = await localServer(answer);
  vi.stubEnv('AWS_ENDPOINT_URL_STS', server.url);
  return server;
}

describe('AWS identity (STS GetCallerIdentity on the wire)', () => {
  it('names the account and principal of environment keys, signing with those keys', async () => {
    const sts = await stsAnswering(() => callerIdentity());
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    const result = await verifyIdentity({ provider: 'aws', from: 'environment' });
    expect(result).toEqual({ ok: true, identity: CALLER, account: '111122223333' });
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.body).toContain('Action=GetCallerIdentity');
    expect(signedWith(sts.requests[0]!)).toBe('AKIAENVEXAMPLE000001');
  });

  it('uses the named profile from the credentials file, not another one', async () => {
    const sts = await stsAnswering(() => callerIdentity('arn:aws:iam::444455556666:user/ci', '444455556666'));
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = d\n' +
        '[legacy]\naws_access_key_id = AKIALEGACY0000000001\naws_secret_access_key = l\n',
    );
    const result = await verifyIdentity({ provider: 'aws', from: 'profile', profile: 'legacy', sso: false });
    expect(result).toEqual({
      ok: true,
      identity: 'arn:aws:iam::444455556666:user/ci',
      account: '444455556666',
    });
    expect(signedWith(sts.requests[0]!)).toBe('AKIALEGACY0000000001');
  });

  it('says a revoked or deleted access key is not accepted, and what to do', async () => {
    await stsAnswering(() =>
      awsQueryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
    );
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAREVOKED000000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'old');
    const result = await verifyIdentity({ provider: 'aws', from: 'environment' });
    expect(result).toEqual({
      ok: false,
      kind: 'InvalidCredentials',
      problem: 'The security token included in the request is invalid.',
      nextStep:
        'AWS does not accept this access key (deleted, deactivated or mistyped): use SSO or a new key',
    });
  });

  it('says expired temporary credentials have expired', async () => {
    await stsAnswering(() =>
      awsQueryError(403, 'ExpiredToken', 'The security token included in the request is expired'),
    );
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIATEMPORARY0000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 's');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session');
    const result = await verifyIdentity({ provider: 'aws', from: 'environment' });
    expect(result).toMatchObject({
      ok: false,
      kind: 'InvalidCredentials',
      nextStep: 'the temporary credentials have expired: get new ones and try again',
    });
  });

  it('says when a profile has no credentials at all, without calling AWS', async () => {
    const sts = await stsAnswering(() => callerIdentity());
    writeFileSync(join(home, '.aws', 'config'), '[profile empty]\nregion = eu-west-1\n');
    const result = await verifyIdentity({ provider: 'aws', from: 'profile', profile: 'empty', sso: false });
    expect(result).toMatchObject({
      ok: false,
      kind: 'InvalidCredentials',
      nextStep: 'check the profile "empty" in ~/.aws/config and ~/.aws/credentials',
    });
    expect(sts.requests).toHaveLength(0);
  });

  it('tells an SSO user whose session expired to sign in again', async () => {
    const sts = await stsAnswering(() => callerIdentity());
    writeSsoProfile(home, '2020-01-01T00:00:00Z');
    const result = await verifyIdentity(SSO_PROFILE);
    expect(result).toMatchObject({
      ok: false,
      kind: 'InvalidCredentials',
      nextStep: 'sign in again: aws sso login --profile prod-audit',
    });
    expect(sts.requests).toHaveLength(0);
  });

  it('signs in through SSO (role credentials from the portal) and names the assumed role', async () => {
    const endpoint = await stsAnswering((request) =>
      request.path.startsWith('/federation/credentials')
        ? {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              roleCredentials: {
                accessKeyId: 'ASIAFROMSSO000000001',
                secretAccessKey: 'from-sso',
                sessionToken: 'sso-session',
                expiration: Date.now() + 3_600_000,
              },
            }),
          }
        : callerIdentity(),
    );
    vi.stubEnv('AWS_ENDPOINT_URL_SSO', endpoint.url);
    writeSsoProfile(home, new Date(Date.now() + 3_600_000).toISOString());
    const result = await verifyIdentity(SSO_PROFILE);
    expect(result).toEqual({ ok: true, identity: CALLER, account: '111122223333' });
    const portal = endpoint.requests.find((r) => r.path.startsWith('/federation/credentials'))!;
    expect(portal.path).toContain('account_id=111122223333');
    expect(portal.path).toContain('role_name=SecurityAudit');
    const sts = endpoint.requests.find((r) => r.body.includes('GetCallerIdentity'))!;
    expect(signedWith(sts)).toBe('ASIAFROMSSO000000001');
  });

  it('gives up on a silent network within its deadline and says so', async () => {
    await stsAnswering(() => undefined);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    const started = Date.now();
    const result = await verifyIdentity({ provider: 'aws', from: 'environment' }, { timeoutMs: 400 });
    expect(result).toMatchObject({
      ok: false,
      kind: 'Network',
      nextStep: 'check the network or proxy, then try again',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

function writeSsoProfile(home: string, expiresAt: string): void {
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile prod-audit]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = SecurityAudit',
      'region = eu-west-1',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = eu-west-1',
      '',
    ].join('\n'),
  );
  // The AWS CLI caches the SSO token under the SHA-1 of the session name.
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'cached',
      expiresAt,
    }),
  );
}
