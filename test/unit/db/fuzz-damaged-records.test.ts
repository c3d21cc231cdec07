/**
 * Stored records are untrusted: a record damaged on disk (another version's bug, a manual
 * edit, a partial write) must not break the sidebar, the popup's weekly scorecard, Options'
 * backup or any other record. A database filled through the handlers (four deals of three
 * reps, commitments in every status, scores, notes, drafts, next steps, call reviews, the
 * settings and the derived aggregates kept on write) has one to three of its records damaged
 * at random, straight in IndexedDB (seeded, so every case replays): a field dropped, of the
 * wrong type, null, huge, an invalid date, a time far in the future, an unknown enum value, an
 * array for an object, a key that no longer matches what the record says, a deal or rep that
 * does not exist, a record moved to another key; the settings replaced by something that is no
 * settings at all.
 * Then every read and write path runs through the handlers.
 *
 * What each path does with a damaged record (checked here):
 * - sidebar/open, deal/view: a damaged deal or next step reads as none; damaged commitments,
 *   scores and notes are left out of the lists; every other record of the deal is listed as stored.
 * - sidebar/current: the tab's deal (session storage), whatever is stored.
 * - page/sidebarPrefs, settings/get, sidebar/open's settings: a damaged settings field reads as
 *   its default on its own; settings that are no object read as the defaults (no user: the
 *   writes that need one refuse with `no-user`).
 * - reps/list, deals/search, draft/get, callReview/get, callReview/forDeal: damaged records skipped.
 * - scorecard/week: a damaged rep has no row; a damaged aggregate (repWeeks, repPipelines,
 *   repOpenDues) is skipped, so only that rep's counts it held are missing; every other row is as
 *   before the damage. scorecard/rep: damaged records skipped.
 * - backup/export: damaged records left out and counted in `leftOut`, settings field by field.
 * - writes: refused with a typed HandlerError in words when a record they need is damaged
 *   (`no-user`, `not-found`, `invalid-state`); a damaged aggregate they touch is rebuilt from
 *   empty (lib/db/rep-weeks.ts); a damaged record they write (the deal a page reports, the next
 *   step set, the note draft a note clears) is replaced or cleared. No write changes or deletes
 *   any other record; everything a write stores passes its schema and is dated when it is made,
 *   whatever time a damaged record holds.
 * - A damaged record that still passes its schema (a deal or rep that does not exist, a score
 *   dated 2999) is read as any other: in the 1:1, say, as its call review's latest score.
 *
 * A failure names the seed and the damage done, in order. Replay one case with `FUZZ_SEED=17`;
 * search wider with `FUZZ_SEEDS=500`.
 */
import { isDeepStrictEqual } from 'node:util';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StoreNames } from 'idb';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import type { DealsideDB } from '../../../lib/db/schema';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { createScorecardHandlers } from '../../../lib/handlers/scorecard';
import { createBackupHandlers } from '../../../lib/handlers/backup';
import { createCallReviewHandlers } from '../../../lib/handlers/call-reviews';
import { issueFrameToken } from '../../../lib/handlers/frame-tokens';
import { setTabDeal } from '../../../lib/handlers/tab-state';
import { getSettings } from '../../../lib/db/settings';
import { DERIVED_STORES } from '../../../lib/db/derived';
import { HandlerError } from '../../../lib/messages/router';
import { requestSchema, type RequestOf, type RequestType, type ResponseMap } from '../../../lib/messages/protocol';
import type { SenderLike } from '../../../lib/messages/senders';
import { RECORD_SPECS, RECORD_STORES, type RecordStore } from '../../../lib/backup/format';
import { callReviewSchema, commitmentSchema, dealRecordSchema, nextStepSchema, noteDraftKey, noteSchema, repSchema, scoreSchema, settingsSchema, soundSettingsOf } from '../../../lib/model';
import { noteDraftDealKey } from '../../../lib/model/keys';
import { isPipelineEntry } from '../../../lib/scorecard/pipeline';
import { isRepPipeline } from '../../../lib/scorecard/rep-pipeline';
import { isRepWeek } from '../../../lib/scorecard/rep-weeks';
import { isRepOpenDues } from '../../../lib/scorecard/rep-open-dues';
import { addDays, todayIn } from '../../../lib/dates';
import { RUBRIC_VERSION } from '../../../lib/rubric';
import { ACME, GLOBEX, NY, manager, snapshot } from '../support/records';
import { fuzzSeeds, mulberry32, pick, type Rng } from '../support/fuzz';

/** 100 cases: about 7 s for the file on a busy 2-core machine; `FUZZ_SEEDS` for a wider search. */
const { seeds, only: ONLY_SEED } = fuzzSeeds(100);

/** Every store the app reads: the source records, the settings, the aggregates derived from them. */
const STORES = [...RECORD_STORES, 'settings', ...DERIVED_STORES] as const satisfies readonly StoreNames<DealsideDB>[];
type Store = (typeof STORES)[number];
/** The fields each store's key is read from (settings: an out-of-line key). */
const KEY_FIELDS: Record<Store, readonly string[]> = {
  deals: ['key'],
  reps: ['id'],
  commitments: ['id'],
  nextSteps: ['dealKey'],
  scores: ['id'],
  notes: ['id'],
  drafts: ['key'],
  callReviews: ['id'],
  settings: [],
  pipeline: ['dealKey'],
  repWeeks: ['week', 'repId'],
  repPipelines: ['repId'],
  repOpenDues: ['repId'],
};
/** Whether a stored value is sound, as the app's reads check it. */
const sound: Record<Store, (x: unknown) => boolean> = {
  ...(Object.fromEntries(RECORD_STORES.map((s) => [s, (x: unknown) => RECORD_SPECS[s].schema.safeParse(x).success])) as Record<RecordStore, (x: unknown) => boolean>),
  settings: (x) => settingsSchema.safeParse(x).success,
  pipeline: isPipelineEntry,
  repWeeks: isRepWeek,
  repPipelines: isRepPipeline,
  repOpenDues: isRepOpenDues,
};

// ── the database, through the handlers ──

