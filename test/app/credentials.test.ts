import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCredentials } from '../../source/app/credentials.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'soc2-credentials-'));
  mkdirSync(join(home, '.aws'));
  mkdirSync(join(home, '.azure'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const detect = (env: NodeJS.ProcessEnv = {}) => detectCredentials({ env, home });

describe('detectCredentials', () => {
  it('finds nothing on a machine without credentials', async () => {
    expect(await detect()).toEqual([]);
  });

  it('tells long-lived environment keys from temporary ones', async () => {
    const [longLived] = await detect({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 's3cr3t' });
    expect(longLived).toMatchObject({
      kind: 'environment',
      note: 'a long-lived access key; prefer SSO or a role',
      target: { provider: 'aws', from: 'environment' },
    });
    const [temporary] = await detect({
      AWS_ACCESS_KEY_ID: 'ASIA',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
    });
    expect(temporary?.label).toBe('temporary credentials in AWS_* variables');
    expect(temporary?.note).toBeUndefined();
  });

  it('lists SSO, role and credentials-file profiles with what it takes to verify each, and no secret', async () => {
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
        '[profile auditor]',
        'role_arn = arn:aws:iam::444455556666:role/Auditor',
        'source_profile = legacy',
        '[profile region-only]',
        'region = us-east-1',
      ].join('\n'),
    );
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[legacy]\naws_access_key_id = AKIALEGACY\naws_secret_access_key = do-not-keep-me\n',
    );
    const found = await detect({ AWS_PROFILE: 'prod-audit' });
    expect(found.map((f) => [f.kind, f.label])).toEqual([
      ['SSO profile', 'prod-audit (account 111122223333), selected by AWS_PROFILE'],
      ['role profile', 'auditor'],
      ['credentials file profile', 'legacy'],
    ]);
    expect(found[0]!.target).toEqual({
      provider: 'aws',
      from: 'profile',
      profile: 'prod-audit',
      sso: true,
      region: 'eu-west-1',
    });
    expect(found[2]!.note).toBe('long-lived access keys in ~/.aws/credentials; prefer SSO');
    expect(JSON.stringify(found)).not.toContain('do-not-keep-me');
  });

  it('lists each Azure CLI subscription (the file starts with a byte-order mark) and service principals', async () => {
    writeFileSync(
      join(home, '.azure', 'azureProfile.json'),
      '\uFEFF' +
        JSON.stringify({
          subscriptions: [
            { id: 's1', name: 'Production', isDefault: true, user: { name: 'dana@ledgerline.example' } },
            { id: 's2', name: 'Sandbox', user: { name: 'dana@ledgerline.example' } },
          ],
        }),
    );
    const found = await detect({
      AZURE_CLIENT_ID: 'app-1',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_SECRET: 'sp-secret',
    });
    expect(found.map((f) => [f.kind, f.label, f.target])).toEqual([
      ['environment', 'service principal app-1 (client secret)', { provider: 'azure', via: 'environment' }],
      [
        'Azure CLI login',
        'dana@ledgerline.example · Production (default)',
        { provider: 'azure', via: 'cli' },
      ],
      ['Azure CLI login', 'dana@ledgerline.example · Sandbox', { provider: 'azure', via: 'cli' }],
    ]);
    expect(found[0]!.note).toBe('a client secret; prefer a managed identity or federation');
    expect(JSON.stringify(found)).not.toContain('sp-secret');
  });

  it('ignores an Azure CLI profile it cannot read instead of failing', async () => {
    writeFileSync(join(home, '.azure', 'azureProfile.json'), '{ not json');
    expect(await detect()).toEqual([]);
  });
});
