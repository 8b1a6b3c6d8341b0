import { describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../source/app/credentials.js';
import type { IdentityCheck, VerifyTarget } from '../../source/collect/identity.js';
import type { Session } from '../../source/ui/session.js';
import { KEY, renderForTest, sessionForTest, startGuided } from './harness.js';

const AZURE_CLI: VerifyTarget = { provider: 'azure', via: 'cli' };
const FOUND: CredentialSource[] = [
  {
    provider: 'aws',
    kind: 'SSO profile',
    label: 'prod-audit (account 111122223333)',
    target: { provider: 'aws', from: 'profile', profile: 'prod-audit', sso: true },
  },
  {
    provider: 'aws',
    kind: 'credentials file profile',
    label: 'legacy-deployer',
    note: 'long-lived access keys in ~/.aws/credentials; prefer SSO',
    target: { provider: 'aws', from: 'profile', profile: 'legacy-deployer', sso: false },
  },
  {
    provider: 'azure',
    kind: 'Azure CLI login',
    label: 'dana@ledgerline.example · Production (default)',
    target: AZURE_CLI,
  },
  {
    provider: 'azure',
    kind: 'Azure CLI login',
    label: 'dana@ledgerline.example · Sandbox',
    target: AZURE_CLI,
  },
];

async function connectScreen(
  credentials: CredentialSource[],
  providers?: ('aws' | 'azure')[],
  verifyIdentity?: Session['verifyIdentity'],
) {
  const session = await sessionForTest({ credentials, ...(verifyIdentity ? { verifyIdentity } : {}) });
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

  it('continues to the scan on the demo estate, first in the menu when no credential works', async () => {
    const { app, session } = await connectScreen([]);
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

  it('shows who each credential signs in as, or why it cannot, asking once per credential', async () => {
    const asked: VerifyTarget[] = [];
    const answers: Record<string, IdentityCheck> = {
      'prod-audit': {
        ok: true,
        identity: 'arn:aws:sts::111122223333:assumed-role/SecurityAudit/dana',
        account: '111122223333',
      },
      'legacy-deployer': {
        ok: false,
        kind: 'InvalidCredentials',
        problem: 'The security token included in the request is invalid.',
        nextStep:
          'AWS does not accept this access key (deleted, deactivated or mistyped): use SSO or a new key',
      },
    };
    let answerAzure: (check: IdentityCheck) => void = () => {};
    const { app } = await connectScreen(FOUND, undefined, (target) => {
      asked.push(target);
      if (target.provider === 'azure') return new Promise((resolve) => (answerAzure = resolve));
      return Promise.resolve(answers[target.from === 'profile' ? target.profile : '']!);
    });
    await app.waitFor('assumed-role/SecurityAudit/dana');
    const flat = () => app.frame().replace(/\s+/g, ' ');
    expect(flat()).toContain(
      'prod-audit (account 111122223333) ✓ arn:aws:sts::111122223333:assumed-role/SecurityAudit/dana',
    );
    expect(flat()).toContain(
      '✗ The security token included in the request is invalid.: AWS does not accept this access key (deleted, deactivated or mistyped): use SSO or a new key',
    );
    // The Azure CLI is still being asked; its two subscriptions wait on one answer, and the menu is usable.
    expect(app.frame().match(/asking who this is/g)).toHaveLength(2);
    expect(app.selected()).toContain('Scan my AWS account (read-only)');
    expect(app.frame().replace(/\s+/g, ' ')).toContain(
      'Scanning reads this AWS account with Get, List and Describe calls only: nothing is changed.',
    );
    expect(asked.filter((t) => t.provider === 'azure')).toHaveLength(1);
    answerAzure({ ok: true, identity: 'dana@ledgerline.example', account: 'tenant 72f988bf' });
    await app.waitFor('✓ dana@ledgerline.example · tenant 72f988bf');
    expect(app.frame().match(/✓ dana@ledgerline\.example · tenant 72f988bf/g)).toHaveLength(2);
    expect(app.frame()).not.toContain('asking who this is');
    expect(asked).toHaveLength(3);
  });

  it('asks only about the providers in scope', async () => {
    const asked: VerifyTarget[] = [];
    await connectScreen(FOUND, ['aws'], async (target) => {
      asked.push(target);
      return { ok: true, identity: 'x' };
    });
    expect(asked.map((t) => t.provider)).toEqual(['aws', 'aws']);
  });

  it('scans the verified AWS accounts (once per account) and Azure login live, and remembers the choice for re-runs', async () => {
    const seen: Parameters<Session['scan']>[0][] = [];
    const session = await sessionForTest({
      credentials: FOUND,
      verifyIdentity: async (target) =>
        target.provider === 'aws' && target.from === 'profile' && target.profile === 'legacy-deployer'
          ? { ok: false, kind: 'InvalidCredentials', problem: 'revoked' }
          : {
              ok: true,
              identity: 'arn:aws:sts::111122223333:assumed-role/SecurityAudit/dana',
              account: '111122223333',
            },
      // The scan itself runs on the demo estate here; what matters is what the screen asked for.
      scan: (real) => (options) => {
        seen.push(options);
        return real({ ...options, demo: true });
      },
    });
    // Started without --demo, as a user with credentials would.
    const app = renderForTest({ ...session, demo: false });
    await startGuided(app, 'connect');
    await app.waitFor('Scan my AWS account and Azure subscriptions (read-only)');
    expect(app.frame().replace(/\s+/g, ' ')).toContain(
      'Scanning reads this AWS account and every Azure subscription your login can read with Get, List and Describe calls only: nothing is changed.',
    );
    expect(app.selected()).toContain('Scan my AWS account and Azure subscriptions (read-only)');
    await app.press(KEY.enter);
    await app.waitFor('Recorded run');
    const prodAudit = FOUND[0]!.target;
    expect(session.workspace.data.scope.aws).toEqual([prodAudit]);
    expect(session.workspace.data.scope.azure).toEqual([AZURE_CLI]);
    expect(seen).toMatchObject([{ demo: false, aws: [prodAudit], azure: [AZURE_CLI] }]);
  });

  it('goes back to the demo estate when the user continues on it', async () => {
    const session = await sessionForTest({ credentials: FOUND });
    await session.workspace.setScope({ ...session.workspace.data.scope, aws: [FOUND[0]!.target as never] });
    const app = renderForTest(session);
    await startGuided(app, 'connect');
    await app.waitFor('Continue on the demo estate');
    await app.press(KEY.down, KEY.enter);
    await app.waitFor('Recorded run');
    expect(session.workspace.data.scope.aws).toEqual([]);
    expect(session.workspace.latestRun()?.source).toBe('demo');
  });
});
