import type { WxtViteConfig } from 'wxt';

// WXT's own Vite (the top-level `vite` package is vitest's and may differ)
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/** V8's explicit compile hint (Chrome 136+): compile every function of this file eagerly. */
export const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Build step: puts V8's "compile everything now" comment at the top of the
 * deal reader (crm-reader.js) after minification (which strips comments).
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
