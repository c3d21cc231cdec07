import { z } from 'zod';
import {
  dealKeySchema,
  dealSnapshotSchema,
  diagnosisSchema,
  growSchema,
  idSchema,
  isoDate,
  scoreDimensionSchema,
  personSchema,
  shortText,
  callProviderSchema,
  crmSiteSchema,
  DATE_ORDERS,
  pinnedNoteSchema,
  type CrmSite,
  type CallReview,
  type Commitment,
  type DealRecord,
  type Draft,
  type NextStep,
  type Note,
  type Rep,
  type Score,
  type Settings,
} from '../model';
import type { WeekCard } from '../scorecard/types';
import type { ReadCounts, RepWeekDetail } from '../db/scorecard';
import type { Backup } from '../backup/format';
import type { RestoreReport } from '../backup/plan';

/**
 * Every request any part of Dealside may send to the background, as one zod
 * union. Anything that does not parse is rejected with a typed error before a
 * handler sees it. Which sender may send which type is in `router.ts`.
 */

const noteBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free'), text: z.string().trim().min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('grow'), grow: growSchema }),
]);

/**
 * A settings change. Not `settingsSchema.partial()`: zod 4 fills defaults
 * inside optional fields, so a patch of `{ user }` would reset the others.
 */
export const settingsPatchSchema = z
  .strictObject({
    user: personSchema,
    weekStartsOn: z.number().int().min(1).max(7),
    sidebar: z
      .strictObject({ width: z.number().int().min(280).max(720), collapsed: z.boolean() })
      .partial(),
    theme: z.enum(['system', 'light', 'dark']),
    refuseCoveredClicks: z.boolean(),
    dateOrder: z.enum(['auto', ...DATE_ORDERS]),
    /** a site whose learned date order is to be forgotten (Options' "Forget"), applied to the settings as stored */
    forgetDateOrderOf: z.string().max(260),
  })
  .partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

// ── call review (issue 3) — begin ──
/** What the panel sends on every autosave and on completion (see lib/calls/review-history.ts). */
export const reviewInputSchema = z.strictObject({
  callKey: z.string().min(3).max(400),
  provider: callProviderSchema,
  callId: z.string().min(1).max(300),
  title: z.string().max(300),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  repId: z.string().min(3).max(300).optional(),
  repName: z.string().trim().max(120).optional(),
  dealKey: dealKeySchema.optional(),
  scores: z.strictObject({
    discovery: z.number().int().min(1).max(5).optional(),
    nextStep: z.number().int().min(1).max(5).optional(),
    qualification: z.number().int().min(1).max(5).optional(),
  }),
  overallNote: z.string().max(10_000),
  pins: z.array(pinnedNoteSchema).max(500),
  timeSpentMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000),
});

/** A recording page as the calls content script reports it (page-controlled: bounded). */
export const callPageSchema = z.strictObject({
  provider: callProviderSchema,
  callId: z.string().min(1).max(300),
  callKey: z.string().min(3).max(400),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().max(300),
});
export type CallPage = z.infer<typeof callPageSchema>;
// ── call review (issue 3) — end ──

/**
 * What a framed panel (sidebar, call review) sends back of its tab's frame token
 * (lib/handlers/frame-tokens.ts): from its address, so any string a page put there.
 * Checked against the tab's by the handler, which refuses in words.
 */
const frameToken = z.string().max(64);

/** Which composer wrote a draft (a random id per composer), so it can tell its own saves from another tab's. */
const draftWriter = z.string().max(64);

