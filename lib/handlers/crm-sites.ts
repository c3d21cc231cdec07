/**
 * CRM sites a user adds (Options → CRM sites): their CRM at an address
 * Dealside does not know. Options asks the browser for the site's host
 * permission first (it must: only a click can), then sends `sites/add`; the
 * background keeps the list in settings and registers the CRM content script
 * for every listed site it has permission for. The content script on such a
 * site asks `page/siteCrm` which CRM to read it as.
 *
 * The browser calls are passed in (`SiteAccess`), so the rules here are
 * unit-tested with plain objects.
 */
import type { ChangeEvent, RequestOf, ResponseMap } from '../messages/protocol';
import { HandlerError } from '../messages/router';
import type { SenderLike } from '../messages/senders';
import type { DB } from '../db/open';
import { applySettingsChange, getSettings, storedSettings } from '../db/settings';
import { MAX_CRM_SITES, crmForOrigin, parseSiteAddress, shownHost, sitePattern } from '../crm/crm-sites';
import type { CrmSite } from '../model';

/** The content-script registration every added site shares (one id: replaced as a whole). */
export const SITE_SCRIPT_ID = 'dealside-crm-sites';

export interface SiteAccess {
  /** does Dealside hold this host permission ("https://host/*")? */
  granted(pattern: string): Promise<boolean>;
  /** run the CRM content script on exactly these match patterns (none: on no added site) */
  runContentScriptOn(patterns: string[]): Promise<void>;
  /**
   * Tabs already open on the site (`pattern`) take the change without a reload:
   * a deal reader running there asks again which CRM the site runs (none, once
   * removed), and with `start` the content script starts where it is not running.
   * Never fails: a tab that cannot be reached shows the change when it reloads.
   */
  updateOpenTabs(pattern: string, start: boolean): Promise<void>;
}

export interface CrmSiteDeps {
  db: () => Promise<DB>;
  access: SiteAccess;
  broadcast?: (event: ChangeEvent) => Promise<void> | void;
  now?: () => Date;
}

type SiteTypes = 'sites/add' | 'sites/remove' | 'page/siteCrm';
export type CrmSiteHandlers = {
  [T in SiteTypes]: (request: RequestOf<T>, sender: SenderLike) => Promise<ResponseMap[T]>;
};

/** The sites to sync: a list, or how to read the list as it stands when the sync's turn comes. */
export type SitesSource = readonly CrmSite[] | (() => Promise<readonly CrmSite[]>);

/** The syncs of this worker, one after another (see syncSiteScripts). */
let syncing: Promise<unknown> = Promise.resolve();

/**
 * Register the content script for the listed sites Dealside has permission
 * for (a permission can be withdrawn in the browser's own settings at any time).
 * One at a time: the browser's registration is read, removed and made again under
 * one id, and two syncs interleaved (two sites added at once, an add beside a
 * restore or a permission change) made the second fail ("Duplicate script ID")
 * after its site was saved, or left the registration of the older list last.
 */
export function syncSiteScripts(sites: SitesSource, access: SiteAccess): Promise<string[]> {
  const run = syncing.then(async () => {
    const list = typeof sites === 'function' ? await sites() : sites;
    const patterns: string[] = [];
    for (const site of list) if (await access.granted(sitePattern(site.origin))) patterns.push(sitePattern(site.origin));
    await access.runContentScriptOn(patterns);
    return patterns;
  });
  syncing = run.catch(() => undefined);
  return run;
}

/**
 * The browser's permissions changed — in its own site-access settings (about:addons,
 * the extension's details page) or through Options. Register the content script
 * again, and where a listed site's access was just given, start Dealside in its
 * open tabs, as adding the site does, rather than waiting for a reload. (Access
 * just withdrawn leaves nothing to do in open tabs: the browser no longer lets
 * Dealside reach them, and their pages stop being read when they reload.)
 * Options' "Grant access" then sends `sites/add`, which starts those tabs again:
 * the stage-one script runs once per page, so the second start does nothing.
 */
export async function siteAccessChanged(sites: SitesSource, access: SiteAccess, addedPatterns: readonly string[] = []): Promise<void> {
  const readable = await syncSiteScripts(sites, access);
  for (const pattern of readable) if (addedPatterns.includes(pattern)) await access.updateOpenTabs(pattern, true);
}

export function createCrmSiteHandlers(deps: CrmSiteDeps): CrmSiteHandlers {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  /**
   * The list read, changed and written in one transaction, so two changes at once (two
   * sites added from two Options pages, a restore) both stand; then the scripts follow it.
   * `change` may throw (a full list): nothing is written.
   * Once written, the change stands and is told to every page even if the browser refuses the
   * registration: Options then says what is stored (a site it said was not added would be listed
   * after a reload), and the next sync (a permission change, the browser starting) registers it.
   * Not undone instead: another change may have been written since (an undo would overwrite it),
   * and a removal undone would bring back a site the person took away.
   */
  const changeSites = async (db: DB, change: (sites: CrmSite[]) => CrmSite[]) => {
    const tx = db.transaction('settings', 'readwrite');
    const before = storedSettings(await tx.store.get('settings'));
    const settings = applySettingsChange(before, { crmSites: change(before.crmSites) });
    await tx.store.put(settings, 'settings');
    await tx.done;
    // the list as it stands now, not as this change left it: another change may have written since
    await syncSiteScripts(async () => (await getSettings(db)).crmSites, deps.access).catch((e) =>
      console.warn('Dealside could not update its CRM sites', e),
    );
    await deps.broadcast?.({ kind: 'dealside/changed', dealKeys: [], tabIds: [], settings: true });
    return { before: before.crmSites, settings };
  };

  return {
    async 'sites/add'(req) {
      const site = parseSiteAddress(req.address);
      if (!site.ok) throw new HandlerError('bad-request', site.error);
      if (!(await deps.access.granted(sitePattern(site.origin)))) {
        throw new HandlerError('invalid-state', `Dealside was not given access to ${shownHost(site.host)}, so nothing was added.`);
      }
      const { settings } = await changeSites(await deps.db(), (crmSites) => {
        // Adding a listed site again changes which CRM it runs; it keeps its place in the list.
        const previous = crmSites.find((s) => s.origin === site.origin);
        if (!previous && crmSites.length >= MAX_CRM_SITES) {
          throw new HandlerError('invalid-state', `Dealside reads at most ${MAX_CRM_SITES} added sites; remove one first.`);
        }
        const entry: CrmSite = { origin: site.origin, crm: req.crm, addedAt: previous?.addedAt ?? now() };
        return previous ? crmSites.map((s) => (s === previous ? entry : s)) : [...crmSites, entry];
      });
      await deps.access.updateOpenTabs(sitePattern(site.origin), true);
      return settings;
    },

    async 'sites/remove'(req) {
      const { before, settings } = await changeSites(await deps.db(), (crmSites) => crmSites.filter((s) => s.origin !== req.origin));
      // Sent before Options gives the access back: until then the browser still lets Dealside find those tabs.
      if (before.some((s) => s.origin === req.origin)) await deps.access.updateOpenTabs(sitePattern(req.origin), false);
      return settings;
    },

    async 'page/siteCrm'(_req, sender) {
      // The page's own address as the browser reports the sender, never anything the page says.
      const { crmSites } = await getSettings(await deps.db());
      return { crm: crmForOrigin(crmSites, sender.url ?? sender.tab?.url) };
    },
  };
}