const HOST = 'acme.lightning.force.com';
const INITECH = 'salesforce:acme/0065g00000InitcQAA';
const HOOLI = 'salesforce:acme/0065g00000HooliQAA';
const GHOST_DEAL = 'salesforce:acme/0065g00000GhostQAA';
const GHOST_REP = 'salesforce:Nobody Here';
const DEALS = [
  { key: ACME, recordId: '0065g00000AcmeQAAS', owner: 'Dana Reyes', stage: 'Negotiation', step: 'Send the MAP' },
  { key: GLOBEX, recordId: '0065g00000GlobxQAA', owner: 'Lee Park', stage: 'Discovery' },
  { key: INITECH, recordId: '0065g00000InitcQAA', owner: 'Dana Reyes', stage: 'Proposal', step: 'Pricing call' },
  { key: HOOLI, recordId: '0065g00000HooliQAA', owner: 'Kim Ode', stage: 'Qualification' },
] as const;
const DEAL_KEYS: readonly string[] = DEALS.map((d) => d.key);
const TAB = 7;
const sidebarSender: SenderLike = { id: 'x', url: 'chrome-extension://x/sidebar.html', tab: { id: TAB }, frameId: 3 };
const pageSender: SenderLike = { id: 'x', url: 'chrome-extension://x/popup.html' };
const contentSender = (url: string): SenderLike => ({ id: 'x', url, tab: { id: TAB, url }, frameId: 0 });
/** Every case reads and writes the day after the build's last writes (Wednesday of the scorecard's week). */
const NOW = new Date('2026-11-25T15:00:00.000Z');

type Handler = (request: unknown, sender: SenderLike) => Promise<unknown>;
type Outcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string } | { ok: false; crash: unknown };

/** Every handler the sidebar, the popup, Options and the call panel reach, over `db`. */
function appOf(db: DB, clock: { at: Date }, newId: () => string) {
  const deps = { db: async () => db, now: () => clock.at, timeZone: () => NY };
  const handlers = {
    ...createDealHandlers({ ...deps, broadcast: async () => {}, newId }),
    ...createScorecardHandlers(deps),
    ...createBackupHandlers(deps),
    ...createCallReviewHandlers({ ...deps, newId, broadcast: async () => {}, rubricVersion: RUBRIC_VERSION, user: async () => (await getSettings(db)).user ?? null }),
  } as unknown as Record<RequestType, Handler>;
  /** The request checked as the router checks it (a refusal there is this test's mistake), then handled. */
  return async function send<T extends RequestType>(type: T, body: Omit<RequestOf<T>, 'type'>, sender = pageSender): Promise<Outcome<ResponseMap[T]>> {
    const request = requestSchema.parse({ type, ...body });
    try {
      return { ok: true, data: (await handlers[type](request, sender)) as ResponseMap[T] };
    } catch (e) {
      return e instanceof HandlerError ? { ok: false, code: e.code, message: e.message } : { ok: false, crash: e };
    }
  };
}
type Send = ReturnType<typeof appOf>;

const report = (send: Send, d: (typeof DEALS)[number], at: Date) =>
  send(
    'page/snapshot',
    { snapshot: snapshot(d.recordId, d.owner, { stage: d.stage, readAt: at.toISOString(), ...('step' in d ? { nextStep: { text: d.step } } : {}) }) },
    contentSender(`https://${HOST}/lightning/r/Opportunity/${d.recordId}/view`),
  );

const review = (callId: string, dealKey: string, repName: string, scores: Record<string, number>) => ({
  callKey: `gong:${callId}`,
  provider: 'gong' as const,
  callId,
  title: `Call ${callId}`,
  url: `https://app.gong.io/call?id=${callId}`,
  dealKey,
  repName,
  scores,
  overallNote: 'Good questions.',
  pins: [],
  timeSpentMs: 600_000,
});

/** Three weeks of a manager's coaching of three reps, written as the app writes it. */
async function build(db: DB): Promise<void> {
  const clock = { at: new Date('2026-11-09T15:00:00.000Z') };
  let n = 0;
  const send = appOf(db, clock, () => `b${++n}`);
  const must = async <T extends RequestType>(type: T, body: Omit<RequestOf<T>, 'type'>, sender?: SenderLike) => {
    const got = await send(type, body, sender);
    if (!got.ok) throw new Error(`building the database: ${type} failed: ${'code' in got ? got.message : String(got.crash)}`);
    return got.data;
  };
  const promise = async (dealKey: string, text: string, due: string) => (await must('commitment/create', { dealKey, text, due })).id;
  const note = (dealKey: string, text: string, diagnosis?: 'skill' | 'will') => must('note/add', { dealKey, body: { kind: 'free', text }, ...(diagnosis ? { diagnosis } : {}) });
  const score = (dealKey: string, dimension: 'discovery' | 'nextStep' | 'qualification', value: number) => must('score/add', { dealKey, dimension, value });

  // week of Nov 9
  await must('settings/set', { patch: { user: manager, weekStartsOn: 1, theme: 'dark' } });
  for (const d of DEALS) {
    const got = await report(send, d, clock.at);
    if (!got.ok) throw new Error(`building the database: the snapshot of ${d.key} was refused`);
  }
  const [kept, missed, dropped, later, open] = [
    await promise(ACME, 'Send pricing', '2026-11-11'),
    await promise(ACME, 'Book the demo', '2026-11-12'),
    await promise(ACME, 'Intro to the CFO', '2026-11-13'),
    await promise(ACME, 'Security docs', '2026-11-20'),
    await promise(ACME, 'Sign the MSA', '2026-12-04'),
  ];
  const renegotiated = await promise(GLOBEX, 'Send a case study', '2026-11-10');
  await promise(GLOBEX, 'Map the stakeholders', '2026-11-18');
  await promise(INITECH, 'Draft the proposal', '2026-11-16');
  const hooli = await promise(HOOLI, 'First call', '2026-11-12');
  await score(ACME, 'discovery', 3);
  await score(ACME, 'qualification', 4);
  await score(GLOBEX, 'nextStep', 2);
  await score(INITECH, 'discovery', 4);
  await score(HOOLI, 'qualification', 3);
  await note(ACME, 'Good discovery', 'skill');
  await must('note/add', { dealKey: GLOBEX, body: { kind: 'grow', grow: { goal: 'Close in Q4', reality: 'No champion', options: 'Ask the VP', will: 'Call Friday' } } });
  await note(INITECH, 'Slow to follow up', 'will');
  await must('nextStep/set', { dealKey: GLOBEX, text: 'Demo with the team', due: '2026-11-19' });
  await must('callReview/complete', { review: review('1', ACME, 'Dana Reyes', { discovery: 4, nextStep: 2 }), baseUpdatedAt: null });
  await must('callReview/saveDraft', { review: review('2', GLOBEX, 'Lee Park', { qualification: 3 }), baseUpdatedAt: null });

  // week of Nov 16
  clock.at = new Date('2026-11-16T15:00:00.000Z');
  await must('commitment/resolve', { id: kept, outcome: 'kept', note: 'sent' });
  await must('commitment/resolve', { id: missed, outcome: 'missed', note: '' });
  await must('commitment/resolve', { id: dropped, outcome: 'dropped', note: '', reason: 'CFO left' });
  await must('commitment/resolve', { id: hooli, outcome: 'missed', note: 'no answer' });
  await must('commitment/renegotiate', { id: renegotiated, newDue: '2026-11-24', reason: 'Legal review', note: '' });
  await score(GLOBEX, 'discovery', 5);
  await score(ACME, 'nextStep', 3);
  await note(HOOLI, 'Needs a plan');
  await must('nextStep/markDone', { dealKey: INITECH, shownText: 'Pricing call' });
  await must('draft/save', { key: noteDraftKey(GLOBEX), value: { text: 'half a thought' } });
  await must('draft/save', { key: `outcome:${ACME}`, value: { [`${open}/note`]: 'on track' } });
  await must('draft/save', { key: `nextstep:${HOOLI}`, value: { text: 'Call back', due: '' } });
  const first = await must('callReview/get', { callKey: 'gong:1' });
  await must('callReview/complete', { review: review('1', ACME, 'Dana Reyes', { discovery: 4, nextStep: 3 }), baseUpdatedAt: first?.updatedAt ?? null });

  // week of Nov 23
  clock.at = new Date('2026-11-24T15:00:00.000Z');
  await must('commitment/resolve', { id: later, outcome: 'kept', note: 'sent on time' });
  await score(ACME, 'nextStep', 4);
  await note(ACME, 'Next step dated at last', 'skill');
  await score(HOOLI, 'discovery', 2);
  await report(send, DEALS[0], clock.at);
}

