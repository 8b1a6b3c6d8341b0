import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsWire } from '../collect/aws-wire.js';
import { wholeAccount } from '../collect/fixtures/aws-account.js';
import { localServer, type LocalServer } from '../collect/local-server.js';
import { Terminal } from './tmux.js';

let terminal: Terminal | undefined;
let server: LocalServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  terminal?.stop();
  terminal = undefined;
  await server?.close();
  server = undefined;
});

describe('the built app in a real terminal (tmux, 100x30)', () => {
  it('runs a demo session from home to an exported Markdown plan and leaves cleanly', async () => {
    terminal = new Terminal();
    terminal.start();
    await terminal.waitFor('Start a new assessment');
    await terminal.keys('Enter');
    await terminal.waitFor('What is in scope');
    await terminal.keys('c');
    await terminal.waitFor('Continue on the demo estate');
    await terminal.keys('Enter');
    await terminal.waitFor('Recorded run');
    await terminal.keys('Enter');
    await terminal.waitFor('Your audit');
    await terminal.keys('Enter', 'Acme Assurance LLP', 'Enter', '2026-09-01', 'Enter', '2027-02-28', 'Enter');
    await terminal.waitFor('question 5 of');
    // Leave the rest for later: skip to the end of the questionnaire.
    for (let i = 0; i < 60 && !terminal.screen().includes('Questionnaire done'); i++)
      await terminal.keys('Tab');
    await terminal.waitFor('Questionnaire done');
    await terminal.keys('Enter');
    await terminal.waitFor('By criterion');
    await terminal.keys('n');
    const plan = await terminal.waitFor(/\d+ gaps/);
    expect(plan).toContain('Readiness: design');
    await terminal.keys('e');
    await terminal.waitFor('Export the plan');
    await terminal.keys('Enter');
    await terminal.waitFor('Where should it go?');
    await terminal.keys('Enter');
    await terminal.waitFor('Written:');
    const file = join(terminal.dir, 'soc2-plan.md');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('# SOC 2 Type II readiness plan');
    await terminal.keys('q');
    await terminal.waitFor('[exited 0]');
  });

  it('quits mid-questionnaire and resumes at the same question with the answers kept', async () => {
    terminal = new Terminal();
    terminal.start();
    await terminal.waitFor('Answer the questionnaire');
    await terminal.keys('Down', 'Enter');
    await terminal.waitFor('Your audit');
    await terminal.keys('Enter', 'Acme Assurance LLP', 'Enter');
    await terminal.waitFor('question 3 of');
    await terminal.keys('C-c');
    await terminal.waitFor('[exited 0]');

    terminal.restart();
    await terminal.waitFor(/Resume the questionnaire \(2 of \d+ answered\)/);
    await terminal.keys('Down', 'Enter');
    const screen = await terminal.waitFor('question 3 of');
    expect(screen).toContain('Your audit');
    await terminal.keys('Escape');
    await terminal.waitFor('Saved answer: Acme Assurance LLP');
  });

  it('respects NO_COLOR: the same screen with colour, then without', async () => {
    // Any SGR sequence that sets a colour or inverse video.
    // eslint-disable-next-line no-control-regex
    const styled = /\x1b\[[0-9;]*(3[0-7]|9[0-7]|7)m/;
    terminal = new Terminal();
    terminal.start();
    await terminal.waitFor('Start a new assessment');
    expect(terminal.screenWithStyles()).toMatch(styled);
    terminal.restart([], { NO_COLOR: '1' });
    await terminal.waitFor('Start a new assessment');
    expect(terminal.screenWithStyles()).not.toMatch(styled);
  });

  it('draws the session at a terminal even when CI is set (Ink would otherwise draw only on exit)', async () => {
    terminal = new Terminal();
    terminal.start([], { CI: 'true', CONTINUOUS_INTEGRATION: '1' });
    await terminal.waitFor('Start a new assessment');
    await terminal.keys('q');
    await terminal.waitFor('[exited 0]');
  });

  it('shows who the credentials on the machine sign in as, asking AWS STS and the Azure CLI', async () => {
    server = await localServer(() => ({
      body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ci-reader</Arn><UserId>AIDA1</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
    }));
    terminal = new Terminal();
    // An Azure CLI login: its profile file, and an `az` that hands out a token naming the user.
    mkdirSync(join(terminal.dir, '.azure'));
    writeFileSync(
      join(terminal.dir, '.azure', 'azureProfile.json'),
      JSON.stringify({
        subscriptions: [
          { id: 's1', name: 'Payments', isDefault: true, user: { name: 'dana@ledgerline.example' } },
        ],
      }),
    );
    const bin = join(terminal.dir, 'bin');
    mkdirSync(bin);
    const claims = Buffer.from(JSON.stringify({ upn: 'dana@ledgerline.example', tid: 'tenant-1' })).toString(
      'base64url',
    );
    writeFileSync(
      join(bin, 'az'),
      `#!/bin/sh\necho '{"accessToken": "h.${claims}.s", "expires_on": 4070908800}'\n`,
    );
    chmodSync(join(bin, 'az'), 0o755);

    terminal.start([], {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEREADER001',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      AWS_ENDPOINT_URL_STS: server.url,
    });
    await terminal.waitFor('Start a new assessment');
    await terminal.keys('Enter');
    await terminal.waitFor('What is in scope');
    await terminal.keys('c');
    const screen = await terminal.waitFor(
      /✓ dana@ledgerline\.example[\s\S]*✓ arn:aws|✓ arn:aws[\s\S]*✓ dana@ledgerline\.example/,
    );
    expect(screen).toContain('✓ arn:aws:iam::111122223333:user/ci-reader');
    expect(screen).toContain('✓ dana@ledgerline.example · tenant tenant-1');
    expect(screen.replace(/\s+/g, ' ')).toContain('a long-lived access key; prefer SSO or a role');
    expect(screen).not.toContain('not-a-real-secret');
    expect(server.requests).toHaveLength(1);
  });

  it('scans a live AWS account chosen on Connect, read-only, and re-runs it from home', async () => {
    const wire = await awsWire(wholeAccount);
    server = wire;
    terminal = new Terminal();
    terminal.start([], {
      AWS_ACCESS_KEY_ID: 'AKIAWIRETEST00000001',
      AWS_SECRET_ACCESS_KEY: 'wire-test-secret',
      AWS_ENDPOINT_URL: wire.url,
    });
    await terminal.waitFor('Start a new assessment');
    await terminal.keys('Enter');
    await terminal.waitFor('What is in scope');
    await terminal.keys('c');
    const connect = await terminal.waitFor('Scan my AWS account (read-only)');
    expect(connect.replace(/\s+/g, ' ')).toContain(
      'Scanning reads this AWS account with Get, List and Describe calls only',
    );
    await terminal.keys('Enter');
    const scanned = await terminal.waitFor('Recorded run', 30_000);
    expect(scanned).toMatch(/AWS ledgerline-prod +· iam +global/);
    expect(scanned).not.toMatch(/Warning|\(node:/);
    const calls = wire.calls.length;
    expect(
      wire.calls.every((c) => c.service === 's3' || /^(Get|List|Describe|Generate)/.test(c.operation)),
    ).toBe(true);
    // Home → re-run reads the same account again, not the demo estate.
    await terminal.keys('Escape');
    await terminal.waitFor('Re-run checks after remediation');
    await terminal.keys('q');
    await terminal.waitFor('[exited 0]');
    terminal.restart([], {
      AWS_ACCESS_KEY_ID: 'AKIAWIRETEST00000001',
      AWS_SECRET_ACCESS_KEY: 'wire-test-secret',
      AWS_ENDPOINT_URL: wire.url,
    });
    const home = await terminal.waitFor('Re-run checks after remediation');
    expect(home).toMatch(/Last run: .*ledgerline-prod/);
    for (let i = 0; i < 6 && !/❯ Re-run checks/.test(terminal.screen()); i++) await terminal.keys('Down');
    await terminal.keys('Enter');
    await terminal.waitFor('Recorded run', 30_000);
    expect(wire.calls.length).toBeGreaterThan(calls);
  }, 60_000);
});
