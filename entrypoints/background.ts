/**
 * The background: opens the database, wires the router to the handlers,
 * relays the toggle shortcut, and opens Options on first install. No logic
 * of its own: rules live in lib/rules, storage in lib/db, checks in the router.
 */
import { browser, type Browser } from 'wxt/browser';
import { openDealsideDB, type DB } from '../lib/db/open';
import { getSettings } from '../lib/db/settings';
import { createRouter, type Handlers } from '../lib/messages/router';
import type { ChangeEvent } from '../lib/messages/protocol';
import { createChangeHub, type PortLike } from '../lib/messages/change-hub';
import { createDealHandlers } from '../lib/handlers/deals';
import { forgetClosedTabDeals } from '../lib/handlers/tab-state';
import { forgetClosedTabTokens } from '../lib/handlers/frame-tokens';
import { createCallReviewHandlers, setUpCallReview } from '../lib/handlers/call-reviews';
import { RUBRIC_VERSION } from '../lib/rubric';
import { createScorecardHandlers } from '../lib/handlers/scorecard';
import { createBackupHandlers } from '../lib/handlers/backup';
import { createCrmSiteHandlers, siteAccessChanged, syncSiteScripts } from '../lib/handlers/crm-sites';
import { browserSiteAccess } from '../lib/handlers/site-access';
import { toggleSidebarInPage } from '../lib/page/reader-calls';
import { TOGGLE_SIDEBAR_COMMAND } from '../lib/shortcuts';
import { keepAfterWrites, keepingThisWeek, stamp, stampingWrites } from '../lib/handlers/week-cache';
import { pageMessagesInOrder } from '../lib/handlers/tab-order';
import { sharedConnection } from '../lib/db/connection';
import { mirrorTheme } from '../lib/handlers/theme-mirror';

export default defineBackground(() => {
  const db = sharedConnection((onGone) => openDealsideDB(undefined, undefined, onGone));

  const self = () => ({ id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') });
  /** Tell every open extension page (sidebar frames, popup, options) what changed. */
  const changes = createChangeHub(self);
  browser.runtime.onConnect.addListener((port) => changes.accept(port as unknown as PortLike));
  const broadcast = async (event: ChangeEvent) => {
    // A page told of a write may act on it at once (open the popup): no card kept before it stays current.
    await stamp().catch(() => undefined);
    changes.broadcast(event);
  };

  const siteAccess = browserSiteAccess();
  const scorecard = createScorecardHandlers({ db });
  // This week's card is kept for the popup's next open, which may find this worker stopped
  // (lib/scorecard/week-cache.ts): on every ask, and again once writes settle.
  const thisWeekKept = keepingThisWeek(scorecard['scorecard/week']);
  const handlers = {
    ...createDealHandlers({
      db,
      broadcast,
      tabAddress: async (tabId) => {
        try {
          return (await browser.tabs.get(tabId)).url;
        } catch {
          return undefined; // the tab closed meanwhile
        }
      },
    }),
    ...createCallReviewHandlers({
      db,
      broadcast,
      rubricVersion: RUBRIC_VERSION,
      user: async () => (await getSettings(await db())).user ?? null,
    }),
    ...scorecard,
    'scorecard/week': thisWeekKept,
    // the list as it stands at the sync's turn, not the one handed over: a site added meanwhile stays registered
    ...createBackupHandlers({ db, broadcast, sitesRestored: () => syncSiteScripts(async () => (await getSettings(await db())).crmSites, siteAccess) }),
    ...createCrmSiteHandlers({ db, access: siteAccess, broadcast }),
  } satisfies Handlers;

  // Writes stamp a new database generation, so a kept scorecard is never shown after one.
  // A CRM page's own reports are handled in the order it sent them (lib/handlers/tab-order.ts).
  const route = pageMessagesInOrder(stampingWrites(createRouter(handlers, self), keepAfterWrites(thisWeekKept)));

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    return route(message, sender);
  });

  // CRM sites the user added: run on those the browser still lets Dealside read (a
  // permission can be withdrawn in the browser's own settings). The registration
  // outlives the worker, so this runs when the browser starts, when Dealside is
  // installed or updated, and when a permission changes — not on every wake. Access
  // given (in Options or the browser's own settings) also starts Dealside in the site's open tabs.
  const syncSites = (addedPatterns: readonly string[] = []) =>
    siteAccessChanged(async () => (await getSettings(await db())).crmSites, siteAccess, addedPatterns).catch((e) =>
      console.warn('Dealside could not update its CRM sites', e),
    );
  browser.runtime.onStartup.addListener(() => void syncSites());
  browser.runtime.onInstalled.addListener(() => void syncSites());
  browser.permissions?.onAdded?.addListener((added) => void syncSites(added.origins ?? []));
  browser.permissions?.onRemoved?.addListener(() => void syncSites());

  // The Theme setting for the pages' early paint, for users from before the mirror (lib/handlers/theme-mirror.ts).
  void mirrorTheme(db, { ifMissing: true });

  forgetClosedTabDeals();
  forgetClosedTabTokens();
  setUpCallReview();

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== TOGGLE_SIDEBAR_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    // In the tab's reader itself (the command grants activeTab): a tab without one is left alone.
    await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, func: toggleSidebarInPage }).catch(() => {});
  });

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install') return;
    const { user } = await getSettings(await db());
    if (!user) await browser.runtime.openOptionsPage();
  });
});
