/**
 * Background handlers for call review (issue 3): the review store, the
 * per-tab "which recording is this" state, and the media relay between the
 * framed panel and its tab's calls content script. The panel and the page
 * never talk directly: a page script can forge window.postMessage, but not
 * the sender of a runtime message.
 *
 * Requests arrive already checked by the router: sender kind (only a
 * content script reports the page, only the panel frame asks about its tab's
 * media, only extension pages read reviews) and payload (zod).
 */
import { browser } from 'wxt/browser';
import type { IDBPDatabase } from 'idb';
import { createKeyedOrder } from './tab-order';
import { HandlerError, senderTabId } from '../messages/router';
import { issueFrameToken, requireFrameToken } from './frame-tokens';
import { PANEL_REFUSED } from '../calls/panel-framing';
import type { SenderLike } from '../messages/senders';
import type { CallPage, ChangeEvent, MediaState, RequestOf, ResponseMap } from '../messages/protocol';
import { callPageSchema } from '../messages/protocol';
import { scoreSchema, type CallReview, type Person, type Score } from '../model';
import { keepValid } from '../db/validate';
import { applyComplete, applyDraft, applyTimeSpent, lastCompletedVersion, type ReviewInput, type ScoredBefore } from '../calls/review-history';
import type { ToCallsContent } from '../calls/content-messages';
import {
  getReviewByCall,
  putCompletedReview,
  putReview,
  reviewsForDeal,
  searchDeals,
} from '../db/call-reviews';
import { getDeal } from '../db/deals';
import { sameName } from '../words';
import { urlOf } from './url-of';
import type { DealsideDB } from '../db/schema';
import { CLOCK_SKEW_MS } from '../rules/clock-skew';

type DB = IDBPDatabase<DealsideDB>;

type CallReviewType =
  | 'calls/page'
  | 'calls/current'
  | 'calls/mediaTime'
  | 'calls/seek'
  | 'calls/panel'
  | 'calls/reviewTab'
  | 'callReview/get'
  | 'callReview/saveDraft'
  | 'callReview/complete'
  | 'callReview/forDeal'
  | 'deals/search';

export interface CallReviewDeps {
  db: () => Promise<DB>;
  /** the local user (settings.user); null before first run */
  user: () => Promise<Person | null>;
  /** broadcast to extension pages after a write */
  broadcast?: (event: ChangeEvent) => void | Promise<void>;
  now?: () => Date;
  newId?: () => string;
  /** RUBRIC_VERSION from lib/rubric.ts: the rubric scores are given under */
  rubricVersion: string;
}

export type CallReviewHandlers = {
  [T in CallReviewType]: (request: RequestOf<T>, sender: SenderLike) => Promise<ResponseMap[T]>;
};

const NO_MEDIA: MediaState = { hasMedia: false, currentTime: 0, duration: null, paused: true };
const tabKey = (tabId: number) => `dealside:call:${tabId}`;
/** Tab → whether its call-review panel is open (kept across reloads and calls in that tab, like the tab itself). */
const panelKey = (tabId: number) => `dealside:call-panel:${tabId}`;

/** Tab → the recording it shows. In storage.session: the service worker may stop at any time. */
async function setTabCall(tabId: number, call: CallPage | null) {
  if (call) await browser.storage.session.set({ [tabKey(tabId)]: call });
  else await browser.storage.session.remove(tabKey(tabId));
}

async function getTabCall(tabId: number): Promise<CallPage | null> {
  const got = await browser.storage.session.get(tabKey(tabId));
  const parsed = callPageSchema.safeParse(got[tabKey(tabId)]);
  return parsed.success ? parsed.data : null;
}

/**
 * The tab's call, for a panel frame in it: none when the tab's page (where the
 * browser tells us its address) is on another site than the call's — the tab
 * moved on to a page without the calls script, whose frames must not be handed
 * the review. The panel also checks its own framing (lib/calls/panel-framing.ts).
 */
async function callForPanel(tabId: number, sender: SenderLike): Promise<CallPage | null> {
  const call = await getTabCall(tabId);
  const tabUrl = sender.tab?.url;
  if (!call || !tabUrl) return call;
  const origin = urlOf(tabUrl)?.origin;
  return origin && origin === urlOf(call.url)?.origin ? call : null;
}

/**
 * The scores this review already gave under its deal and rep as linked now, per dimension: the
 * latest it gave that deal (or, linked to a rep alone, that rep with no deal), when given under
 * the rep linked now. One given the deal since under another rep (the rep changed, then changed
 * back) is no baseline: the deal's current score is that rep's, so the value is given again.
 */
