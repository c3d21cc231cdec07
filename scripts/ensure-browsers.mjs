// Chromium and Firefox ESR come from Debian (test tools cannot download
// browsers here). Installs them when missing and we are root; otherwise says
// exactly what to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export function ensureBrowsers({ firefox = true } = {}) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (firefox && !existsSync(FIREFOX)) missing.push('firefox-esr');
  if (!missing.length) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() === 0) {
    console.log(`Installing ${missing.join(', ')} from Debian: ${cmd}`);
    execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`Dealside needs ${missing.join(' and ')} from Debian. Run:\n  sudo sh -c '${cmd}'`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureBrowsers();
