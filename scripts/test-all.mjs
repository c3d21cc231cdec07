#!/usr/bin/env node
// `npm test`: every check Dealside has, in order, on this machine:
//   typecheck → unit tests → Chrome build → content-script size → Firefox build + web-ext lint
//   → end-to-end in Chromium → Firefox smoke test.
// Prints one line per stage and a final "N passed, N failed" over every test and check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBrowsers } from './ensure-browsers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'test-results');
mkdirSync(OUT, { recursive: true });
const results = [];
const started = Date.now();

function run(name, cmd, args, { env = {}, count } = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = res.status === 0;
  let passed = ok ? 1 : 0;
  let failed = ok ? 0 : 1;
  if (count) {
    const c = count();
    if (c) {
      passed = c.passed;
      // a runner that crashed before reporting still counts as a failure
      failed = c.failed + (ok || c.failed ? 0 : 1);
    }
  }
  results.push({ name, ok, passed, failed, seconds: (Date.now() - t0) / 1000 });
  return ok;
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

ensureBrowsers();
const npx = (...args) => ['npx', args];

run('typecheck', ...npx('tsc', '--noEmit'));

const vitestJson = join(OUT, 'vitest.json');
rmSync(vitestJson, { force: true });
run('unit tests', ...npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`), {
  count: () => {
    const r = readJson(vitestJson);
    // a skipped or to-do test is one that did not run: it counts against the run, not for it
    return r && { passed: r.numPassedTests, failed: r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
  },
});

const built = run('build (Chrome MV3)', ...npx('wxt', 'build'));
if (built) run('content script ≤ 25 KB minified', 'node', ['scripts/check-size.mjs']);
const builtFirefox = run('build (Firefox)', ...npx('wxt', 'build', '-b', 'firefox'));
if (builtFirefox) run('web-ext lint (Firefox, no errors)', ...npx('web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted'));

if (built) {
  const pwJson = join(OUT, 'playwright.json');
  rmSync(pwJson, { force: true });
  run('end-to-end (Chromium)', ...npx('playwright', 'test', '--reporter=list,json'), {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson },
    count: () => {
      const r = readJson(pwJson);
      return r?.stats && { passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.stats.skipped ?? 0) };
    },
  });
}
if (builtFirefox && existsSync(join(ROOT, 'test/firefox/smoke.mjs'))) {
  run('smoke test (Firefox ESR, WebDriver BiDi)', 'node', ['test/firefox/smoke.mjs']);
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\n── Dealside test summary ──');
for (const r of results) {
  console.log(`${r.ok ? '✔' : '✘'} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
}
console.log(`\n${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