async function scoredBefore(db: DB, review: CallReview): Promise<ScoredBefore | undefined> {
  let stored: unknown[];
  if (review.dealKey) stored = await db.getAllFromIndex('scores', 'byDeal', review.dealKey);
  else if (review.repId) stored = await db.getAllFromIndex('scores', 'byRepAt', IDBKeyRange.bound([review.repId, ''], [review.repId, '\uffff']));
  else return undefined; // linked to nothing: the last completed version is the baseline
  // checked as read: one damaged score must not make the review impossible to complete
  const given: Score[] = keepValid(scoreSchema, stored, 'scores');
  const latest = new Map<Score['dimension'], Score>();
  given
    .filter((s) => s.source?.kind === 'call' && s.source.reviewId === review.id && (s.dealKey || undefined) === review.dealKey)
    .sort((a, b) => a.at.localeCompare(b.at))
    .forEach((s) => latest.set(s.dimension, s));
  const out: ScoredBefore = {};
  for (const [dimension, s] of latest) if ((s.repId || undefined) === review.repId) out[dimension] = s.value;
  return out;
}

/**
 * The review as sent, with its rep's id when it names its deal's owner but no rep: the panel looks
 * the name up in the rep list it loaded with the call, which predates a deal (and its rep) first
 * seen since, and is empty when it failed to load. The deal's record names its owner's rep, and a
 * review without it never counts on that rep's scorecard. Names compare as everywhere else (`sameName`).
 */
async function withDealRep(db: DB, review: ReviewInput): Promise<ReviewInput> {
  const name = review.repName?.trim();
  if (review.repId || !name || !review.dealKey) return review;
  const deal = await getDeal(db, review.dealKey);
  if (!deal?.repId || !deal.snapshot.owner || !sameName(deal.snapshot.owner, name)) return review;
  return { ...review, repId: deal.repId };
}

/** The deals named, once each. */
const dealKeysOf = (...keys: (string | undefined)[]) => [...new Set(keys.filter((k): k is string => !!k))];

const STALE =
  'This review was changed in another Dealside panel (edited or completed there) after this one loaded it, so this change was not saved.';

/** Ask the tab's calls content script (top frame) about its media. */
async function askContent(tabId: number, message: ToCallsContent): Promise<MediaState> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as Partial<MediaState> | undefined;
    if (!reply || typeof reply !== 'object' || reply.hasMedia !== true) return NO_MEDIA;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);
    return {
      hasMedia: true,
      currentTime: num(reply.currentTime) ?? 0,
      duration: num(reply.duration),
      paused: reply.paused !== false,
    };
  } catch {
    // No content script in that tab (closed, navigated away, not injected).
    return NO_MEDIA;
  }
}

