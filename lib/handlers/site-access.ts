/**
 * The browser side of CRM sites a user adds (see crm-sites.ts): host
 * permissions, and one dynamic content-script registration for every added
 * site, running the same stage-one script as the manifest's CRM entry; and
 * the tabs already open on a site when it is added or removed.
 */
import { browser } from 'wxt/browser';
import { SITE_SCRIPT_ID, type SiteAccess } from './crm-sites';
import { siteChangedInPage } from '../page/reader-calls';

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
    async updateOpenTabs(pattern, start) {
      // Finding tabs by address needs the site's access, which Dealside holds here (added, or not yet given back).
      const tabs = await browser.tabs.query({ url: pattern }).catch(() => []);
      for (const { id } of tabs) {
        if (id === undefined) continue;
        const target = { tabId: id, frameIds: [0] };
        // a reader already running there (the site added again with another CRM, or removed)
        await browser.scripting?.executeScript({ target, func: siteChangedInPage }).catch(() => undefined);
        // the stage-one script, where it is not running yet (it runs only once per page: entrypoints/crm-watch.ts)
        if (start) await browser.scripting?.executeScript({ target, files: ['/crm-watch.js'] }).catch(() => undefined);
      }
    },
  };
}
