import { describe, expect, it } from 'vitest';
import { KEY, pause, renderForTest, sessionForTest } from './harness.js';

describe('Home', () => {
  it('offers a new assessment, names its keys, and shows there is no run yet', async () => {
    const app = renderForTest(await sessionForTest());
    await pause();
    const frame = app.frame();
    expect(frame).toContain('Start a new assessment');
    expect(frame).toContain('No run yet');
    expect(frame).toMatch(/Enter choose/);
    expect(frame).toMatch(/q quit/);
  });

  it('starts the guided flow at the scope screen', async () => {
    const app = renderForTest(await sessionForTest());
    await pause();
    await app.press(KEY.enter);
    await app.waitFor('What is in scope');
    expect(app.frame()).toContain('new assessment');
  });
});