export function createCallReviewHandlers(deps: CallReviewDeps): CallReviewHandlers {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const rubricVersion = deps.rubricVersion;
  const broadcast = async (event: Omit<ChangeEvent, 'kind'>) => {
    const full: ChangeEvent = { kind: 'dealside/changed', ...event };
    try {
      if (deps.broadcast) await deps.broadcast(full);
      else await browser.runtime.sendMessage(full);
    } catch {
      // No extension page open to hear it.
    }
  };
  const requireUser = async () => {
    const user = await deps.user();
    if (!user) throw new HandlerError('no-user', "Tell Dealside your name and role first: its Options page (right-click Dealside's toolbar icon → Options).");
    return user;
  };
  const input = (r: RequestOf<'callReview/saveDraft'>['review']): ReviewInput => r as ReviewInput;
  /**
   * The time a new version is stamped with: now, or just after the version it replaces when the
   * clock has not moved past it (two saves in one millisecond, a clock set back). Versions are
   * told apart by this stamp (`requireBase`): two versions must never share it. A stored stamp
   * later than a clock running fast could have written (CLOCK_SKEW_MS) is damage: not followed
   * (now differs from it all the same), or the review and its scores would be dated after it,
   * or past the last date there is, and never read again.
   */
  const versionAt = (existing: CallReview | null) => {
    const at = now();
    if (!existing || at > existing.updatedAt || Date.parse(existing.updatedAt) > Date.parse(at) + CLOCK_SKEW_MS) return at;
    return new Date(Date.parse(existing.updatedAt) + 1).toISOString();
  };
  /** Edits must be based on the version stored now (none: on no review). */
  const requireBase = (existing: CallReview | null, base: string | null) => {
    if ((existing?.updatedAt ?? null) !== base) throw new HandlerError('conflict', STALE);
  };

  const inCallOrder = createKeyedOrder<string>();

  async function saveDraft(req: RequestOf<'callReview/saveDraft'>): Promise<ResponseMap['callReview/saveDraft']> {
    const by = await requireUser();
    const db = await deps.db();
    const existing = await getReviewByCall(db, req.review.callKey);
    if (req.timeOnly) {
      // The panel's periodic flush: time spent only, whatever version it loaded. No
      // new version either, so other panels' edits stay based on the current one.
      if (!existing) throw new HandlerError('conflict', STALE);
      const review = applyTimeSpent(existing, req.review.timeSpentMs);
      if (review.timeSpentMs !== existing.timeSpentMs) await putReview(db, review);
      return review;
    }
    requireBase(existing, req.baseUpdatedAt);
    const review = applyDraft(existing, await withDealRep(db, input(req.review)), { now: versionAt(existing), by, rubricVersion, newId });
    await putReview(db, review);
    // A review with a completed version is listed on its deal's sidebar ("being edited" once edited): the deals it leaves and joins are told.
    const dealKeys = existing && lastCompletedVersion(existing) ? dealKeysOf(existing.dealKey, review.dealKey) : [];
    await broadcast({ dealKeys, tabIds: [], callKeys: [review.callKey] });
    return review;
  }

  async function complete(req: RequestOf<'callReview/complete'>): Promise<ResponseMap['callReview/complete']> {
    // a review counts on the rep's scorecard: one with no score is a stray click, not a review
    if (!Object.values(req.review.scores).some((v) => v !== undefined)) {
      throw new HandlerError('invalid-state', 'Give at least one score (discovery, next step or qualification) before completing the review.');
    }
    const by = await requireUser();
    const db = await deps.db();
    const existing = await getReviewByCall(db, req.review.callKey);
    requireBase(existing, req.baseUpdatedAt);
    const at = versionAt(existing);
    const ctx = { now: at, by, rubricVersion, newId };
    const given = await withDealRep(db, input(req.review));
    // The review as it will be linked (its id kept), to read what it already gave that deal and rep.
    const linked = applyDraft(existing, given, ctx);
    const before = existing ? await scoredBefore(db, linked) : undefined;
    const { review, newScores } = applyComplete(existing, given, { ...ctx, newId: () => linked.id }, before);
    const scores: Score[] = newScores.map(({ dimension, value }) => {
      const s: Score = {
        id: newId(),
        dimension,
        value,
        by,
        at,
        rubricVersion: review.rubricVersion,
        source: { kind: 'call', reviewId: review.id },
      };
      if (review.dealKey) s.dealKey = review.dealKey;
      if (review.repId) s.repId = review.repId;
      return s;
    });
    await putCompletedReview(db, review, scores);
    // the deal its last completion was for lists it until now (a draft relinked since: a third deal)
    const dealKeys = dealKeysOf(existing?.dealKey, review.dealKey, existing ? lastCompletedVersion(existing)?.dealKey : undefined);
    await broadcast({ dealKeys, tabIds: [], callKeys: [review.callKey] });
    return review;
  }

  return {
    async 'calls/page'(req, sender) {
      const tabId = senderTabId(sender);
      // A page reports only a call of its own site (as a deal page its own deals): a recording
      // elsewhere would be reviewed, and shown to the panel, as this tab's.
      if (req.call && urlOf(req.call.url)?.origin !== (urlOf(sender.url)?.origin ?? null)) {
        throw new HandlerError('bad-request', 'The call reported is not on the page that reported it.');
      }
      const before = await getTabCall(tabId);
      await setTabCall(tabId, req.call);
      // Another call (SPA navigation), or its title arrived late: the tab's panel reloads.
      if (before?.callKey !== req.call?.callKey || before?.title !== req.call?.title) {
        await broadcast({ dealKeys: [], tabIds: [tabId] });
      }
      const open = (await browser.storage.session.get(panelKey(tabId)))[panelKey(tabId)] === true;
      // one per tab, kept across its calls: a panel open on the call before stays answered
      const frameToken = await issueFrameToken('call-panel', tabId, false);
      return { accepted: true, panelOpen: req.call !== null && open, frameToken };
    },

    async 'calls/panel'(req, sender) {
      const tabId = senderTabId(sender);
      if (req.open) await browser.storage.session.set({ [panelKey(tabId)]: true });
      else await browser.storage.session.remove(panelKey(tabId));
      return { accepted: true };
    },

    async 'calls/current'(req, sender) {
      const tabId = senderTabId(sender);
      await requireFrameToken('call-panel', tabId, req.frameToken, PANEL_REFUSED);
      return { tabId, call: await callForPanel(tabId, sender) };
    },

    // The tab's media is the panel's Dealside made there only (as the call itself is): a frame of
    // call-review.html another page made in the tab can neither read the position nor seek.
    async 'calls/mediaTime'(req, sender) {
      const tabId = senderTabId(sender);
      await requireFrameToken('call-panel', tabId, req.frameToken, PANEL_REFUSED);
      return askContent(tabId, { kind: 'dealside/calls-media', ...(req.fresh ? { fresh: true } : {}) });
    },

    async 'calls/seek'(req, sender) {
      const tabId = senderTabId(sender);
      await requireFrameToken('call-panel', tabId, req.frameToken, PANEL_REFUSED);
      return askContent(tabId, { kind: 'dealside/calls-seek', seconds: req.seconds });
    },

    async 'calls/reviewTab'() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return { started: false, reason: 'No active tab.' };
      return reviewThisCall(tab.id);
    },

    async 'callReview/get'(req) {
      return getReviewByCall(await deps.db(), req.callKey);
    },

    // A call's saves and completions one at a time: each reads the stored version, checks
    // the panel's base against it and writes, with awaits between; two at once (two panels,
    // a flush beside a completion) would both pass the check.
    'callReview/saveDraft': (req) => inCallOrder(req.review.callKey, () => saveDraft(req)),
    'callReview/complete': (req) => inCallOrder(req.review.callKey, () => complete(req)),


    async 'callReview/forDeal'(req) {
      return reviewsForDeal(await deps.db(), req.dealKey);
    },

    async 'deals/search'(req) {
      const deals = await searchDeals(await deps.db(), req.query);
      return deals.map((d) => {
        const hit: ResponseMap['deals/search'][number] = {
          key: d.key,
          name: d.snapshot.name ?? d.snapshot.recordId,
          crm: d.snapshot.crm,
        };
        if (d.snapshot.owner) hit.owner = d.snapshot.owner;
        if (d.repId) hit.repId = d.repId;
        return hit;
      });
    },
  };
}

