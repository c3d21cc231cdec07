import { defineConfig } from 'wxt';
import { createRequire } from 'node:module';
import { CRM_MATCHES } from './lib/crm/match-patterns';
import { popupModulesAfterRequest } from './scripts/vite-popup-modules-after-request';

const require = createRequire(import.meta.url);

// Manifest is built from code so the content-script match patterns, the
// web-accessible sidebar and the host list can never drift apart.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [popupModulesAfterRequest()] }),
  hooks: {
    // Content scripts run on every matching page and have a 25 KB budget; the
    // polyfill alone is ~10 KB. They send messages and answer with sendResponse
    // (synchronously), which Chrome MV3's and Firefox's native APIs do alike, so
    // they use WXT's plain `browser`. So does the popup's early-request script
    // (entrypoints/popup-early.ts), which must stay tiny to run first. Every
    // extension page keeps webextension-polyfill.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => ['crm', 'crm-reader', 'calls', 'popup-early'].includes(e.name))) return;
      const plain = require.resolve('wxt/browser');
      config.resolve ??= {};
      const alias = config.resolve.alias;
      if (Array.isArray(alias)) {
        for (const a of alias) if (a.find === 'wxt/browser') a.replacement = plain;
      } else {
        config.resolve.alias = { ...(alias ?? {}), 'wxt/browser': plain };
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Dealside',
    description:
      'Sales coaching beside your CRM: commitments, next steps, a 1–5 scorecard and call reviews. Your data never leaves the browser.',
    // activeTab + scripting: "Review this call" on any page the user picks, without a
    // broad host permission; contextMenus: the same from the page's menu.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus'],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: 'Show or hide the Dealside sidebar',
      },
    },
    web_accessible_resources:
      browser === 'firefox'
        ? undefined // MV2: set below by WXT from `web_accessible_resources` array form
        : [
            {
              // the sidebar frame, and the deal reader the content script loads on deal pages
              resources: ['sidebar.html', 'crm-reader.js'],
              matches: CRM_MATCHES,
            },
            {
              // The call-review panel frame: on recording pages, and on any page the user
              // asked to review (activeTab). Framing grants no access to the page.
              resources: ['call-review.html'],
              matches: ['<all_urls>'],
            },
          ],
    ...(browser === 'firefox'
      ? {
          web_accessible_resources: ['sidebar.html', 'crm-reader.js', 'call-review.html'],
          browser_specific_settings: {
            gecko: {
              id: 'dealside@dealside.app',
              strict_min_version: '115.0',
              // Dealside sends nothing anywhere: declare it to Firefox.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
