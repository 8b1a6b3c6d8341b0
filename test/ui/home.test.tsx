import { afterEach, describe, expect, it } from 'vitest';
import { KEY, pause, renderApp, testSession } from './harness.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

describe('Home', () => {
  it('offers a new assessment, names its keys, and shows there is no run yet', async () => {
    const t = await testSession();
    cleanup = t.cleanup;
    const app = renderApp(t.session);
    await pause();
    const frame = app.frame();
    expect(frame).toContain('Start a new assessment');
    expect(frame).toContain('No run yet');
    expect(frame).toMatch(/Enter choose/);
    expect(frame).toMatch(/q quit/);
    app.unmount();
  });

  it('starts the guided flow at the scope screen', async () => {
    const t = await testSession();
    cleanup = t.cleanup;
    const app = renderApp(t.session);
    await pause();
    await app.press(KEY.enter);
    await app.waitFor('What is in scope');
    expect(app.frame()).toContain('new assessment');
    app.unmount();
  });
});
