#!/usr/bin/env node
// `npm run bench`: builds Dealside, runs every benchmark module in
// test/bench/*.bench.mjs against a baseline in the same run, prints a table and
// writes bench-results/latest.json (and, with --write-readme, the README table).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, EXTENSION_DIR, ROOT, RUNS } from '../test/bench/lib.mjs';

const args = new Set(process.argv.slice(2));
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
// The README's table is one run of every benchmark on one commit: a filtered run writes its own file.
if (args.has('--write-readme') && (only || process.env.BENCH_CASE)) {
  console.error('--write-readme needs the full run (no module name, no BENCH_CASE).');
  process.exit(2);
}

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
  process.exit(2);
}
if (!args.has('--no-build')) {
  console.log('Building the Chrome extension (wxt build)…');
  execSync('npx wxt build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const benchDir = join(ROOT, 'test/bench');
const modules = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !only || f.includes(only))
  .sort();

const results = [];
let failed = false;
for (const file of modules) {
  console.log(`\n▶ ${file} (${RUNS} runs each)`);
  const mod = await import(pathToFileURL(join(benchDir, file)).href);
  try {
    const rows = await mod.run({ chromiumPath: CHROMIUM, extensionDir: EXTENSION_DIR, runs: RUNS });
    for (const r of rows) {
      results.push({ module: file, ...r });
      const budget = r.reference ? 'reference, no budget' : `budget ≤ ${r.budget} ${r.unit}`;
      console.log(`  ${r.reference ? '·' : r.pass ? '✓' : '✗'} ${r.name}: ${r.value} ${r.unit} (${budget})${r.detail ? ` — ${r.detail}` : ''}`);
      if (!r.pass) failed = true;
    }
  } catch (e) {
    failed = true;
    console.error(`  ✗ ${file} crashed: ${e.stack ?? e}`);
    results.push({ module: file, name: `${file} crashed`, value: NaN, unit: '', budget: NaN, pass: false, detail: String(e.message ?? e) });
  }
}

mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const commitOf = () => {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: ROOT }).toString().trim() !== '';
    return `${sha}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
};
const stamp = { at: new Date().toISOString(), commit: commitOf(), runs: RUNS, chromium: execSync(`${CHROMIUM} --version`).toString().trim(), only: only ?? process.env.BENCH_CASE ?? null, results };
const resultsFile = only || process.env.BENCH_CASE ? 'bench-results/partial.json' : 'bench-results/latest.json';
writeFileSync(join(ROOT, resultsFile), JSON.stringify(stamp, null, 2));

const table = [
  '| Benchmark | Median | Budget | Result | Detail |',
  '|---|---|---|---|---|',
  ...results.map((r) =>
    r.reference
      ? `| ${r.name} | ${r.value} ${r.unit} | — | reference | ${r.detail ?? ''} |`
      : `| ${r.name} | ${r.value} ${r.unit} | ≤ ${r.budget} ${r.unit} | ${r.pass ? 'pass' : '**FAIL**'} | ${r.detail ?? ''} |`,
  ),
].join('\n');
console.log(`\n${table}\n\nWritten ${resultsFile} (commit ${stamp.commit})`);

if (args.has('--write-readme')) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const block = `<!-- bench:start -->\n_${stamp.chromium}, ${RUNS} runs per figure, measured ${stamp.at.slice(0, 10)} on a 2-core machine, commit ${stamp.commit}._\n\n${table}\n<!-- bench:end -->`;
  if (/<!-- bench:start -->[\s\S]*<!-- bench:end -->/.test(readme)) {
    writeFileSync(readmePath, readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block));
    console.log('README benchmark table updated.');
  } else console.warn('README has no <!-- bench:start --> marker; not updated.');
}
process.exit(failed ? 1 : 0);
