import type { WxtViteConfig } from 'wxt';

// WXT's own Vite (the top-level `vite` package is vitest's and may differ)
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/** The entry WXT wraps every unlisted script in (node_modules/wxt/dist/virtual/unlisted-script-entrypoint.mjs). */
const WXT_ENTRY = 'virtual:wxt-unlisted-script-entrypoint?';
const BARE_ENTRY = '\0dealside-bare-unlisted-entry?';

/**
 * Build step: each unlisted script (the CRM content script's two stages, the calls
 * script, the popup's and pages' early scripts) starts from a bare entry that calls
 * its `main()` and exports what it returns, in place of WXT's wrapper around the same call.
 *
 * Why: the wrapper's other work is dead weight in a build. It runs the WXT runtime
 * plugins (this project registers none: an empty function) and logs a crash on start-up
 * through a logger that prints nothing in production — but its code and messages are
 * still shipped: 511 B of `crm-reader.js` and 491 B of `crm-watch.js`, on a 25 KB
 * budget for the pair, and bytes every CRM page parses. The scripts' own errors still
 * reach the console as uncaught errors.
 */
export function bareUnlistedEntry(): Plugin {
  return {
    name: 'dealside:bare-unlisted-entry',
    enforce: 'pre', // before WXT's own resolution of the same id
    resolveId(id) {
      const at = id.indexOf(WXT_ENTRY);
      return at === -1 ? undefined : BARE_ENTRY + id.slice(at + WXT_ENTRY.length);
    },
    load(id) {
      if (!id.startsWith(BARE_ENTRY)) return undefined;
      return bareEntryCode(id.slice(BARE_ENTRY.length));
    },
  };
}

/** The entry module for the unlisted script at `inputPath` (its default export is `defineUnlistedScript(…)`). */
export function bareEntryCode(inputPath: string): string {
  // as WXT's own resolver does (vite's normalizePath): forward slashes on Windows too
  return `import definition from ${JSON.stringify(inputPath.replace(/\\/g, '/'))};\nexport default definition.main();\n`;
}

/**
 * The bare entry does not run WXT runtime plugins (`plugins` in wxt.config.ts): none is
 * registered, and a build with one must not silently leave it out.
 */
export function assertNoRuntimePlugins(plugins: readonly string[]): void {
  if (plugins.length)
    throw new Error(`WXT runtime plugins (${plugins.join(', ')}) are not run by scripts/vite-bare-unlisted-entry.ts: run them there, or drop the bare entry.`);
}