// ── the stores, raw ──

type Rows = Map<Store, Map<string, { key: IDBValidKey; value: unknown }>>;
const idOf = (key: IDBValidKey) => JSON.stringify(key);

async function dumpOf(db: DB, stores: readonly Store[] = STORES): Promise<Rows> {
  const tx = db.transaction(stores, 'readonly');
  const out: Rows = new Map();
  await Promise.all(
    stores.map(async (store) => {
      const [keys, values] = await Promise.all([tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()]);
      out.set(store, new Map(keys.map((key, i) => [idOf(key), { key, value: values[i] as unknown }])));
    }),
  );
  await tx.done;
  return out;
}

/** The database as `base` holds it, every store written raw. */
async function restoreRaw(db: DB, base: Rows): Promise<void> {
  const tx = db.transaction(STORES, 'readwrite');
  await Promise.all(STORES.map((s) => tx.objectStore(s).clear()));
  for (const [store, rows] of base) {
    const target = tx.objectStore(store) as unknown as IDBObjectStoreLike;
    for (const { key, value } of rows.values()) void (store === 'settings' ? target.put(value, key) : target.put(value));
  }
  await tx.done;
}
/** A store as a raw writer sees it: any value, no typing. */
interface IDBObjectStoreLike {
  put(value: unknown, key?: IDBValidKey): Promise<unknown>;
  delete(key: IDBValidKey): Promise<unknown>;
}
const rawStore = (db: DB, store: Store) => db.transaction(store, 'readwrite').objectStore(store) as unknown as IDBObjectStoreLike;

// ── damage ──

type Path = (string | number)[];
interface Damage {
  store: Store;
  /** the key it was stored under, and the key it is stored under now (moved) */
  key: string;
  movedTo?: string;
  kind: string;
  said: string;
}

const WRONG_TYPES: readonly unknown[] = [42, -1, 0, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], 'text', '', new Date('2026-11-20T00:00:00Z'), 10n];
const BAD_DATES = ['2026-02-30', '2026-13-01', 'not a date', '', '0000-01-01', '1899-12-31', '9999-12-31T23:59:59.999Z', '2026-11-20T15:00:00+02:00', '+275760-09-13T00:00:00.000Z', '2026-11-20', '2026-11-20T25:61:00.000Z', '2026-11-20T15:00:00.000Z'];
const BAD_ENUMS = ['archived', 'MANAGER', 'Open', '', 'unknown', 'salesforce ', 'null'];
const ENUM_FIELDS = new Set(['status', 'role', 'kind', 'dimension', 'diagnosis', 'crm', 'source', 'provider', 'theme', 'outcome', 'dateOrder']);
const REFERENCES = new Set(['dealKey', 'repId', 'reviewId', 'replacedBy', 'renegotiatedFrom']);
const HUGE = 'x'.repeat(300_000);
/** What settings may hold that is no settings at all. */
const NOT_SETTINGS: readonly unknown[] = [null, 'settings', 42, [], [{ user: manager }], true, {}, { user: 'Morgan' }];

/** Dates more often than the rest: most of what is derived (days, weeks, the stamps of new records) is from them. */
const KINDS = ['drop', 'null', 'type', 'huge', 'date', 'date', 'future', 'enum', 'array', 'dangling', 'mismatch', 'move'] as const;
/** Instants no clock writes: valid ones years ahead, the last millisecond of 9999, the last instant there is. */
const FAR_FUTURE = ['2999-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z'];