// Every request and each object inside one is strict: a key the protocol does not name is
// refused (bad-request) rather than dropped unseen, so a sender cannot smuggle a field past
// the schema into a handler that spreads what it was given. Stored records (lib/model) are not:
// a later version's extra field must not make this one's records unreadable.
export const requestSchema = z.discriminatedUnion('type', [
  // ── from the CRM content script: report what it read; learns nothing back ──
  z.strictObject({ type: z.literal('page/snapshot'), snapshot: dealSnapshotSchema.nullable() }),
  z.strictObject({ type: z.literal('page/sidebarPrefs') }),
  /** on a host no built-in adapter owns: which CRM the user said runs at the sender's site (null: none) */
  z.strictObject({ type: z.literal('page/siteCrm') }),
  z.strictObject({
    type: z.literal('page/setSidebarPrefs'),
    width: z.number().int().min(280).max(720).optional(),
    collapsed: z.boolean().optional(),
  }),

  // ── from the sidebar frame ──
  /** which deal the sender's tab shows (keyed by the sender's tab, never by postMessage) */
  z.strictObject({ type: z.literal('sidebar/current'), frameToken }),
  /** first paint in one round trip: settings, the tab's deal, and that deal's view */
  z.strictObject({ type: z.literal('sidebar/open'), frameToken }),

  // ── from any extension page (sidebar, popup, options) ──
  z.strictObject({ type: z.literal('deal/view'), dealKey: dealKeySchema }),
  z.strictObject({
    type: z.literal('commitment/create'),
    dealKey: dealKeySchema,
    text: shortText,
    due: isoDate,
    dueInput: z.string().max(100).optional(),
    /** a manager recording the rep's own words in a 1:1 */
    onBehalfOfRep: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('commitment/resolve'),
    id: idSchema,
    outcome: z.enum(['kept', 'missed', 'dropped']),
    note: z.string().trim().max(2000),
    reason: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('commitment/renegotiate'),
    id: idSchema,
    newDue: isoDate,
    newDueInput: z.string().max(100).optional(),
    reason: z.string().trim().min(1).max(2000),
    note: z.string().trim().max(2000),
  }),
  z.strictObject({
    type: z.literal('nextStep/set'),
    dealKey: dealKeySchema,
    // a blank step would erase the one it replaces, and then read as if the CRM showed none
    text: z.string().trim().min(1).max(1000),
    due: isoDate.optional(),
  }),
  /** `shownText`: the step as the sidebar shows it; a different one stored since is not marked */
  z.strictObject({ type: z.literal('nextStep/markDone'), dealKey: dealKeySchema, shownText: z.string().max(1000) }),
  z.strictObject({
    type: z.literal('score/add'),
    dealKey: dealKeySchema,
    dimension: scoreDimensionSchema,
    value: z.number().int().min(1).max(5),
  }),
  z.strictObject({
    type: z.literal('note/add'),
    dealKey: dealKeySchema,
    body: noteBodySchema,
    diagnosis: diagnosisSchema.optional(),
    /** the composer that wrote the draft this note clears (ChangeEvent.draft) */
    draftWriter: draftWriter.optional(),
    /** the draft as that composer shows it: the stored draft is cleared only while it is still this text */
    draftShown: z.record(z.string(), z.string().max(10_000)).optional(),
  }),
  z.strictObject({ type: z.literal('draft/get'), key: z.string().min(1).max(400) }),
  z.strictObject({
    type: z.literal('draft/save'),
    key: z.string().min(1).max(400),
    value: z.record(z.string(), z.string().max(10_000)),
    writer: draftWriter.optional(),
  }),
  z.strictObject({ type: z.literal('draft/clear'), key: z.string().min(1).max(400), writer: draftWriter.optional() }),
  z.strictObject({ type: z.literal('settings/get') }),
  z.strictObject({ type: z.literal('settings/set'), patch: settingsPatchSchema }),
  z.strictObject({ type: z.literal('reps/list') }),

  // ── call review (issue 3) — begin ──
  /** calls content script: the recording this tab shows (null: left it). Learns back only whether its panel was open in this tab. */
  z.strictObject({ type: z.literal('calls/page'), call: callPageSchema.nullable() }),
  /** calls content script: the person opened or closed the panel in this tab */
  z.strictObject({ type: z.literal('calls/panel'), open: z.boolean() }),
  /** call-review frame: which recording its tab shows (keyed by the sender's tab) */
  z.strictObject({ type: z.literal('calls/current'), frameToken }),
  /** call-review frame: the media's position, relayed to its tab's content script */
  z.strictObject({ type: z.literal('calls/mediaTime'), frameToken, fresh: z.boolean().optional() }),
  /** call-review frame: seek its tab's media */
  z.strictObject({ type: z.literal('calls/seek'), seconds: z.number().finite().min(0).max(24 * 3600), frameToken }),
  /** popup: "Review this call" on the active tab (activeTab + scripting) */
  z.strictObject({ type: z.literal('calls/reviewTab') }),
  z.strictObject({ type: z.literal('callReview/get'), callKey: z.string().min(3).max(400) }),
  /**
   * `baseUpdatedAt`: the version the panel's edits are based on (the review's
   * `updatedAt` as it loaded or last saved it; null: it loaded none). A save
   * based on another version is refused ('conflict'), so a panel opened before
   * another one completed the review cannot revert it. `timeOnly`: only the
   * time spent (the panel's periodic flush): recorded without any other change.
   */
  z.strictObject({
    type: z.literal('callReview/saveDraft'),
    review: reviewInputSchema,
    baseUpdatedAt: z.string().max(40).nullable(),
    timeOnly: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('callReview/complete'), review: reviewInputSchema, baseUpdatedAt: z.string().max(40).nullable() }),
  z.strictObject({ type: z.literal('callReview/forDeal'), dealKey: dealKeySchema }),
  z.strictObject({ type: z.literal('deals/search'), query: z.string().max(200) }),
  // ── call review (issue 3) — end ──

  // ── weekly scorecard (issue 4) — begin ──
  /** popup: one week for every rep; a week start (snapped to the user's week) or weeks from this one */
  z.strictObject({
    type: z.literal('scorecard/week'),
    weekStart: isoDate.optional(),
    offset: z.number().int().min(-520).max(520).optional(),
  }),
  /** popup's 1:1 view: one rep's recent scores, notes and completed reviews up to the week's end */
  z.strictObject({ type: z.literal('scorecard/rep'), repId: z.string().min(3).max(300), weekStart: isoDate }),
  // ── weekly scorecard (issue 4) — end ──

  // ── CRM sites a user adds — begin ──
  /** Options: read pages of this site as this CRM (the host permission is asked by Options first) */
  z.strictObject({ type: z.literal('sites/add'), address: z.string().max(2048), crm: crmSiteSchema.shape.crm }),
  z.strictObject({ type: z.literal('sites/remove'), origin: crmSiteSchema.shape.origin }),
  // ── CRM sites a user adds — end ──

  // ── backup — begin ──
  /** Options: every source record, as the backup file's object */
  z.strictObject({ type: z.literal('backup/export') }),
  /**
   * Options: restore a parsed backup file. Checked in the handler
   * (lib/backup/format.ts), record by record, so the person learns what was
   * wrong with their file rather than a schema path.
   */
  z.strictObject({ type: z.literal('backup/import'), backup: z.unknown().refine((b): boolean => b !== undefined, 'is missing') }),
  // ── backup — end ──
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Everything the sidebar needs for one deal, in one round trip. */
export interface DealView {
  deal: DealRecord | null;
  /** newest first */
  commitments: Commitment[];
  nextStep: NextStep | null;
  /** oldest first (history); current = last per dimension */
  scores: Score[];
  /** newest first */
  notes: Note[];
}

export interface CurrentDeal {
  /** the tab the asking frame lives in (lets the frame filter ChangeEvent.tabIds) */
  tabId: number;
  dealKey: string | null;
  /** the snapshot exactly as last validated for this tab */
  snapshot: z.infer<typeof dealSnapshotSchema> | null;
  /** why the deal the tab's page reported was not recorded (its site's new records refused for a while) */
  refused?: string;
}

/** What each request answers with. */
export interface ResponseMap {
  'page/snapshot': { accepted: boolean };
  /** `frameToken`: for the sidebar frame's address (lib/handlers/frame-tokens.ts) */
  'page/sidebarPrefs': Settings['sidebar'] & { theme: Settings['theme']; frameToken: string };
  'page/siteCrm': { crm: CrmSite['crm'] | null };
  'page/setSidebarPrefs': Settings['sidebar'];
  'sidebar/current': CurrentDeal;
  'sidebar/open': { settings: Settings; current: CurrentDeal; view: DealView | null };
  'deal/view': DealView;
  'commitment/create': Commitment;
  'commitment/resolve': Commitment;
  'commitment/renegotiate': { closed: Commitment; opened: Commitment };
  'nextStep/set': NextStep;
  'nextStep/markDone': NextStep;
  'score/add': Score;
  /** `draftKept`: another composer saved the draft since (not the text shown here), so it was not cleared */
  'note/add': Note & { draftKept?: boolean };
  'draft/get': Draft | null;
  'draft/save': Draft;
  'draft/clear': null;
  'settings/get': Settings;
  'settings/set': Settings;
  'sites/add': Settings;
  'sites/remove': Settings;
  'reps/list': Rep[];
  // ── call review (issue 3) — begin ──
  /** `frameToken`: for the call-review frame's address (lib/handlers/frame-tokens.ts) */
  'calls/page': { accepted: boolean; panelOpen: boolean; frameToken: string };
  'calls/panel': { accepted: boolean };
  'calls/current': CurrentCall;
  'calls/mediaTime': MediaState;
  'calls/seek': MediaState;
  'calls/reviewTab': { started: boolean; reason?: string };
  'callReview/get': CallReview | null;
  'callReview/saveDraft': CallReview;
  'callReview/complete': CallReview;
  /** completed reviews (or with a completed version in history) linked to the deal, newest first */
  'callReview/forDeal': CallReview[];
  'deals/search': DealHit[];
  // ── call review (issue 3) — end ──
  // ── weekly scorecard (issue 4) ──
  'scorecard/week': ScorecardWeek;
  'scorecard/rep': RepWeekDetail;
  // ── backup ──
  'backup/export': Backup;
  'backup/import': RestoreReport;
}

// ── weekly scorecard (issue 4) — begin ──
export interface ScorecardWeek {
  card: WeekCard;
  /** the first day of the current week (for "This week") */
  thisWeekStart: string;
  weekStartsOn: number;
  theme: Settings['theme'];
  /** records read to build it (index ranges only), and how long the handler took */
  read: ReadCounts;
  ms: number;
  /**
   * This week's answer only: the database generation read before the week was
   * (lib/handlers/week-cache.ts). The popup compares it with the current one
   * once it listens for changes: a write made before that reached no port of its own.
   */
  generation?: string;
}
// ── weekly scorecard (issue 4) — end ──

// ── call review (issue 3) — begin ──
export interface CurrentCall {
  tabId: number;
  call: CallPage | null;
}
/** What the recording page's media says now; `hasMedia: false` → pin by typed time. */
export interface MediaState {
  hasMedia: boolean;
  currentTime: number;
  duration: number | null;
  paused: boolean;
}
export interface DealHit {
  key: string;
  name: string;
  owner?: string;
  repId?: string;
  crm: string;
}
// ── call review (issue 3) — end ──

export type ErrorCode =
  | 'bad-sender' // sender is not one of ours, or not allowed this type
  | 'bad-request' // payload failed validation
  | 'unknown-type'
  | 'not-found'
  | 'invalid-state' // e.g. resolving an already-resolved commitment
  | 'no-user' // first run not completed
  | 'conflict' // a call review saved from a version changed since (another panel on the same call)
  | 'too-large' // e.g. a backup over the size one message can carry
  | 'rate-limited' // a site's pages reported more new deals or reps than a person opens (lib/rules/record-quota.ts)
  | 'gone' // said by the page itself (lib/messages/client.ts): Dealside was updated, reloaded or removed under it
  | 'internal';

export type Envelope<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string } };

/**
 * Broadcast by the background to extension pages after a write (runtime
 * messages reach extension frames, never content scripts or page scripts).
 * Receivers check the sender is the extension itself.
 */
export interface ChangeEvent {
  kind: 'dealside/changed';
  /** deals whose data changed; empty for non-deal changes (settings, reps) */
  dealKeys: string[];
  /** tabs whose current deal changed (SPA navigation, new snapshot) */
  tabIds: number[];
  /** call reviews saved (by call key): every panel on those calls reloads the review */
  callKeys?: string[];
  /** settings changed */
  settings?: boolean;
  /** the connection to the background was lost and is back: reload everything shown */
  resync?: boolean;
  /**
   * A draft was saved or cleared (a note added clears its deal's): every other composer of
   * that draft (another tab on the deal) loads it again, so none types over the other's text.
   * `writer`: the composer that wrote it, which has it already ('' if none said).
   */
  draft?: { key: string; writer: string };
}
