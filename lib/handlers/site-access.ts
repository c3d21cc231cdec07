/**
 * The browser side of CRM sites a user adds (see crm-sites.ts): host
 * permissions, and one dynamic content-script registration for every added
 * site, running the same stage-one script as the manifest's CRM entry.
 */
import { browser } from 'wxt/browser';
import { SITE_SCRIPT_ID, type SiteAccess } from './crm-sites';

export function browserSiteAccess(): SiteAccess {
  return {
    granted: (pattern) => browser.permissions.contains({ origins: [pattern] }).catch(() => false),
    async runContentScriptOn(patterns) {
      const scripting = browser.scripting;
      if (!scripting?.registerContentScripts) return; // a browser without dynamic content scripts: the built-in CRMs still work
      const registered = await scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID] }).catch(() => []);
      // Synced again at each browser start and permission change: leave an identical registration alone.
      const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p) => b.includes(p));
      if (registered.length ? same(registered[0]!.matches ?? [], patterns) : !patterns.length) return;
      if (registered.length) await scripting.unregisterContentScripts({ ids: [SITE_SCRIPT_ID] });
      if (!patterns.length) return;
      await scripting.registerContentScripts([
        { id: SITE_SCRIPT_ID, matches: patterns, js: ['crm-watch.js'], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    },
  };
}