/** Every place in `value` below its root, but the fields its key is read from. */
function pathsOf(value: unknown, keyFields: readonly string[], from: Path = [], out: Path[] = []): Path[] {
  if (typeof value !== 'object' || value === null || from.length > 6) return out;
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    if (from.length === 0 && keyFields.includes(k)) continue;
    out.push([...from, key]);
    pathsOf(v, keyFields, [...from, key], out);
  }
  return out;
}
/** The object or array holding `path`'s last step. */
const parentOf = (root: unknown, path: Path) => path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, root as Record<string | number, unknown>);
const at = (root: unknown, path: Path): unknown => parentOf(root, path)[path.at(-1)!];
const short = (x: unknown) => {
  if (typeof x === 'string') return x.length > 40 ? `'${x.slice(0, 20)}…' (${x.length} chars)` : `'${x}'`;
  if (typeof x === 'bigint') return `${x}n`;
  if (x instanceof Date) return `Date(${x.toISOString()})`;
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

/**
 * One record of `value` damaged by `rng`: `value` changed in place, or a new key (moved). The
 * description says how. `others` are the keys stored in the store, which a move must not take.
 */
function damage(rng: Rng, store: Store, value: unknown, others: Set<string>): { value: unknown; kind: string; said: string; moved: boolean } {
  if (store === 'settings' && rng() < 0.25) {
    const replaced = pick(rng, NOT_SETTINGS);
    return { value: replaced, kind: 'no settings', said: `replaced by ${short(replaced)}`, moved: false };
  }
  const keyFields = KEY_FIELDS[store];
  const paths = pathsOf(value, keyFields);
  const set = (path: Path, to: unknown, kind: string) => {
    const before = at(value, path);
    parentOf(value, path)[path.at(-1)!] = to;
    return { value, kind, said: `${kind} at ${path.join('.')}: ${short(before)} → ${short(to)}`, moved: false };
  };
  const among = (want: (p: Path, v: unknown) => boolean) => paths.filter((p) => want(p, at(value, p)));
  const kind = pick(rng, KINDS);
  if (kind === 'move' && keyFields.length) {
    const field = pick(rng, keyFields);
    const was = (value as Record<string, unknown>)[field] as string;
    const to = field === 'week' ? '2026-11-18' : field === 'dealKey' ? GHOST_DEAL : field === 'repId' ? GHOST_REP : `${was}-moved`;
    (value as Record<string, unknown>)[field] = to;
    const key = idOf(keyFields.map((f) => (value as Record<string, unknown>)[f]) as IDBValidKey);
    if (!others.has(keyFields.length > 1 ? key : idOf(to))) return { value, kind: 'moved', said: `moved: ${field} ${short(was)} → ${short(to)}`, moved: true };
    (value as Record<string, unknown>)[field] = was; // that key is taken: damaged another way
  }
  if (kind === 'mismatch') {
    if (store === 'deals') return set(['snapshot', 'recordId'], '0065g00000OtherQAA', 'key no longer matches');
    if (store === 'reps') return set(['name'], 'Someone Else', 'key no longer matches');
    if (store === 'callReviews') return set(['callId'], '999', 'key no longer matches');
    if (store === 'repPipelines' && (value as { rows: unknown[][] }).rows.length) return set(['rows', 0, 0], GHOST_DEAL, 'key no longer matches');
  }
  if (kind === 'dangling') {
    const refs = among((p) => REFERENCES.has(String(p.at(-1))));
    if (refs.length) {
      const path = pick(rng, refs);
      const field = String(path.at(-1));
      return set(path, field === 'dealKey' ? GHOST_DEAL : field === 'repId' ? GHOST_REP : 'no-such-id', 'dangling');
    }
  }
  if (kind === 'huge') {
    const strings = among((_, v) => typeof v === 'string');
    if (strings.length) return set(pick(rng, strings), HUGE, 'huge');
  }
  if (kind === 'date') {
    const dates = among((_, v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v));
    if (dates.length) return set(pick(rng, dates), pick(rng, BAD_DATES), 'invalid date');
  }
  if (kind === 'future') {
    const instants = among((_, v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v));
    if (instants.length) return set(pick(rng, instants), pick(rng, FAR_FUTURE), 'far in the future');
  }
  if (kind === 'enum') {
    const enums = among((p, v) => typeof v === 'string' && ENUM_FIELDS.has(String(p.at(-1))));
    if (enums.length) return set(pick(rng, enums), pick(rng, BAD_ENUMS), 'unknown enum value');
  }
  if (kind === 'array') {
    const objects = among((_, v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (objects.length) {
      const path = pick(rng, objects);
      return set(path, rng() < 0.5 ? [] : [at(value, path)], 'array for an object');
    }
  }
  if (!paths.length) return { value, kind: 'none', said: 'unchanged (nothing to damage)', moved: false };
  const path = pick(rng, paths);
  if (kind === 'null') return set(path, null, 'null');
  if (kind === 'type' || kind === 'huge' || kind === 'date' || kind === 'future' || kind === 'enum') {
    const was = at(value, path);
    return set(path, pick(rng, WRONG_TYPES.filter((t) => typeof t !== typeof was)), 'wrong type');
  }
  const parent = parentOf(value, path);
  const before = at(value, path);
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else delete parent[path.at(-1)!];
  return { value, kind: 'dropped', said: `dropped ${path.join('.')} (was ${short(before)})`, moved: false };
}

/** The deal and the reps a stored record is about (as built, before any damage). */
function aboutOf(store: Store, value: unknown): { deal?: string; reps: string[] } {
  const v = (value ?? {}) as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const deal = store === 'deals' ? str(v.key) : store === 'drafts' ? noteDraftDealKey(str(v.key) ?? '') ?? str(v.key)?.split(':').slice(1).join(':') : str(v.dealKey);
  const reps = [str(v.repId), store === 'reps' ? str(v.id) : undefined];
  if (store === 'callReviews') for (const h of (v.history as { linked?: { repId?: string } }[] | undefined) ?? []) reps.push(h.linked?.repId);
  return { ...(deal ? { deal } : {}), reps: reps.filter((r): r is string => !!r) };
}

// ── the reads, and what each must give ──

interface Reads {
  views: Map<string, ResponseMap['deal/view']>;
  reviews: Map<string, ResponseMap['callReview/forDeal']>;
  reps: ResponseMap['reps/list'];
  weeks: Map<string, ResponseMap['scorecard/week']>;
  details: Map<string, ResponseMap['scorecard/rep']>;
  backup: ResponseMap['backup/export'];
  search: ResponseMap['deals/search'];
  drafts: Map<string, ResponseMap['draft/get']>;
  settings: ResponseMap['settings/get'];
}

const WEEKS = [{ offset: 0 }, { offset: -1 }, { offset: -2 }, { offset: 1 }, { weekStart: '2026-11-18' }] as const;
const weekName = (w: (typeof WEEKS)[number]) => ('offset' in w ? `offset ${w.offset}` : `week of ${w.weekStart}`);

/** Every number in `x` is finite (a NaN on the card is damage shown as data). */
function nonFinite(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [`${path || 'value'} is ${x}`];
  if (typeof x !== 'object' || x === null) return [];
  return Object.entries(x).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

/**
 * Run every read the sidebar, the popup and Options make. `problems` gets a line for each
 * crash, refusal (a read refuses nothing for damage) and record handed out that fails its check.
 */
async function readAll(send: Send, base: Rows, problems: string[], dealKey: string): Promise<Reads> {
  const got = async <T extends RequestType>(what: string, type: T, body: Omit<RequestOf<T>, 'type'>, sender?: SenderLike): Promise<ResponseMap[T] | undefined> => {
    const r = await send(type, body, sender);
    if (r.ok) return r.data;
    problems.push('crash' in r ? `${what} threw ${stackOf(r.crash)}` : `${what} refused (${r.code}): ${r.message}`);
    return undefined;
  };
  const invalid = (what: string, schema: { safeParse(x: unknown): { success: boolean } }, xs: readonly unknown[]) => {
    for (const x of xs) if (!schema.safeParse(x).success) problems.push(`${what} handed out an invalid record: ${short(x)}`);
  };
  const reads: Reads = { views: new Map(), reviews: new Map(), reps: [], weeks: new Map(), details: new Map(), backup: undefined!, search: [], drafts: new Map(), settings: undefined! };

  // the sidebar: its layout as the page puts it up, the tab's deal, its first paint, each deal's view
  const prefs = await got('page/sidebarPrefs', 'page/sidebarPrefs', {}, contentSender(`https://${HOST}/`));
  const deal = dealRecordSchema.safeParse(base.get('deals')!.get(idOf(dealKey))?.value).data;
  if (deal) await setTabDeal(TAB, { dealKey, snapshot: deal.snapshot });
  const frameToken = prefs?.frameToken ?? (await issueFrameToken('sidebar', TAB, false));
  const current = await got('sidebar/current', 'sidebar/current', { frameToken }, sidebarSender);
  if (current && deal && current.dealKey !== dealKey) problems.push(`sidebar/current: the tab shows ${current.dealKey}, not ${dealKey}`);
  const opened = await got('sidebar/open', 'sidebar/open', { frameToken }, sidebarSender);
  if (opened) invalid('sidebar/open settings', settingsSchema, [opened.settings]);
  for (const key of [...DEAL_KEYS, GHOST_DEAL]) {
    const view = await got(`deal/view of ${key}`, 'deal/view', { dealKey: key });
    if (view) {
      reads.views.set(key, view);
      invalid('deal/view deal', dealRecordSchema, view.deal ? [view.deal] : []);
      invalid('deal/view next step', nextStepSchema, view.nextStep ? [view.nextStep] : []);
      invalid('deal/view commitments', commitmentSchema, view.commitments);
      invalid('deal/view scores', scoreSchema, view.scores);
      invalid('deal/view notes', noteSchema, view.notes);
    }
    const listed = await got(`callReview/forDeal of ${key}`, 'callReview/forDeal', { dealKey: key });
    if (listed) {
      reads.reviews.set(key, listed);
      invalid('callReview/forDeal', callReviewSchema, listed);
    }
  }
  if (opened?.view && !isDeepStrictEqual(opened.view, reads.views.get(dealKey))) problems.push(`sidebar/open: its view of ${dealKey} is not deal/view's`);
  for (const { value } of base.get('drafts')!.values()) {
    const key = (value as { key: string }).key;
    reads.drafts.set(key, (await got(`draft/get ${key}`, 'draft/get', { key })) ?? null);
  }
  for (const { value } of base.get('callReviews')!.values()) {
    const callKey = callReviewSchema.safeParse(value).data?.callKey;
    const r = callKey && (await got('callReview/get', 'callReview/get', { callKey }));
    if (r) invalid('callReview/get', callReviewSchema, [r]);
  }
  reads.settings = (await got('settings/get', 'settings/get', {}))!;
  if (reads.settings) invalid('settings/get', settingsSchema, [reads.settings]);

  // the popup: the scorecard of this week and others, each rep's 1:1
  reads.reps = (await got('reps/list', 'reps/list', {})) ?? [];
  invalid('reps/list', repSchema, reads.reps);
  for (const w of WEEKS) {
    const week = await got(`scorecard/week (${weekName(w)})`, 'scorecard/week', w);
    if (!week) continue;
    reads.weeks.set(weekName(w), week);
    problems.push(...nonFinite(week.card).map((p) => `scorecard/week (${weekName(w)}): ${p}`));
  }
  for (const { key } of base.get('reps')!.values()) {
    for (const weekStart of ['2026-11-23', '2026-11-09']) {
      const detail = await got(`scorecard/rep ${String(key)} ${weekStart}`, 'scorecard/rep', { repId: String(key), weekStart });
      if (detail) reads.details.set(`${String(key)} ${weekStart}`, detail);
    }
  }
  // the call panel's deal search; Options' backup
  reads.search = (await got('deals/search', 'deals/search', { query: '' })) ?? [];
  reads.backup = (await got('backup/export', 'backup/export', {}))!;
  return reads;
}

const stackOf = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n      ') : short(e));

/** What must still be read after the damage: every record not damaged, as before it. */
async function checkReads(db: DB, reads: Reads, baseline: Reads, base: Rows, damaged: Damage[], problems: string[]): Promise<void> {
  const disk = await dumpOf(db);
  /** a damaged record as stored now */
  const stored = (d: Damage) => disk.get(d.store)!.get(d.movedTo ?? d.key)?.value;
  const hit = new Set(damaged.flatMap((d) => [`${d.store} ${d.key}`, ...(d.movedTo ? [`${d.store} ${d.movedTo}`] : [])]));
  const isDamaged = (store: Store, key: string) => hit.has(`${store} ${key}`);
  const intact = (store: Store, record: unknown) => {
    const k = (RECORD_SPECS as Record<string, { keyOf(r: unknown): string }>)[store]!.keyOf(record);
    return !isDamaged(store, idOf(k));
  };
  const missing = (what: string, store: Store, expected: readonly unknown[], got: readonly unknown[] | undefined) => {
    for (const x of expected) {
      if (intact(store, x) && !(got ?? []).some((y) => isDeepStrictEqual(x, y))) problems.push(`${what}: the undamaged ${store} record ${short(x)} is not read`);
    }
  };
  for (const [key, before] of baseline.views) {
    const now = reads.views.get(key);
    if (!now) continue;
    if (before.deal && intact('deals', before.deal) && !isDeepStrictEqual(before.deal, now.deal)) problems.push(`deal/view of ${key}: the undamaged deal is not read`);
    if (before.nextStep && intact('nextSteps', before.nextStep) && !isDeepStrictEqual(before.nextStep, now.nextStep)) problems.push(`deal/view of ${key}: the undamaged next step is not read`);
    missing(`deal/view of ${key}`, 'commitments', before.commitments, now.commitments);
    missing(`deal/view of ${key}`, 'scores', before.scores, now.scores);
    missing(`deal/view of ${key}`, 'notes', before.notes, now.notes);
  }
  for (const [key, before] of baseline.reviews) missing(`callReview/forDeal of ${key}`, 'callReviews', before, reads.reviews.get(key));
  for (const [key, before] of baseline.drafts) {
    if (!isDamaged('drafts', idOf(key)) && !isDeepStrictEqual(before, reads.drafts.get(key))) problems.push(`draft/get ${key}: the undamaged draft is not read`);
  }
  missing('reps/list', 'reps', baseline.reps, reads.reps);
  const found = new Set(reads.search.map((h) => h.key));
  for (const h of baseline.search) if (!isDamaged('deals', idOf(h.key)) && !found.has(h.key)) problems.push(`deals/search: the undamaged deal ${h.key} is not found`);

  // the scorecard: a row for every undamaged rep; as before for every rep no damaged record is about
  const settingsHit = isDamaged('settings', idOf('settings'));
  const touched = new Set(damaged.flatMap((d) => aboutOf(d.store, base.get(d.store)!.get(d.key)!.value).reps));
  for (const [name, before] of baseline.weeks) {
    const now = reads.weeks.get(name);
    if (!now) continue;
    for (const row of before.card.rows) {
      const repId = row.rep.id;
      const after = now.card.rows.find((r) => r.rep.id === repId);
      if (!after) {
        if (!isDamaged('reps', idOf(repId))) problems.push(`scorecard/week (${name}): no row for the undamaged rep ${repId}`);
      } else if (!settingsHit && !touched.has(repId) && !isDeepStrictEqual(row, after)) {
        problems.push(`scorecard/week (${name}): the row of ${repId}, whose records are undamaged, changed: ${short(row)} → ${short(after)}`);
      }
    }
  }
  // a damaged score still valid is read as any other: the latest of its call review's supersedes the others (a score dated 2999, say)
  const reviewOf = (x: unknown) => (x as { source?: { reviewId?: unknown } }).source?.reviewId;
  const superseding = new Set(damaged.filter((d) => d.store === 'scores' && sound.scores(stored(d))).map((d) => reviewOf(stored(d))));
  for (const [name, before] of baseline.details) {
    const now = reads.details.get(name);
    if (!now) continue;
    const ids = (xs: readonly { id: string }[]) => new Set(xs.map((x) => x.id));
    const lost = (store: Store, xs: readonly { id: string }[], got: Set<string>) =>
      xs.filter((x) => !isDamaged(store, idOf(x.id)) && !got.has(x.id) && !(store === 'scores' && superseding.has(reviewOf(x)))).map((x) => `${store} ${x.id}`);
    const gone = [...lost('commitments', before.ask, ids(now.ask)), ...lost('scores', before.scores, ids(now.scores)), ...lost('notes', before.notes, ids(now.notes)), ...lost('callReviews', before.reviews, ids(now.reviews))];
    if (gone.length) problems.push(`scorecard/rep ${name}: undamaged records not listed: ${gone.join(', ')}`);
  }

  // the backup: every undamaged record; the damaged ones counted as left out
  const backup = reads.backup;
  if (!backup) return;
  for (const store of RECORD_STORES) {
    const rows = [...disk.get(store)!.values()].map((r) => r.value);
    const bad = rows.filter((r) => !sound[store](r)).length;
    if (backup.leftOut[store] !== bad || backup.stores[store].length !== rows.length - bad) {
      problems.push(`backup/export ${store}: ${backup.stores[store].length} in the file and ${backup.leftOut[store]} left out, of ${rows.length} stored (${bad} damaged)`);
    }
    missing('backup/export', store, baseline.backup.stores[store] as unknown[], backup.stores[store] as unknown[]);
  }
  const settings = disk.get('settings')!.get(idOf('settings'))?.value;
  const readable = soundSettingsOf(settings);
  if (!isDeepStrictEqual(backup.stores.settings, readable) || backup.leftOut.settings !== (readable ? 0 : 1)) {
    problems.push(`backup/export settings: ${short(backup.stores.settings)}, ${backup.leftOut.settings} left out, for the stored ${short(settings)}`);
  }
}

// ── the writes, and what each may change ──

interface Change {
  store: Store;
  key: string;
  kind: 'added' | 'changed' | 'deleted';
  value: unknown;
}

function changesBetween(before: Rows, after: Rows): Change[] {
  const out: Change[] = [];
  for (const store of STORES) {
    const was = before.get(store)!;
    const now = after.get(store)!;
    for (const [key, row] of now) {
      const old = was.get(key);
      if (!old) out.push({ store, key, kind: 'added', value: row.value });
      else if (!isDeepStrictEqual(old.value, row.value)) out.push({ store, key, kind: 'changed', value: row.value });
    }
    for (const [key, row] of was) if (!now.has(key)) out.push({ store, key, kind: 'deleted', value: row.value });
  }
  return out;
}

const DERIVED = new Set<Store>(DERIVED_STORES);

interface Write {
  name: string;
  run: () => Promise<Outcome<unknown>>;
  /** the source records it may change: anything else changed (or deleted) is a bug */
  may: (c: Change) => boolean;
  /** must succeed: nothing it needs is damaged */
  healthy: boolean;
}

/** The writes a person makes on the damaged deal `d` and on an undamaged one `e`. */
async function writesOf(send: Send, rng: Rng, base: Rows, isDamaged: (store: Store, key: string) => boolean, hasUser: boolean, d: string, e: string | undefined): Promise<Write[]> {
  const today = todayIn(NY, NOW);
  const healthyDeal = (k: string) => hasUser && !isDamaged('deals', idOf(k));
  const added = (store: Store) => (c: Change) => c.store === store && c.kind === 'added';
  const onDeal = (k: string): Write[] => [
    {
      name: `draft/save on ${k}`,
      run: () => send('draft/save', { key: noteDraftKey(k), value: { text: 'typed' }, writer: 'fuzz' }),
      may: (c) => c.store === 'drafts' && c.key === idOf(noteDraftKey(k)) && c.kind !== 'deleted',
      healthy: true,
    },
    {
      name: `note/add on ${k}`,
      run: () => send('note/add', { dealKey: k, body: { kind: 'free', text: 'A note' }, diagnosis: 'knowledge', draftShown: { text: 'typed' } }),
      may: (c) => added('notes')(c) || (c.store === 'drafts' && c.key === idOf(noteDraftKey(k)) && c.kind === 'deleted'),
      healthy: healthyDeal(k),
    },
    { name: `score/add on ${k}`, run: () => send('score/add', { dealKey: k, dimension: pick(rng, ['discovery', 'nextStep', 'qualification'] as const), value: 1 + Math.floor(rng() * 5) }), may: added('scores'), healthy: healthyDeal(k) },
    {
      name: `commitment/create on ${k}, then resolve`,
      run: async () => {
        const made = await send('commitment/create', { dealKey: k, text: 'Send the deck', due: addDays(today, 2) });
        return made.ok ? send('commitment/resolve', { id: made.data.id, outcome: 'kept', note: 'sent early' }) : made;
      },
      may: added('commitments'),
      healthy: healthyDeal(k),
    },
    {
      name: `nextStep/set on ${k}`,
      run: () => send('nextStep/set', { dealKey: k, text: 'Call the CFO', due: addDays(today, 3) }),
      may: (c) => c.store === 'nextSteps' && c.key === idOf(k) && c.kind !== 'deleted',
      healthy: healthyDeal(k),
    },
  ];
  const writes = [...onDeal(d), ...(e ? onDeal(e) : [])];

  // on the damaged deal: its promises resolved and renegotiated, its step marked done, the page's report, a call review completed again
  const promises = [...base.get('commitments')!.values()].map((r) => r.value as { id: string; dealKey: string; status: string; due: string }).filter((c) => c.dealKey === d);
  const open = promises.filter((c) => c.status === 'open');
  const settle = pick(rng, open.length ? open : promises.length ? promises : [undefined]);
  if (settle) {
    const outcome = settle.due <= today ? pick(rng, ['kept', 'missed', 'dropped'] as const) : pick(rng, ['kept', 'dropped'] as const);
    writes.push({
      name: `commitment/resolve ${settle.id} (${settle.status}) ${outcome}`,
      run: () => send('commitment/resolve', { id: settle.id, outcome, note: 'asked', ...(outcome === 'dropped' ? { reason: 'no budget' } : {}) }),
      may: (c) => c.store === 'commitments' && c.key === idOf(settle.id) && c.kind === 'changed',
      healthy: hasUser && settle.status === 'open' && !isDamaged('commitments', idOf(settle.id)),
    });
  }
  const again = pick(rng, open.length ? open : promises.length ? promises : [undefined]);
  if (again && again !== settle) {
    writes.push({
      name: `commitment/renegotiate ${again.id} (${again.status})`,
      run: () => send('commitment/renegotiate', { id: again.id, newDue: addDays(today, 9), reason: 'Legal review', note: '' }),
      may: (c) => added('commitments')(c) || (c.store === 'commitments' && c.key === idOf(again.id) && c.kind === 'changed'),
      healthy: hasUser && again.status === 'open' && !isDamaged('commitments', idOf(again.id)),
    });
  }
  writes.push({
    name: `nextStep/markDone on ${d}`,
    run: async () => {
      const view = await send('deal/view', { dealKey: d });
      return send('nextStep/markDone', { dealKey: d, shownText: (view.ok && view.data.nextStep?.text) || 'Send the MAP' });
    },
    may: (c) => c.store === 'nextSteps' && c.key === idOf(d) && c.kind === 'changed',
    healthy: false,
  });
  writes.push({
    name: 'settings/set',
    run: () => send('settings/set', { patch: { theme: pick(rng, ['light', 'dark', 'system'] as const) } }),
    may: (c) => c.store === 'settings' && c.kind !== 'deleted',
    healthy: true,
  });
  const reported = DEALS.find((x) => x.key === d);
  if (reported) {
    writes.push({
      name: `page/snapshot of ${d}`,
      run: () => report(send, reported, NOW),
      // the deal as the page shows it now, a rep first seen, its next step as the CRM shows it
      may: (c) => (c.store === 'deals' && c.key === idOf(d) && c.kind !== 'deleted') || added('reps')(c) || (c.store === 'nextSteps' && c.key === idOf(d) && c.kind !== 'deleted'),
      healthy: true,
    });
  }
  const reviewed = [...base.get('callReviews')!.values()].map((r) => r.value as { id: string; callKey: string; callId: string; dealKey?: string; repName?: string; status: string }).find((r) => r.dealKey === d);
  if (reviewed) {
    writes.push({
      name: `callReview/complete ${reviewed.callKey} (${reviewed.status})`,
      run: async () => {
        const stored = await send('callReview/get', { callKey: reviewed.callKey });
        const input = review(reviewed.callId, d, reviewed.repName ?? 'Dana Reyes', { discovery: 2, qualification: 5 });
        return send('callReview/complete', { review: input, baseUpdatedAt: (stored.ok && stored.data?.updatedAt) || null });
      },
      // the review as completed again (or a new one, the stored one unreadable), and the scores it gives
      may: (c) => added('scores')(c) || (c.store === 'callReviews' && c.kind !== 'deleted' && (c.value as { callKey?: unknown }).callKey === reviewed.callKey),
      healthy: hasUser && !isDamaged('callReviews', idOf(reviewed.id)),
    });
  }
  // in an order of the seed's: a write's effect on the next is part of what is tried
  for (let i = writes.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [writes[i], writes[j]] = [writes[j]!, writes[i]!];
  }
  return writes;
}

/** What a write stamps on a record it adds or changes is when it was made (NOW), not a time a damaged record holds. */
function staleStamps(c: Change): string[] {
  const v = c.value as Record<string, unknown> & { resolution?: { at?: unknown } };
  const stamps = c.kind === 'added' ? { at: v.at, statedAt: v.statedAt, updatedAt: v.updatedAt, lastSeenAt: v.lastSeenAt } : { updatedAt: v.updatedAt, lastSeenAt: v.lastSeenAt, 'resolution.at': v.resolution?.at };
  if (c.kind === 'deleted' || c.store === 'settings' || c.store === 'reps') return [];
  return Object.entries(stamps).flatMap(([field, x]) => {
    if (typeof x !== 'string') return [];
    const ms = Date.parse(x);
    return ms >= NOW.getTime() && ms <= NOW.getTime() + 60_000 ? [] : [`with ${field} ${short(x)}, not the time of the write`];
  });
}

/** Run `writes`; each may change only its own records, and stores only records that pass their check. */
async function checkWrites(db: DB, writes: Write[], problems: string[]): Promise<void> {
  let after = await dumpOf(db);
  for (const w of writes) {
    const before = after;
    const got = await w.run();
    after = await dumpOf(db);
    if (!got.ok) {
      if ('crash' in got) problems.push(`${w.name} threw ${stackOf(got.crash)}`);
      else if (w.healthy) problems.push(`${w.name} refused (${got.code}) though nothing it needs is damaged: ${got.message}`);
      else if (got.message.length < 20 || /zod|undefined|\[object/i.test(got.message)) problems.push(`${w.name} refused (${got.code}) with no clear message: '${got.message}'`);
    }
    for (const c of changesBetween(before, after)) {
      if (DERIVED.has(c.store)) {
        if (c.kind !== 'deleted' && !sound[c.store](c.value)) problems.push(`${w.name} wrote an invalid ${c.store} record ${c.key}: ${short(c.value)}`);
        continue;
      }
      if (!got.ok) problems.push(`${w.name} was refused, yet ${c.kind} ${c.store} ${c.key}`);
      else if (!w.may(c)) problems.push(`${w.name} ${c.kind} another record: ${c.store} ${c.key}`);
      else if (c.kind !== 'deleted' && !sound[c.store](c.value)) problems.push(`${w.name} stored an invalid ${c.store} record ${c.key}: ${short(c.value)}`);
      else problems.push(...staleStamps(c).map((p) => `${w.name} ${c.kind} ${c.store} ${c.key} ${p}`));
    }
  }
}

// ── the cases ──

let db: DB;
let base: Rows;
let baseline: Reads;

beforeAll(async () => {
  // each skipped record is logged (lib/db/validate.ts): thousands of lines here
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  fakeBrowser.reset();
  db = await openDealsideDB(`fuzz-damaged-${Math.random()}`);
  await build(db);
  base = await dumpOf(db);
  const problems: string[] = [];
  fakeBrowser.reset();
  baseline = await readAll(appOf(db, { at: NOW }, () => 'unused'), base, problems, ACME);
  if (problems.length) throw new Error(`the undamaged database does not read cleanly:\n  ${problems.join('\n  ')}`);
}, 60_000);
afterAll(() => {
  db?.close();
  vi.restoreAllMocks();
});

/** One case: the base restored, damaged by `seed`, read, written, read again. */
async function runCase(seed: number): Promise<{ damaged: Damage[]; problems: string[] }> {
  const rng = mulberry32(seed);
  fakeBrowser.reset();
  await restoreRaw(db, base);
  const damaged: Damage[] = [];
  const problems: string[] = [];
  const stores = STORES.filter((s) => base.get(s)!.size > 0);
  for (let i = 0, n = 1 + Math.floor(rng() * 3); i < n; i++) {
    const store = pick(rng, stores);
    const key = pick(rng, [...base.get(store)!.keys()]);
    if (damaged.some((d) => d.store === store && d.key === key)) continue;
    const { key: rawKey, value } = base.get(store)!.get(key)!;
    const others = new Set(base.get(store)!.keys());
    const hurt = damage(rng, store, structuredClone(value), others);
    const target = rawStore(db, store);
    if (hurt.moved) {
      await target.delete(rawKey);
      await rawStore(db, store).put(hurt.value);
      const movedTo = idOf(KEY_FIELDS[store].length > 1 ? (KEY_FIELDS[store].map((f) => (hurt.value as Record<string, unknown>)[f]) as IDBValidKey) : ((hurt.value as Record<string, unknown>)[KEY_FIELDS[store][0]!] as IDBValidKey));
      damaged.push({ store, key, movedTo, kind: hurt.kind, said: hurt.said });
    } else {
      await (store === 'settings' ? target.put(hurt.value, rawKey) : target.put(hurt.value));
      damaged.push({ store, key, kind: hurt.kind, said: hurt.said });
    }
  }
  const isDamaged = (store: Store, key: string) => damaged.some((x) => x.store === store && (x.key === key || x.movedTo === key));
  // the deal the damage is about (the sidebar shows it), and another one to write on
  const about = damaged.map((x) => aboutOf(x.store, base.get(x.store)!.get(x.key)!.value).deal).find((k) => k && DEAL_KEYS.includes(k));
  const d = about ?? pick(rng, DEAL_KEYS);
  const healthy = DEAL_KEYS.filter((k) => k !== d && !isDamaged('deals', idOf(k)));
  const e = healthy.length ? pick(rng, healthy) : undefined;

  let n = 0;
  const send = appOf(db, { at: NOW }, () => `f${seed}-${++n}`);
  try {
    const reads = await readAll(send, base, problems, d);
    await checkReads(db, reads, baseline, base, damaged, problems);
    const hasUser = !!(await getSettings(db)).user;
    await checkWrites(db, await writesOf(send, rng, base, isDamaged, hasUser, d, e), problems);
    // and everything still reads after the writes
    await readAll(send, await dumpOf(db), problems, d);
  } catch (e) {
    problems.push(`the case itself failed: ${stackOf(e)}`);
  }
  return { damaged, problems };
}

describe('the PRNG', () => {
  it('replays', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});

describe('records damaged on disk', () => {
  it(`break no read and no write, and no write touches another record (${seeds.length} seeds)`, async () => {
    const failures: string[] = [];
    const stores = new Map<string, number>();
    const kinds = new Map<string, number>();
    const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const seed of seeds) {
      const { damaged, problems } = await runCase(seed);
      for (const d of damaged) {
        count(stores, d.store);
        count(kinds, d.kind);
      }
      const said = damaged.map((d, i) => `    ${i + 1}. ${d.store} ${d.key}: ${d.said}`).join('\n');
      if (ONLY_SEED) console.log(`seed ${seed}:\n${said}\n  ${problems.length} problem(s)`);
      if (problems.length) failures.push(`seed ${seed} (replay: FUZZ_SEED=${seed})\n  damaged:\n${said}\n  problems:\n    ${problems.join('\n    ')}`);
    }
    if (process.env.FUZZ_STATS) console.log('STATS damaged records by store', Object.fromEntries(stores), 'by kind', Object.fromEntries(kinds));
    expect(failures, `\n${failures.join('\n\n')}\n`).toEqual([]);
    // the damage reaches every kind of record, derived ones and the settings included
    if (!ONLY_SEED && seeds.length >= 60) expect([...stores.keys()].sort()).toEqual([...STORES].sort());
  }, Math.max(60_000, seeds.length * 1000));
});
