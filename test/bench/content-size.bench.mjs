// Content-script weight: what every matching CRM page downloads and parses.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { result } from './lib.mjs';

const BUDGET_KB = 25;

export async function run({ extensionDir }) {
  const dir = join(extensionDir, 'content-scripts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return files.map((f) => {
    const buf = readFileSync(join(dir, f));
    const kb = buf.length / 1024;
    return result(
      `content script ${f} size (minified)`,
      kb,
      'KB',
      BUDGET_KB,
      `${(gzipSync(buf).length / 1024).toFixed(1)} KB gzipped`,
    );
  });
}
