import { defineConfig } from 'wxt';
import { CRM_MATCHES } from './lib/crm/match-patterns';

// Manifest is built from code so the content-script match patterns, the
// web-accessible sidebar and the host list can never drift apart.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Dealside',
    description:
      'Sales coaching beside your CRM: commitments, next steps, a 1–5 scorecard and call reviews. Your data never leaves the browser.',
    permissions: ['storage', 'unlimitedStorage'],
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
              resources: ['sidebar.html'],
              matches: CRM_MATCHES,
              // A fresh URL per session so a page cannot guess and frame it itself.
              use_dynamic_url: true,
            },
          ],
    ...(browser === 'firefox'
      ? {
          web_accessible_resources: ['sidebar.html'],
          browser_specific_settings: {
            gecko: { id: 'dealside@dealside.app', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
