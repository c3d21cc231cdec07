/**
 * Handlers for the deal sidebar: what a CRM page reported, what a sidebar
 * frame shows, and every coaching write. Requests arrive already validated by
 * the router (sender kind + zod); business rules live in lib/rules.
 */
import { changeSettingsRereadingDates } from '../db/date-order';
import { recordSnapshot } from '../db/record-snapshot';
import {
  isoInstant,
  noteDraftKey,
  type Commitment,
  type Note,
  type Person,
  type Score,
  type Settings,
} from '../model';
import type { ChangeEvent, CurrentDeal, RequestOf, ResponseMap } from '../messages/protocol';
import type { SenderLike } from '../messages/senders';
import { HandlerError, senderTabId as tabOf } from '../messages/router';
import type { DB } from '../db/open';
import { getDeal, listReps, type AdmitNewRecords } from '../db/deals';
import { issueFrameToken, requireFrameToken } from './frame-tokens';
import { SIDEBAR_REFUSED } from '../page/sidebar-framing';
import {
  addCommitment,
  addNoteClearingDraft,
  addScore,
  changeNextStep,
  commitmentsForDeal,
  deleteDraft,
  getCommitment,
  getDraft,
  getNextStep,
  notesForDeal,
  putDraft,
  resolveCommitmentRecord,
  scoresForDeal,
} from '../db/coaching';
import { getSettings, patchSettings } from '../db/settings';
import { adapterFor, adapterForUserSite } from '../crm/registry';
import { crmForOrigin } from '../crm/crm-sites';
import { liveNextStep, markNextStepDone, sameText, setSidebarNextStep } from '../rules/next-step';
import { newDueRefusal, outcomeRefusal, renegotiateCommitment, resolveCommitment } from '../rules/commitments';
import { userTimeZone } from '../dates';
import { RUBRIC_VERSION } from '../rubric';
import { getTabDeal, getTabShown, setTabDeal, setTabRefused, type TabShown } from './tab-state';
import { sessionQuotas, type NewRecordQuotas } from './record-quotas';
import { mirrorTheme } from './theme-mirror';
import { urlOf } from './url-of';
import { CLOCK_SKEW_MS } from '../rules/clock-skew';

export interface DealHandlerDeps {
  db: () => Promise<DB>;
  broadcast: (event: ChangeEvent) => Promise<void>;
  now?: () => Date;
  newId?: () => string;
  /** the user's zone, in which "due" is decided (the browser's by default) */
  timeZone?: () => string;
  /** a tab's address now, where the browser gives it (`tabs.get`); none: only as the message left */
  tabAddress?: (tabId: number) => Promise<string | undefined>;
  /** how many new deals and reps a site's pages may create (lib/rules/record-quota.ts); kept in storage.session by default */
  newRecordQuotas?: NewRecordQuotas;
}

type DealTypes =
  | 'page/snapshot'
  | 'page/sidebarPrefs'
  | 'page/setSidebarPrefs'
  | 'sidebar/current'
  | 'sidebar/open'
  | 'deal/view'
  | 'commitment/create'
  | 'commitment/resolve'
  | 'commitment/renegotiate'
  | 'nextStep/set'
  | 'nextStep/markDone'
  | 'score/add'
  | 'note/add'
  | 'draft/get'
  | 'draft/save'
  | 'draft/clear'
  | 'settings/get'
  | 'settings/set'
  | 'reps/list';

export type DealHandlers = {
  [T in DealTypes]: (request: RequestOf<T>, sender: SenderLike) => Promise<ResponseMap[T]>;
};

async function dealView(db: DB, dealKey: string): Promise<ResponseMap['deal/view']> {
  const [deal, commitments, nextStep, scores, notes] = await Promise.all([
    getDeal(db, dealKey),
    commitmentsForDeal(db, dealKey),
    getNextStep(db, dealKey),
    scoresForDeal(db, dealKey),
    notesForDeal(db, dealKey),
  ]);
  commitments.sort((a, b) => b.statedAt.localeCompare(a.statedAt));
  return { deal, commitments, nextStep, scores, notes };
}

/**
 * The address the browser gives for a content script's tab when it sent (the top frame's,
 * where the reader runs), if it gives one. Not `sender.url`: that is the address the
 * document loaded at, which neither Chromium 156 nor Firefox ESR moves with the CRM's in-app
 * navigation (`history.pushState`; measured). Chromium gives the tab's address on the CRM
 * hosts and on sites the user granted; Firefox only on hosts Dealside holds a host permission
 * for (sites the user added), not on the CRM hosts its content script matches, where only the
 * "tabs" permission (every tab's address) would give it: not asked for, so there a report is
 * held to its site alone.
 */
