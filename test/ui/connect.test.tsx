import { describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../source/app/credentials.js';
import { KEY, renderForTest, sessionForTest, startGuided } from './harness.js';

const FOUND: CredentialSource[] = [
  { provider: 'aws', kind: 'SSO profile', label: 'prod-audit (account 111122223333)' },
  {
    provider: 'aws',
    kind: 'credentials file profile',
    label: 'legacy-deployer',
    note: 'long-lived access keys in ~/.aws/credentials; prefer SSO',
  },
  { provider: 'azure', kind: 'Azure CLI login', label: 'dana@ledgerline.example · Production (default)' },
];

async function connectScreen(credentials: CredentialSource[], providers?: ('aws' | 'azure')[]) {
  const session = await sessionForTest({ credentials });
  if (providers) await session.workspace.setScope({ ...session.workspace.data.scope, providers });
  const app = renderForTest(session);
  await startGuided(app, 'connect');
  return { session, app };
}

describe('Connect', () => {
  it('lists the credentials found, with their notes', async () => {
    const { app } = await connectScreen(FOUND);
    expect(app.frame()).toContain('AWS · SSO profile: prod-audit (account 111122223333)');
    expect(app.frame().replace(/\s+/g, ' ')).toContain(
      'AWS · credentials file profile: legacy-deployer (long-lived access keys in ~/.aws/credentials; prefer SSO)',
    );
    expect(app.frame()).toContain('Azure · Azure CLI login: dana@ledgerline.example · Production (default)');
    expect(app.frame()).not.toContain('None found');
    expect(app.frame()).toMatch(/↑↓ move · Enter choose · Esc home · q quit/);
  });

  it('lists only the providers in scope', async () => {
    const { app } = await connectScreen(FOUND, ['azure']);
    expect(app.frame()).toContain('Azure · Azure CLI login');
    expect(app.frame()).not.toContain('prod-audit');
    expect(app.frame()).not.toContain('legacy-deployer');
  });

  it('says what to do when nothing is found', async () => {
    const { app } = await connectScreen([]);
    expect(app.frame()).toContain('None found for AWS or Azure.');
    expect(app.frame()).toContain('aws configure sso');
    expect(app.frame()).toContain('az login');
    expect(app.frame()).toContain('Continue on the demo estate');
  });

  it('gives only the next steps for the providers in scope', async () => {
    const { app } = await connectScreen([FOUND[0]!], ['azure']);
    expect(app.frame()).toContain('None found for Azure.');
    expect(app.frame()).toContain('az login');
    expect(app.frame()).not.toContain('aws configure sso');
  });

  it('continues to the scan on the demo estate', async () => {
    const { app, session } = await connectScreen(FOUND);
    expect(app.selected()).toContain('Continue on the demo estate');
    await app.press(KEY.enter);
    await app.waitFor('Recorded run');
    expect(app.frame()).toContain('Scan (new assessment)');
    expect(session.workspace.latestRun()?.source).toBe('demo');
  });

  it('goes back home from the menu or with Esc', async () => {
    const { app } = await connectScreen([]);
    await app.press(KEY.down);
    expect(app.selected()).toContain('Back to home');
    await app.press(KEY.enter);
    await app.waitFor('Start a new assessment');

    await startGuided(app, 'connect');
    await app.press(KEY.escape);
    await app.waitFor('Start a new assessment');
    expect(app.frame()).not.toContain('Cloud credentials');
  });
});