/** Forget a closed tab's recording. */
export function forgetClosedTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove([tabKey(tabId), panelKey(tabId)]).catch(() => {});
  });
}

const CALLS_SCRIPT = '/calls.js';
const MENU_ID = 'dealside-review-call';

/**
 * "Review this call" on any page: inject the calls content script into the
 * tab through activeTab (granted by the popup click or the context-menu
 * click), then ask it to open the panel. No broad host permission needed.
 */
export async function reviewThisCall(tabId: number): Promise<{ started: boolean; reason?: string }> {
  try {
    if (browser.scripting) {
      await browser.scripting.executeScript({ target: { tabId }, files: [CALLS_SCRIPT] });
    } else {
      // Firefox MV2 without the scripting API.
      await (browser.tabs as unknown as { executeScript(id: number, d: { file: string }): Promise<unknown> }).executeScript(
        tabId,
        { file: CALLS_SCRIPT },
      );
    }
    await browser.tabs.sendMessage(tabId, { kind: 'dealside/calls-open' } satisfies ToCallsContent, { frameId: 0 });
    return { started: true };
  } catch (e) {
    console.warn('Dealside could not open the call review here', e);
    return { started: false, reason: reviewRefusal(e) };
  }
}

/**
 * Why "Review this call" cannot start, in words: the browser's own ("Cannot access a chrome://
 * URL", "The extensions gallery cannot be scripted") is for developers.
 */
export function reviewRefusal(e: unknown): string {
  const said = e instanceof Error ? e.message : String(e);
  if (/chrome:\/\/|edge:\/\/|about:|extensions gallery|webstore|cannot be scripted|addons\.mozilla|Missing host permission|Cannot access contents/i.test(said)) {
    return 'This page cannot be reviewed: browsers keep their own pages, extension stores and other extensions’ pages out of reach. Open the recording’s page, then try again.';
  }
  return 'This page cannot be reviewed here: it did not let Dealside in (it may still be loading, or have closed). Reload it and try again.';
}

/**
 * The context-menu item; call once at background start-up. `madeEachStart`:
 * the browser drops the items when it closes (Firefox's persistent background page).
 */
export function registerReviewThisCallMenu(madeEachStart: boolean = import.meta.env.FIREFOX): void {
  const menus = browser.contextMenus;
  if (!menus) return;
  const create = () => {
    // removeAll first: onInstalled runs again on update and ids must be unique.
    void menus
      .removeAll()
      .then(() => menus.create({ id: MENU_ID, title: 'Review this call', contexts: ['page', 'video', 'audio', 'frame'] }))
      .catch(() => undefined);
  };
  // Chromium keeps an extension's menu items across restarts: made once, when installed or
  // updated. Firefox drops the items a persistent background page made when the browser
  // closes, so there they are made each time the background starts (once per session).
  if (madeEachStart) create();
  else browser.runtime.onInstalled.addListener(create);
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    void reviewThisCall(tab.id);
  });
}

/** One call for the background: handlers plus the menu and tab clean-up. */
export function setUpCallReview(): void {
  registerReviewThisCallMenu();
  forgetClosedTabs();
}

export type { CallReview };