function tabAddressOf(sender: SenderLike): string | undefined {
  return sender.frameId === 0 ? sender.tab?.url : undefined;
}

/** What a sidebar frame in `tabId` is told its tab shows. */
function currentOf(tabId: number, { deal, refused }: TabShown): CurrentDeal {
  return { tabId, dealKey: deal?.dealKey ?? null, snapshot: deal?.snapshot ?? null, ...(refused ? { refused } : {}) };
}

export function createDealHandlers(deps: DealHandlerDeps): DealHandlers {
  const now = () => deps.now?.() ?? new Date();
  /** the user's zone: the day a promise is due on, and the day a score or a note counts on */
  const zone = () => deps.timeZone?.() ?? userTimeZone();
  const nowIso = () => now().toISOString();
  /**
   * When a score or note is made: strictly after the last one this background stamped, and after
   * the latest of its kind stored for the deal (`after`: a worker started since, or another
   * browser's restored, knows no stamp of its own), so the latest made is the latest listed
   * ("current") even within one millisecond (two tabs) or after the clock steps back; ties would
   * otherwise fall to random ids.
   */
  let lastStamp = 0;
  const stampIso = (afterMs = 0) => {
    lastStamp = Math.max(now().getTime(), lastStamp + 1, afterMs + 1);
    return new Date(lastStamp).toISOString();
  };
  /**
   * The latest `at` stored for the deal's scores or notes, in ms (0 for none). Only an instant no
   * later than a clock running fast could have written (CLOCK_SKEW_MS, as a restore holds them to):
   * one past it is damage, and followed it would date every later score and note of this worker
   * after it (in 2999, say, on no week's card), or past the last date there is (no stamp at all).
   */
  const latestAt = async (db: DB, store: 'scores' | 'notes', dealKey: string) => {
    const latest = now().getTime() + CLOCK_SKEW_MS;
    return (await db.getAllFromIndex(store, 'byDeal', dealKey)).reduce<number>((m, r) => {
      const at = isoInstant.safeParse(r?.at).success ? Date.parse(r.at) : 0;
      return at > m && at <= latest ? at : m;
    }, 0);
  };
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const changed = (dealKeys: string[], tabIds: number[] = [], settings = false) =>
    deps.broadcast({ kind: 'dealside/changed', dealKeys, tabIds, ...(settings ? { settings } : {}) });
  /** a draft written: its other composers load it again (no deal's data changed) */
  const draftChanged = (key: string, writer = '') => deps.broadcast({ kind: 'dealside/changed', dealKeys: [], tabIds: [], draft: { key, writer } });

  async function requireUser(db: DB): Promise<Person> {
    const { user } = await getSettings(db);
    if (!user) throw new HandlerError('no-user', 'Tell Dealside your name and role first (Options).');
    return user;
  }
  async function requireDeal(db: DB, dealKey: string) {
    const deal = await getDeal(db, dealKey);
    if (!deal) throw new HandlerError('not-found', 'Dealside has not seen this deal yet.');
    return deal;
  }

  /** The tab shows no deal (it left one, or a new page has not read one yet). */
  const clearTabDeal = async (tabId: number) => {
    const before = await getTabShown(tabId);
    await setTabDeal(tabId, null);
    if (before.deal || before.refused) await changed([], [tabId]);
  };

  const stored = sessionQuotas();
  const loadQuotas = () => (deps.newRecordQuotas ? Promise.resolve(deps.newRecordQuotas) : stored.load());
  /**
   * A report from `site` may create a deal or a rep only while the site's quota lasts: else
   * refused, nothing written. `spent` is set when it took from the quota (to be kept).
   */
  const admitFrom =
    (site: string, quotas: NewRecordQuotas, spent: { any: boolean }): AdmitNewRecords =>
    ({ deal, rep }) => {
      const t = now().getTime();
      const full = deal && !quotas.deals.allows(site, t) ? 'deals' : rep && !quotas.reps.allows(site, t) ? 'reps' : null;
      if (full) {
        throw new HandlerError(
          'rate-limited',
          `Pages on ${site} reported more new ${full === 'deals' ? 'deals' : 'deal owners'} in a short time than a person opens, so Dealside is not recording new ones from this site for a few minutes. Deals it already knows still work. If you were not opening deals quickly, something on this site may be misbehaving.`,
        );
      }
      if (deal) quotas.deals.spend(site, t);
      if (rep) quotas.reps.spend(site, t);
      spent.any = true;
    };

  /** What the page read (or null: no deal), stored, and the tab shown on it. */
  async function takeSnapshot(req: RequestOf<'page/snapshot'>, sender: SenderLike): Promise<ResponseMap['page/snapshot']> {
    const tabId = tabOf(sender);
    if (!req.snapshot) {
      await clearTabDeal(tabId);
      return { accepted: true };
    }
    const before = await getTabDeal(tabId);
    // A page may only report records of its own site, and (where the browser says where the
    // page is now) the record its address shows: never as the report says. A deal the page does
    // not show (a reader late to an in-app move) would be filed, and shown, under the wrong record.
    const pageUrl = new URL(sender.url ?? sender.tab?.url ?? 'about:blank');
    const pageHost = pageUrl.host;
    if (req.snapshot.host !== pageHost || urlOf(req.snapshot.url)?.host !== pageHost) {
      throw new HandlerError('bad-request', 'Snapshot host does not match the page.');
    }
    // …and only as the CRM that runs there: the built-in one of the host, or the one the user
    // chose for an added site (the settings read only then: a built-in host needs none of them)
    const site =
      adapterFor(pageUrl) ?? adapterForUserSite(crmForOrigin((await getSettings(await deps.db())).crmSites, pageUrl.href) ?? '');
    if (!site || req.snapshot.crm !== site.id) throw new HandlerError('bad-request', 'Snapshot CRM is not the one this site runs.');
    /** Does this address of the tab show the reported record, read as the site's reader reads it? */
    const showsReported = (address: string | undefined) => {
      const url = urlOf(address);
      return url?.host === pageHost && site.parseDealAddress(url)?.recordId === req.snapshot!.recordId;
    };
    const sentFrom = tabAddressOf(sender);
    // The tab's address as the message left, else as it is now: a report sent in the instant
    // between an in-app move and the browser hearing of it is not refused for that instant.
    if (sentFrom && !showsReported(sentFrom) && !showsReported(await deps.tabAddress?.(tabId))) {
      throw new HandlerError('bad-request', 'Snapshot record is not the one the page address shows.');
    }
    // The site's date order learned (a close date with a part above 12), the texts parsed,
    // the deal and its CRM next step written: one transaction (lib/db/record-snapshot.ts).
    let recorded: Awaited<ReturnType<typeof recordSnapshot>>;
    const quotas = await loadQuotas();
    const spent = { any: false };
    try {
      recorded = await recordSnapshot(await deps.db(), req.snapshot, nowIso(), admitFrom(pageHost, quotas, spent));
      if (spent.any && !deps.newRecordQuotas) await stored.save(quotas, now().getTime());
    } catch (e) {
      // the sidebar says why it shows no deal, rather than go on reading one
      if (e instanceof HandlerError && e.code === 'rate-limited') {
        await setTabRefused(tabId, e.message);
        await changed([], [tabId]);
      }
      throw e;
    }
    const { dealKey, deal, fieldsChanged, stepChanged, learned } = recorded;
    await setTabDeal(tabId, { dealKey, snapshot: deal.snapshot });
    const tabChanged = before?.dealKey !== dealKey;
    if (fieldsChanged || tabChanged || stepChanged) {
      await changed(fieldsChanged || stepChanged ? [dealKey] : [], [tabId]);
    }
    // a site's order learned: Options lists it, and open sidebars show its deals read again
    if (learned) await changed(learned.reread, [], true);
    return { accepted: true };
  }

  return {
    // A tab's page messages arrive here in the order sent (the background's router is
    // wrapped in pageMessagesInOrder, lib/handlers/tab-order.ts): the last report wins.
    'page/snapshot': takeSnapshot,

    // The reader's first ask on a page, as it puts up the sidebar (before the frame exists):
    // its saved layout. It also means a new page in this tab has read no deal yet, so the
    // frame about to open must not be handed the deal of the page before (a full load from
    // deal A to deal B, or a reload), whose commitments it would show and write beside B.
    async 'page/sidebarPrefs'(_req, sender) {
      const tabId = tabOf(sender);
      await clearTabDeal(tabId);
      // with the Theme setting, for the bar beside the sidebar (a word, nothing of the user's data)
      const settings = await getSettings(await deps.db());
      // A new page: a new token for the frame it is about to make; frames of the page before
      // (and any a site opened next in this tab might make) are told nothing. Last, so a
      // failure above leaves the token a frame already holds as it was.
      const frameToken = await issueFrameToken('sidebar', tabId, true);
      return { ...settings.sidebar, theme: settings.theme, frameToken };
    },

    async 'page/setSidebarPrefs'(req) {
      const sidebar: { width?: number; collapsed?: boolean } = {};
      if (req.width !== undefined) sidebar.width = req.width;
      if (req.collapsed !== undefined) sidebar.collapsed = req.collapsed;
      return (await patchSettings(await deps.db(), { sidebar })).sidebar;
    },

    async 'sidebar/current'(req, sender) {
      const tabId = tabOf(sender);
      await requireFrameToken('sidebar', tabId, req.frameToken, SIDEBAR_REFUSED);
      return currentOf(tabId, await getTabShown(tabId));
    },

    async 'sidebar/open'(req, sender) {
      const tabId = tabOf(sender);
      await requireFrameToken('sidebar', tabId, req.frameToken, SIDEBAR_REFUSED);
      const db = await deps.db();
      const [settings, shown] = await Promise.all([getSettings(db), getTabShown(tabId)]);
      const current = currentOf(tabId, shown);
      return { settings, current, view: current.dealKey ? await dealView(db, current.dealKey) : null };
    },

    async 'deal/view'(req) {
      return dealView(await deps.db(), req.dealKey);
    },

    async 'commitment/create'(req) {
      const db = await deps.db();
      const user = await requireUser(db);
      const deal = await requireDeal(db, req.dealKey);
      // A manager types the rep's words in a 1:1: the promise is the rep's, recorded by the manager.
      const forRep = user.role === 'manager' && req.onBehalfOfRep !== false && !!deal.snapshot.owner;
      // Whose scorecard it counts on: the rep who stated it. A manager's own promise (the page
      // shows no owner now) is no rep's, even on a deal an owner was read for before; a rep's
      // own counts on the deal's rep, as the rep works their own deals.
      const repId = user.role === 'manager' && !forRep ? undefined : deal.repId;
      const c: Commitment = {
        id: newId(),
        dealKey: req.dealKey,
        text: req.text,
        due: req.due,
        statedBy: forRep ? { name: deal.snapshot.owner!, role: 'rep' } : user,
        statedAt: nowIso(),
        status: 'open',
        ...(req.dueInput ? { dueInput: req.dueInput } : {}),
        ...(forRep ? { recordedBy: user } : {}),
        ...(repId ? { repId } : {}),
      };
      await addCommitment(db, c);
      await changed([req.dealKey]);
      return c;
    },

    async 'commitment/resolve'(req) {
      const db = await deps.db();
      const user = await requireUser(db);
      const c = await getCommitment(db, req.id);
      if (!c) throw new HandlerError('not-found', 'That commitment no longer exists.');
      const refusal = outcomeRefusal(c, req.outcome, req.reason, now(), zone());
      // a drop with no reason is a bad request; anything else refused is the commitment's state (resolved, or not yet due)
      if (refusal) throw new HandlerError(c.status === 'open' && req.outcome === 'dropped' ? 'bad-request' : 'invalid-state', refusal);
      const resolved = resolveCommitment(c, req.outcome, req.note, user, nowIso(), req.reason);
      if (!(await resolveCommitmentRecord(db, resolved))) {
        throw new HandlerError('invalid-state', 'That commitment was resolved elsewhere meanwhile.');
      }
      await changed([c.dealKey]);
      return resolved;
    },

    async 'commitment/renegotiate'(req) {
      const db = await deps.db();
      const user = await requireUser(db);
      const c = await getCommitment(db, req.id);
      if (!c) throw new HandlerError('not-found', 'That commitment no longer exists.');
      if (c.status !== 'open') throw new HandlerError('invalid-state', 'That commitment is already resolved.');
      const dateRefusal = newDueRefusal(c, req.newDue, now(), zone());
      if (dateRefusal) throw new HandlerError('bad-request', dateRefusal);
      const { closed, opened } = renegotiateCommitment(c, {
        newDue: req.newDue,
        reason: req.reason,
        note: req.note,
        by: user,
        nowIso: nowIso(),
        newId: newId(),
        ...(req.newDueInput ? { newDueInput: req.newDueInput } : {}),
      });
      if (!(await resolveCommitmentRecord(db, closed, opened))) {
        throw new HandlerError('invalid-state', 'That commitment was resolved elsewhere meanwhile.');
      }
      await changed([c.dealKey]);
      return { closed, opened };
    },

    async 'nextStep/set'(req) {
      const db = await deps.db();
      await requireUser(db);
      await requireDeal(db, req.dealKey);
      const step = await changeNextStep(db, req.dealKey, (existing) => setSidebarNextStep(existing, req.text, req.due, req.dealKey, nowIso()));
      await changed([req.dealKey]);
      return step;
    },

    async 'nextStep/markDone'(req) {
      const db = await deps.db();
      await requireUser(db);
      const step = await changeNextStep(db, req.dealKey, (existing) => {
        const live = liveNextStep(existing);
        if (!live?.text) throw new HandlerError('invalid-state', 'There is no next step to mark done.');
        // the step on screen: another read of the CRM (or another tab) may have stored a new one since
        if (!sameText(live.text, req.shownText)) {
          throw new HandlerError('conflict', 'The next step changed since it was shown (in the CRM, or in another tab): the new one is shown now. Mark it done if it is.');
        }
        return markNextStepDone(live, nowIso());
      });
      await changed([req.dealKey]);
      return step;
    },

    async 'score/add'(req) {
      const db = await deps.db();
      const user = await requireUser(db);
      const deal = await requireDeal(db, req.dealKey);
      const s: Score = {
        id: newId(),
        dealKey: req.dealKey,
        dimension: req.dimension,
        value: req.value,
        by: user,
        at: stampIso(await latestAt(db, 'scores', req.dealKey)),
        rubricVersion: RUBRIC_VERSION,
        source: { kind: 'sidebar' },
        ...(deal.repId ? { repId: deal.repId } : {}),
      };
      await addScore(db, s, zone());
      await changed([req.dealKey]);
      return s;
    },

    async 'note/add'(req) {
      const db = await deps.db();
      const user = await requireUser(db);
      const deal = await requireDeal(db, req.dealKey);
      const note: Note = {
        id: newId(),
        dealKey: req.dealKey,
        body: req.body,
        by: user,
        at: stampIso(await latestAt(db, 'notes', req.dealKey)),
        ...(req.diagnosis ? { diagnosis: req.diagnosis } : {}),
        ...(deal.repId ? { repId: deal.repId } : {}),
      };
      const { draftKept } = await addNoteClearingDraft(db, note, noteDraftKey(req.dealKey), zone(), req.draftShown);
      await deps.broadcast({
        kind: 'dealside/changed',
        dealKeys: [req.dealKey],
        tabIds: [],
        draft: { key: noteDraftKey(req.dealKey), writer: req.draftWriter ?? '' },
      });
      // another tab's composer wrote the draft since: its text stays, and this composer shows it
      return draftKept ? { ...note, draftKept } : note;
    },

    async 'draft/get'(req) {
      return getDraft(await deps.db(), req.key);
    },

    async 'draft/save'(req) {
      const draft = { key: req.key, value: req.value, updatedAt: nowIso() };
      await putDraft(await deps.db(), draft);
      await draftChanged(req.key, req.writer);
      return draft;
    },

    async 'draft/clear'(req) {
      await deleteDraft(await deps.db(), req.key);
      await draftChanged(req.key, req.writer);
      return null;
    },

    async 'settings/get'() {
      return getSettings(await deps.db());
    },

    async 'settings/set'(req) {
      // a new date order (or a site's forgotten) reads the stored deals' dates again, in the same write
      const { forgetDateOrderOf: forget, ...patch } = req.patch;
      // forgetting applies to the map as stored: a site learned meanwhile in another tab stays
      const change = (current: Settings) => {
        if (forget === undefined) return patch;
        const { [forget]: _gone, ...kept } = current.dateOrderBySite;
        return { ...patch, dateOrderBySite: kept };
      };
      const { after, reread } = await changeSettingsRereadingDates(await deps.db(), change, nowIso());
      if (req.patch.theme) await mirrorTheme(deps.db);
      await changed(reread, [], true);
      return after;
    },

    async 'reps/list'() {
      return listReps(await deps.db());
    },
  };
}
