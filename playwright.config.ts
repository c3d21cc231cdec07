import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (a persistent
// context per test keeps IndexedDB and storage apart). The machine has two
// cores: one worker keeps timings honest and runs stable.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  retries: 0,
  // a stray test.only fails the run instead of leaving every other test unrun
  forbidOnly: true,
  // A build that breaks the extension fails every test slowly (each waits for a background
  // that never comes): stop after this many, so CI answers in minutes, not half an hour.
  maxFailures: 15,
  reporter: [['list']],
  // Tests launch their own persistent contexts (extensions need one); Playwright's trace
  // recorder does not own them, so it stays off.
  use: { trace: 'off' },
});
