import type { WxtViteConfig } from 'wxt';

// WXT's own Vite (the top-level `vite` package is vitest's and may differ)
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/**
 * Build step for the popup page only: takes the app's module script and its
 * modulepreload links out of popup.html and hands their addresses to
 * popup-early.js (data attributes), which adds them right after it has sent
 * this week's request.
 *
 * Why: with the ~250 KB of module code in the page, Chromium's preload scanner
 * fetches and compiles it while the early script is still waiting its turn;
 * measured here (15 opens), the early request then left ~16 ms later and its
 * answer came back ~20 ms later (2 cores: the background's read and the
 * module's compile compete). Loading the modules after the request keeps the read and
 * the start-up overlapping, as intended. Dev builds keep Vite's own tags.
 */
export function popupModulesAfterRequest(): Plugin {
  return {
    name: 'dealside:popup-modules-after-request',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (/[\\/]popup[\\/]index\.html$/.test(ctx.filename) ? modulesAfterEarlyScript(html) : html),
    },
  };
}

const EARLY_TAG = '<script src="/popup-early.js"></script>';
const MODULE_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/;
const PRELOAD_TAG = /<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g;

/** popup.html as Vite wrote it → the module script and preloads moved onto the early script's data attributes. */
export function modulesAfterEarlyScript(html: string): string {
  const entry = html.match(MODULE_TAG)?.[1];
  if (!html.includes(EARLY_TAG) || !entry) {
    throw new Error('popup.html: expected the popup-early script and one module script; the popup start-up order needs a look');
  }
  const preloads = [...html.matchAll(PRELOAD_TAG)].map((m) => m[1]);
  return html
    .replace(MODULE_TAG, '')
    .replace(PRELOAD_TAG, '')
    .replace(EARLY_TAG, `<script src="/popup-early.js" data-module="${entry}" data-preload="${preloads.join(' ')}"></script>`);
}
