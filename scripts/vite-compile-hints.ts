import type { WxtViteConfig } from 'wxt';

// WXT's own Vite (the top-level `vite` package is vitest's and may differ)
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/** V8's explicit compile hint (Chrome 136+): compile every function of this file eagerly. */
export const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** The files given the hint (wxt.config.ts): the CRM content script's two stages (why: below). */
export const EAGER_COMPILED = ['crm-reader.js', 'crm-watch.js'] as const;

/**
 * Build step: puts V8's "compile everything now" comment at the top of the
 * content scripts named (the deal reader, crm-reader.js; the first stage) after minification (which strips comments).
 *
 * Why: the reader is loaded with import(), so Chromium streams it and compiles
 * it off the page's main thread, but lazily: each function was then compiled
 * on the main thread the first time it ran, mostly inside the first read of
 * the record. Almost every function of the reader does run on a deal page, so
 * eager compilation costs nothing extra and moves that work off the CRM's main
 * thread (and into the code cache). Measured on the first deal page of a
 * session, same run for each pair (Chromium 156): 11.1 → 7.9 ms extra
 * ScriptDuration (9 runs each); 19.5 → 15.0 ms of script with promise
 * reactions counted (5 runs each, test/bench/lib.mjs scriptTimer).
 * The first stage (crm-watch.js, 2.6 KB, on every CRM page) gets it too: it is
 * compiled on the page's main thread either way, and in one pass costs less than
 * its functions compiled one by one as they first run: the 5,000-element
 * non-deal page's script time with Dealside 3.95 → 3.40 ms, medians of 21
 * interleaved visits each (−0.26 ms in a first run of 13; 2026-11-26).
 * Firefox and older Chromium read it as a comment.
 */
export function eagerCompileHint(fileNames: readonly string[]): Plugin {
  return {
    name: 'dealside:eager-compile-hint',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && fileNames.includes(chunk.fileName)) chunk.code = withEagerCompileHint(chunk.code);
      }
    },
  };
}

/** The hint must be the file's first line to count. */
export function withEagerCompileHint(code: string): string {
  return code.startsWith(EAGER_COMPILE_HINT) ? code : EAGER_COMPILE_HINT + code;
}
