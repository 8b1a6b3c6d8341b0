import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The tmux end-to-end tests drive the built app in a real terminal and take seconds each.
    testTimeout: 20_000,
  },
});
