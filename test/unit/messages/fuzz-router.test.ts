/**
 * Messages are untrusted: the background's router, fed one valid request of every type
 * mutated at random (keys dropped or added, `__proto__`/`constructor`/`toString` keys, wrong
 * types, huge strings and arrays, deep nesting, other types' payloads, null-prototype and
 * structured-clone objects) and random junk, from every sender class it knows and forged
 * ones (another extension, web pages, other paths of ours, no tab, frames ≠ 0, opaque
 * origins, data:/blob:/about: addresses, prerendered pages), must:
 * - never throw or reject: the answer is ok, or an error with one of the protocol's codes;
 * - call a handler only when the sender's class may send the type and the payload parses,
 *   once, with the parsed request (unknown keys refused or stripped, strings trimmed), never the raw one;
 * - never answer a content script with coaching data (notes, scores, commitments, call reviews);
 * - leave Object.prototype and the message as they were.
 * The second part runs the background's own handlers, as it wires them (lib/handlers), over a
 * database holding coaching data, and asks as content scripts and forged frames.
 *
 * A failure prints the seed, the message and the sender. Replay one case with
 * `FUZZ_SEED=17`; search wider with `FUZZ_SEEDS=5000`.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALLOWED_SENDERS, HandlerError, createRouter, type Handlers } from '../../../lib/messages/router';
import { classifySender, type SenderKind, type SenderLike } from '../../../lib/messages/senders';
import { requestSchema, type ErrorCode, type RequestOf, type RequestType } from '../../../lib/messages/protocol';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { createCallReviewHandlers } from '../../../lib/handlers/call-reviews';
import { createCrmSiteHandlers } from '../../../lib/handlers/crm-sites';
import { issueFrameToken } from '../../../lib/handlers/frame-tokens';
import { pageMessagesInOrder } from '../../../lib/handlers/tab-order';
import { stampingWrites } from '../../../lib/handlers/week-cache';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { fuzzSeeds, mulberry32, pick, type Rng } from '../support/fuzz';
import { CRM, self, senders } from '../support/senders';

/** 1500 router cases (~0.5 s) and 500 through the real handlers (~0.5 s) on a 2-core machine. */
const { seeds, only: ONLY_SEED } = fuzzSeeds(1500);
const realSeeds = ONLY_SEED ? seeds : seeds.slice(0, Math.max(1, Math.round(seeds.length / 3)));

// Every code a refusal may carry; the Record makes the compiler say when the protocol adds one.
const ERROR_CODES = Object.keys({
  'bad-sender': 1,
  'bad-request': 1,
  'unknown-type': 1,
  'not-found': 1,
  'invalid-state': 1,
  'no-user': 1,
  conflict: 1,
  'too-large': 1,
  'rate-limited': 1,
  gone: 1,
  internal: 1,
} satisfies Record<ErrorCode, 1>) as ErrorCode[];

/** What a content script may send: it reports what it read and asks layout, nothing more. */
const CONTENT_TYPES = new Set<string>(['page/snapshot', 'page/sidebarPrefs', 'page/setSidebarPrefs', 'page/siteCrm', 'calls/page', 'calls/panel']);

const DEAL = 'salesforce:acme/0065g00000AcmeQAAS';
const AT = '2026-11-25T10:00:00.000Z';
const GONG = 'https://acme.app.gong.io/call?id=7781';
const SNAPSHOT = {
  crm: 'salesforce',
  recordId: '0065g00000AcmeQAAS',
  host: 'acme.lightning.force.com',
  url: CRM,
  name: 'Acme Corp — Platform Renewal',
  amount: { text: '$120,000' },
  nextStep: { text: 'Send MAP by 12/15/2026' },
  locale: 'en-US',
  readAt: AT,
} as const;
const CALL = { provider: 'gong', callId: '7781', callKey: 'gong:acme/7781', url: GONG, title: 'Acme discovery' } as const;
const REVIEW: RequestOf<'callReview/complete'>['review'] = {
  ...CALL,
  repId: 'rep:dana',
  repName: ' Dana Reyes ',
  dealKey: DEAL,
  scores: { discovery: 3, nextStep: 4 },
  overallNote: 'Good questions.',
  pins: [{ id: 'p1', atSeconds: 12.5, text: ' asked about budget ', createdAt: AT }],
  timeSpentMs: 60_000,
};

/** One valid request of every type (the protocol's union: the compiler says when a type is missing). */
const VALID: { [T in RequestType]: RequestOf<T> } = {
  'page/snapshot': { type: 'page/snapshot', snapshot: SNAPSHOT },
  'page/sidebarPrefs': { type: 'page/sidebarPrefs' },
  'page/siteCrm': { type: 'page/siteCrm' },
  'page/setSidebarPrefs': { type: 'page/setSidebarPrefs', width: 360, collapsed: false },
  'sidebar/current': { type: 'sidebar/current', frameToken: 'a'.repeat(32) },
  'sidebar/open': { type: 'sidebar/open', frameToken: 'a'.repeat(32) },
  'deal/view': { type: 'deal/view', dealKey: DEAL },
  'commitment/create': { type: 'commitment/create', dealKey: DEAL, text: ' Send the MAP ', due: '2026-12-15', dueInput: 'Dec 15', onBehalfOfRep: true },
  'commitment/resolve': { type: 'commitment/resolve', id: 'c1', outcome: 'kept', note: ' done ', reason: 'sent' },
  'commitment/renegotiate': { type: 'commitment/renegotiate', id: 'c1', newDue: '2026-12-22', newDueInput: 'next week', reason: 'legal', note: '' },
  'nextStep/set': { type: 'nextStep/set', dealKey: DEAL, text: 'Pricing call', due: '2026-12-01' },
  'nextStep/markDone': { type: 'nextStep/markDone', dealKey: DEAL, shownText: 'Pricing call' },
  'score/add': { type: 'score/add', dealKey: DEAL, dimension: 'discovery', value: 4 },
  'note/add': {
    type: 'note/add',
    dealKey: DEAL,
    body: { kind: 'grow', grow: { goal: 'Close in Q4', reality: '', options: 'MAP', will: '' } },
    diagnosis: 'skill',
    draftWriter: 'w1',
    draftShown: { goal: 'Close in Q4' },
  },
  'draft/get': { type: 'draft/get', key: `note:${DEAL}` },
  'draft/save': { type: 'draft/save', key: `note:${DEAL}`, value: { text: 'half a thought' }, writer: 'w1' },
  'draft/clear': { type: 'draft/clear', key: `note:${DEAL}`, writer: 'w1' },
  'settings/get': { type: 'settings/get' },
  'settings/set': {
    type: 'settings/set',
    patch: { user: { name: ' Morgan ', role: 'manager' }, weekStartsOn: 1, sidebar: { width: 400 }, theme: 'dark', refuseCoveredClicks: true, dateOrder: 'auto', forgetDateOrderOf: 'crm.example.com' },
  },
  'reps/list': { type: 'reps/list' },
  'calls/page': { type: 'calls/page', call: CALL },
  'calls/panel': { type: 'calls/panel', open: true },
  'calls/current': { type: 'calls/current', frameToken: 'b'.repeat(32) },
  'calls/mediaTime': { type: 'calls/mediaTime', frameToken: 'b'.repeat(32), fresh: true },
  'calls/seek': { type: 'calls/seek', seconds: 61.5, frameToken: 'b'.repeat(32) },
  'calls/reviewTab': { type: 'calls/reviewTab' },
  'callReview/get': { type: 'callReview/get', callKey: CALL.callKey },
  'callReview/saveDraft': { type: 'callReview/saveDraft', review: REVIEW, baseUpdatedAt: null, timeOnly: false },
  'callReview/complete': { type: 'callReview/complete', review: REVIEW, baseUpdatedAt: AT },
  'callReview/forDeal': { type: 'callReview/forDeal', dealKey: DEAL },
  'deals/search': { type: 'deals/search', query: 'acme' },
  'scorecard/week': { type: 'scorecard/week', weekStart: '2026-11-23', offset: 0 },
  'scorecard/rep': { type: 'scorecard/rep', repId: 'rep:dana', weekStart: '2026-11-23' },
  'sites/add': { type: 'sites/add', address: 'crm.example.com', crm: 'hubspot' },
  'sites/remove': { type: 'sites/remove', origin: 'https://crm.example.com' },
  'backup/export': { type: 'backup/export' },
  'backup/import': { type: 'backup/import', backup: { format: 'dealside-backup', version: 1, records: [] } },
};
const TYPES = Object.keys(VALID) as RequestType[];

// ── senders: what the browser may say, labelled with the class each must get ──
const EXT = 'chrome-extension://ourid';
const tab = { id: 4, url: CRM };
type Labelled = { name: string; sender: SenderLike; kind: SenderKind };
const SENDERS: Labelled[] = [
  { name: 'content', sender: senders.content, kind: 'content' },
  { name: 'content (shown)', sender: senders.contentShown, kind: 'content' },
  { name: 'content over http, no frame id', sender: { id: 'ourid', url: 'http://crm.example.com/deal/1', tab: { id: 9 } }, kind: 'content' },
  { name: 'calls content', sender: { id: 'ourid', url: GONG, tab: { id: 5, url: GONG }, frameId: 0 }, kind: 'content' },
  { name: 'content in a sandboxed page (opaque origin)', sender: { ...senders.content, origin: 'null' }, kind: 'content' },
  { name: 'sidebar', sender: senders.sidebar, kind: 'sidebar' },
  { name: 'sidebar with a bad token', sender: { ...senders.sidebar, url: `${EXT}/sidebar.html#forged-token` }, kind: 'sidebar' },
  { name: 'call panel', sender: { id: 'ourid', url: `${EXT}/call-review.html#t`, tab: { id: 5 }, frameId: 2 }, kind: 'call-panel' },
  { name: 'popup', sender: senders.popup, kind: 'extension-page' },
  { name: 'options', sender: { id: 'ourid', url: `${EXT}/options.html`, origin: EXT }, kind: 'extension-page' },
  { name: 'popup in a tab of its own', sender: { id: 'ourid', url: `${EXT}/popup.html`, tab: { id: 8 }, frameId: 0 }, kind: 'extension-page' },
  // forged, or ours where we never run
  { name: 'another extension', sender: senders.otherExtension, kind: 'untrusted' },
  { name: 'another extension on a CRM page', sender: { ...senders.content, id: 'evil' }, kind: 'untrusted' },
  { name: 'another extension claiming our sidebar', sender: { ...senders.sidebar, id: 'evil' }, kind: 'untrusted' },
  { name: 'our address from another id', sender: { id: 'evil', url: `${EXT}/popup.html` }, kind: 'untrusted' },
  { name: 'no id', sender: senders.noId, kind: 'untrusted' },
  { name: 'empty sender', sender: {}, kind: 'untrusted' },
  { name: 'no url', sender: { id: 'ourid', tab: { id: 4 }, frameId: 0 }, kind: 'untrusted' },
  { name: 'empty url', sender: { id: 'ourid', url: '', tab: { id: 4 }, frameId: 0 }, kind: 'untrusted' },
  { name: 'not a url', sender: { id: 'ourid', url: 'acme.lightning.force.com', tab: { id: 4 }, frameId: 0 }, kind: 'untrusted' },
  { name: 'content without a tab', sender: { id: 'ourid', url: CRM, frameId: 0 }, kind: 'untrusted' },
  { name: 'content with a string tab id', sender: { id: 'ourid', url: CRM, tab: { id: '4' as unknown as number }, frameId: 0 }, kind: 'untrusted' },
  { name: 'content in a sub-frame', sender: senders.contentInSubframe, kind: 'untrusted' },
  { name: 'content prerendered', sender: senders.contentPrerendered, kind: 'untrusted' },
  { name: 'content cached', sender: senders.contentCached, kind: 'untrusted' },
  { name: 'content of a page being unloaded', sender: { ...senders.content, documentLifecycle: 'pending_deletion' }, kind: 'untrusted' },
  { name: 'sidebar top-level', sender: senders.sidebarTopLevel, kind: 'untrusted' },
  { name: 'sidebar without a tab', sender: { id: 'ourid', url: `${EXT}/sidebar.html`, frameId: 7 }, kind: 'untrusted' },
  { name: 'sidebar in no tab (-1)', sender: { id: 'ourid', url: `${EXT}/sidebar.html`, tab: { id: -1 }, frameId: 7 }, kind: 'untrusted' },
  { name: 'sidebar prerendered', sender: senders.sidebarInPrerendered, kind: 'untrusted' },
  { name: 'call panel unframed', sender: { id: 'ourid', url: `${EXT}/call-review.html`, tab: { id: 5 }, frameId: 0 }, kind: 'untrusted' },
  { name: 'popup framed in a page', sender: senders.popupFramed, kind: 'untrusted' },
  { name: 'another path of ours framed', sender: { id: 'ourid', url: `${EXT}/options.html`, tab: { id: 4 }, frameId: 3 }, kind: 'untrusted' },
  { name: 'a sidebar path on the web, framed', sender: { id: 'ourid', url: 'https://evil.example/sidebar.html', tab: { id: 4 }, frameId: 7 }, kind: 'untrusted' },
  { name: 'our id on a port', sender: { id: 'ourid', url: `${EXT}:8080/popup.html` }, kind: 'untrusted' },
  { name: 'another extension origin', sender: { id: 'ourid', url: 'chrome-extension://evil/sidebar.html', tab: { id: 4 }, frameId: 7 }, kind: 'untrusted' },
  { name: 'file:', sender: senders.fileUrl, kind: 'untrusted' },
  { name: 'data:', sender: { id: 'ourid', url: 'data:text/html,<script>1</script>', tab, frameId: 0 }, kind: 'untrusted' },
  { name: 'blob: of a page', sender: { id: 'ourid', url: 'blob:https://acme.lightning.force.com/1b4e', tab, frameId: 0 }, kind: 'untrusted' },
  { name: 'blob: of ours', sender: { id: 'ourid', url: `blob:${EXT}/1b4e`, tab, frameId: 3 }, kind: 'untrusted' },
  { name: 'about:blank', sender: { id: 'ourid', url: 'about:blank', tab, frameId: 0 }, kind: 'untrusted' },
  { name: 'about:srcdoc', sender: { id: 'ourid', url: 'about:srcdoc', tab, frameId: 4 }, kind: 'untrusted' },
  { name: 'javascript:', sender: { id: 'ourid', url: 'javascript:alert(1)', tab, frameId: 0 }, kind: 'untrusted' },
  { name: 'ws:', sender: { id: 'ourid', url: 'wss://acme.lightning.force.com/x', tab, frameId: 0 }, kind: 'untrusted' },
];

/** A trusted sender made untrusted by one forged field (what the browser says of a sender we must not take). */
function forgedSender(rng: Rng): Labelled {
  const base = pick(rng, SENDERS.filter((s) => s.kind !== 'untrusted'));
  const forgeries: [string, Partial<SenderLike> & Record<string, unknown>][] = [
    ['id of another extension', { id: pick(rng, ['evil', '', 'OURID', 'ourid ', 'ourid/']) }],
    ['no id', { id: undefined }],
    ['unseen page', { documentLifecycle: pick(rng, ['prerender', 'cached', 'pending_deletion', '', 'ACTIVE']) }],
    ['odd address', { url: pick(rng, ['', 'about:blank', 'data:,x', 'blob:null/x', 'file:///x', 'chrome://settings', `${EXT.toUpperCase()}x/popup.html`]) }],
  ];
  const [what, change] = pick(rng, forgeries);
  return { name: `${base.name}, forged: ${what}`, sender: { ...base.sender, ...change } as SenderLike, kind: 'untrusted' };
}

// ── messages ──
const clone = <T>(v: T): T => structuredClone(v);
/** a plain object (or a null-prototype one): what a mutation goes into */
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** The places inside `v` (objects and arrays) as paths of keys: every one to depth `depth`, an array's first 20. */
function paths(v: unknown, depth = 8, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (at.length >= depth) return out;
  if (Array.isArray(v)) v.slice(0, 20).forEach((x, i) => paths(x, depth, [...at, i], out));
  else if (isObj(v)) for (const k of Object.keys(v)) paths(v[k], depth, [...at, k], out);
  return out;
}
const parentOf = (root: unknown, path: (string | number)[]) => path.slice(0, -1).reduce<any>((o, k) => o?.[k], root);

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'type', 'then', 'polluted', 'tabId', 'sender', ''];
const OTHER_TYPES = ['', ' deal/view', 'DEAL/VIEW', 'deal/view\u0000', 'page/', 'page/x', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'db/dropEverything'];

function junk(rng: Rng, depth = 0): unknown {
  switch (Math.floor(rng() * (depth > 2 ? 9 : 12))) {
    case 0: return null;
    case 1: return pick(rng, [true, false]);
    case 2: return pick(rng, [0, -0, -1, 1, 2.5, 6, 1e308, -1e308, 2 ** 53, NaN, Infinity, -Infinity]);
    case 3: return pick(rng, ['', ' ', '\u0000', '\ud800', '\u202eevil', 'javascript:alert(1)', '../../etc', '<img src=x onerror=1>', '2026-02-30', DEAL, 'x'.repeat(10_001)]);
    case 4: return 'y'.repeat(Math.floor(rng() * 70_000));
    case 5: return pick(rng, ODD_KEYS);
    case 6: return pick(rng, TYPES);
    case 7: return undefined;
    case 8: return pick(rng, [new Date(0), new Map([['type', 'deal/view']]), new Set([1]), /x/, new Uint8Array(3), Object.create(null)]);
    case 9: return Array.from({ length: Math.floor(rng() * 4) }, () => junk(rng, depth + 1));
    case 10: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    default: return Object.fromEntries(Array.from({ length: Math.floor(rng() * 4) }, () => [pick(rng, [...ODD_KEYS, 'dealKey', 'text']), junk(rng, depth + 1)]));
  }
}

function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** One mutation of `message` in place (or a replacement); says what it did. */
function mutate(rng: Rng, message: Record<string, unknown>): { message: unknown; did: string } {
  const all = paths(message);
  const inner = all.filter((p) => p.length > 0);
  const objects = all.filter((p) => isObj(p.length ? parentOf(message, [...p, 0]) : message));
  const at = pick(rng, inner.length ? inner : [['type']]);
  const parent = parentOf(message, at);
  const key = at[at.length - 1]!;
  switch (Math.floor(rng() * 11)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return { message, did: `drop ${at.join('.')}` };
    case 1: {
      const where = pick(rng, objects);
      const target = where.reduce<any>((o, k) => o[k], message);
      const k = pick(rng, ODD_KEYS);
      // as a deserialised message has it: an own property, even for __proto__
      Object.defineProperty(target, k, { value: junk(rng), enumerable: true, writable: true, configurable: true });
      return { message, did: `add ${[...where, k].join('.')}` };
    }
    case 2:
      parent[key] = junk(rng);
      return { message, did: `junk at ${at.join('.')}` };
    case 3:
      parent[key] = typeof parent[key] === 'string' ? `${parent[key]}${'z'.repeat(pick(rng, [1, 300, 2048, 100_000]))}` : 'z'.repeat(100_000);
      return { message, did: `long string at ${at.join('.')}` };
    case 4:
      parent[key] = new Array(pick(rng, [501, 10_000])).fill(parent[key] ?? 1);
      return { message, did: `huge array at ${at.join('.')}` };
    case 5:
      parent[key] = nested(pick(rng, [50, 2000]), parent[key]);
      return { message, did: `deep nesting at ${at.join('.')}` };
    case 6: {
      // another type's payload under this type, or this payload under another type
      const other = pick(rng, TYPES);
      return rng() < 0.5
        ? { message: { ...clone(VALID[other]), type: message.type }, did: `payload of ${other}` }
        : { message: { ...message, type: other }, did: `type ${other}` };
    }
    case 7:
      message.type = pick(rng, OTHER_TYPES);
      return { message, did: `type ${JSON.stringify(message.type)}` };
    case 8: {
      const target = pick(rng, objects).reduce<any>((o, k) => o[k], message);
      const bare = Object.assign(Object.create(null), target);
      if (target === message) return { message: bare, did: 'null-prototype message' };
      const where = all.find((p) => p.length && p.reduce<any>((o, k) => o[k], message) === target)!;
      parentOf(message, where)[where[where.length - 1]!] = bare;
      return { message, did: `null-prototype object at ${where.join('.')}` };
    }
    case 9:
      parent[key] = pick(rng, [null, undefined, 0, -0, NaN, Infinity, -1, 1.5, 2 ** 31, '', ' ', true, [], {}]);
      return { message, did: `edge value at ${at.join('.')}` };
    default:
      return { message: junk(rng), did: 'junk message' };
  }
}

function caseOf(seed: number): { message: unknown; sender: Labelled; how: string[] } {
  const rng = mulberry32(seed);
  const type = pick(rng, TYPES);
  const roll = rng();
  const sender = roll < 0.15 ? forgedSender(rng) : pick(rng, SENDERS);
  let message: unknown = clone(VALID[type]);
  const how = [`valid ${type}`];
  // a third stay valid (every sender class on every type), the rest mutated 1–3 times, a few pure junk
  const times = rng() < 0.3 ? 0 : 1 + Math.floor(rng() * 3);
  for (let i = 0; i < times; i++) {
    if (!isObj(message)) break;
    const m = mutate(rng, message as Record<string, unknown>);
    message = m.message;
    how.push(m.did);
  }
  if (rng() < 0.03) {
    message = junk(rng);
    how.push('replaced by junk');
  }
  return { message, sender, how };
}

/**
 * `v` as JSON-like text, at most `budget` values of it (the rest "…"): a huge or deep message costs
 * no more to show, or to compare before and after, than a small one. Long strings are cut too.
 */
function sketch(v: unknown, budget = 400): string {
  let left = budget;
  const walk = (x: unknown, depth: number): string => {
    if (--left < 0 || depth > 60) return '…';
    if (typeof x === 'string') return JSON.stringify(x.length > 80 ? `${x.slice(0, 40)}…(${x.length})` : x);
    if (typeof x !== 'object' || x === null) return Object.is(x, -0) ? '-0' : String(x);
    if (Array.isArray(x)) return `[${x.slice(0, 30).map((e) => walk(e, depth + 1)).join(',')}${x.length > 30 ? `,…(${x.length})` : ''}]`;
    const kind = Object.getPrototypeOf(x) === Object.prototype ? '' : `${(x as object).constructor?.name ?? 'null-prototype'} `;
    return `${kind}{${Object.keys(x).map((k) => `${JSON.stringify(k)}:${walk((x as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  };
  return walk(v, 0);
}

function show(seed: number, c: { message: unknown; sender: Labelled; how: string[] }): string {
  const which = seed ? `seed ${seed} (replay: FUZZ_SEED=${seed})` : 'every valid request (not seeded)';
  return `${which}: ${c.how.join(' → ')}\n  message: ${sketch(c.message)}\n  sender (${c.sender.name}, must be ${c.sender.kind}): ${sketch(c.sender.sender)}`;
}

/** Marked coaching data: found in an answer, it came from a coaching store. */
const COACHING = 'COACHING-DATA-7f3a';
const coachingAnswer = (type: string) => ({ notes: [{ id: 'n1', body: { kind: 'free', text: COACHING } }], scores: [{ value: 4, by: COACHING }], commitments: [{ text: COACHING }], review: { overallNote: COACHING }, type });
/** What a content script's own types answer with here: no data of anyone's. */
const contentAnswer = (type: string) => ({ accepted: true, type });

const protoNames = () => [Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)].map((n) => n.sort().join());
const PROTO_BEFORE = protoNames();
function expectNoPollution(where: string) {
  expect(protoNames(), where).toEqual(PROTO_BEFORE);
  expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
}

describe('router fuzz: mutated requests from every sender', () => {
  it('every valid example parses, and every sender is the class it is labelled', () => {
    for (const type of TYPES) expect(requestSchema.safeParse(VALID[type]).success, type).toBe(true);
    for (const { name, sender, kind } of SENDERS) expect(classifySender(sender, self), name).toBe(kind);
  });

  it(`never throws, calls a handler only when it must, and with the parsed request (${seeds.length} cases)`, async () => {
    /** what the next handler called fails with (a refusal in words, or a fault), if anything */
    let failure: Error | null = null;
    const spies = Object.fromEntries(
      TYPES.map((type) => [
        type,
        vi.fn(async (_req: unknown, _sender: SenderLike): Promise<unknown> => {
          if (failure) throw failure;
          return CONTENT_TYPES.has(type) ? contentAnswer(type) : coachingAnswer(type);
        }),
      ]),
    ) as Record<RequestType, ReturnType<typeof vi.fn>>;
    const route = createRouter(spies as unknown as Handlers, () => self);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let ran = 0;
    try {
      for (const seed of seeds) {
        const c = caseOf(seed);
        const where = show(seed, c);
        const { message, sender } = c;
        const rng = mulberry32(seed ^ 0x5eed);
        for (const spy of Object.values(spies)) spy.mockClear();
        // a handler may refuse in words, or fail; the router answers either way
        failure = rng() < 0.1 ? pick(rng, [new HandlerError(pick(rng, ERROR_CODES), 'refused'), new Error('disk on fire')]) : null;
        const before = sketch(message, 5000);

        let answer: unknown;
        try {
          answer = await route(message, sender.sender);
        } catch (e) {
          expect.fail(`the router threw ${(e as Error)?.stack ?? e}\n${where}`);
        }
        ran++;

        // an envelope: ok with data, or one of the protocol's codes in words
        expect(isObj(answer), where).toBe(true);
        const envelope = answer as { ok: boolean; data?: unknown; error?: { code: ErrorCode; message: string } };
        expect(typeof envelope.ok, where).toBe('boolean');
        if (!envelope.ok) {
          expect(ERROR_CODES, where).toContain(envelope.error?.code);
          expect(typeof envelope.error?.message, where).toBe('string');
          expect(envelope.error?.message, where).not.toContain('disk on fire');
        }

        const type = isObj(message) || (typeof message === 'object' && message !== null) ? (message as { type?: unknown }).type : undefined;
        const known = typeof type === 'string' && TYPES.includes(type as RequestType);
        const allowed = known && sender.kind !== 'untrusted' && ALLOWED_SENDERS[type as RequestType].includes(sender.kind);
        const parsed = requestSchema.safeParse(message);
        const called = TYPES.filter((t) => spies[t].mock.calls.length > 0);

        // reject by default, in the router's order: sender, type, sender for the type, payload
        if (sender.kind === 'untrusted') expect(envelope.error?.code, where).toBe('bad-sender');
        else if (!known) expect(envelope.error?.code, where).toBe('unknown-type');
        else if (!allowed) expect(envelope.error?.code, where).toBe('bad-sender');
        else if (!parsed.success) expect(envelope.error?.code, where).toBe('bad-request');

        if (allowed && parsed.success) {
          expect(called, where).toEqual([type]);
          const [request, from] = spies[type as RequestType].mock.calls[0]!;
          expect(request, where).toEqual(parsed.data);
          expect(from, where).toBe(sender.sender);
          // the parsed request, not the raw one: no key the schema does not name reaches a handler
          // (but a record's keys are the sender's own; a record drops `__proto__`. And a backup's content is
          // checked by its handler, record by record, lib/backup/format.ts)
          const named = paths(request, Infinity).filter((p) => !['value', 'draftShown', 'backup'].includes(String(p[0])));
          expect(named.filter((p) => p.some((k) => typeof k === 'string' && ODD_KEYS.includes(k) && k !== 'type')), where).toEqual([]);
          expect(named.filter((p) => p.includes('__proto__')), where).toEqual([]);
          if (failure) expect(envelope, where).toMatchObject({ ok: false, error: { code: failure instanceof HandlerError ? failure.code : 'internal' } });
          else expect(envelope, where).toEqual({ ok: true, data: await spies[type as RequestType].mock.results[0]!.value });
        } else {
          expect(called, where).toEqual([]);
          expect(envelope.ok, where).toBe(false);
        }

        // independent of the table: what a content script may ask, and what it may learn
        if (sender.kind === 'content') {
          expect(called.every((t) => CONTENT_TYPES.has(t)), where).toBe(true);
          if (envelope.ok) expect(JSON.stringify(envelope.data), where).not.toContain(COACHING);
        }
        if (sender.kind !== 'content') expect(called.some((t) => t.startsWith('page/') || t === 'calls/page' || t === 'calls/panel'), where).toBe(false);

        expectNoPollution(where);
        expect(sketch(message, 5000), `${where}\n  the message was changed`).toBe(before);
      }
    } finally {
      logged.mockRestore();
    }
    expect(ran).toBe(seeds.length);
  });
});

describe('router fuzz: the background as it is wired, over a database of coaching data', () => {
  let db: DB;
  let dbs = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openDealsideDB(`fuzz-router-${++dbs}`);
  });

  it(`tells content scripts and forged frames nothing of it (every valid request from each, and ${realSeeds.length} cases)`, async () => {
    const deals = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date(AT) });
    const calls = createCallReviewHandlers({ db: async () => db, user: async () => ({ name: 'Morgan', role: 'manager' }), rubricVersion: 'v1', now: () => new Date(AT) });
    const sites = createCrmSiteHandlers({ db: async () => db, broadcast: async () => {}, access: { granted: async () => true, runContentScriptOn: async () => {}, updateOpenTabs: async () => {} } });
    // the rest (scorecard, backup) are Options' and the popup's alone: the first part covers who reaches them
    const others = Object.fromEntries(TYPES.map((t) => [t, async () => coachingAnswer(t)]));
    const handlers = { ...others, ...deals, ...calls, ...sites } as unknown as Handlers;
    // as entrypoints/background.ts wires it
    const route = pageMessagesInOrder(stampingWrites(createRouter(handlers, () => self)));

    // coaching data in every store a content script must not learn of, written as the sidebar and the panel write it
    const sidebar = senders.sidebar;
    const panel = SENDERS.find((s) => s.kind === 'call-panel')!.sender;
    const say = async (message: unknown, from: SenderLike) => expect(await route(message, from), sketch(message)).toMatchObject({ ok: true });
    await say({ type: 'settings/set', patch: { user: { name: 'Morgan', role: 'manager' } } }, sidebar);
    await say(VALID['page/snapshot'], senders.content);
    await say({ ...VALID['note/add'], body: { kind: 'free', text: COACHING } }, sidebar);
    await say({ ...VALID['commitment/create'], text: COACHING }, sidebar);
    await say({ ...VALID['nextStep/set'], text: COACHING }, sidebar);
    await say(VALID['score/add'], sidebar);
    await say({ ...VALID['draft/save'], value: { text: COACHING } }, sidebar);
    await say({ ...VALID['callReview/saveDraft'], review: { ...REVIEW, overallNote: COACHING } }, panel);
    // (the frames' tokens are the tab's, issued as the pages put their frames up: no message below carries them)
    await issueFrameToken('sidebar', 4, true);
    await issueFrameToken('call-panel', 5, true);

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const FRAMED_TYPES = ['sidebar/current', 'sidebar/open', 'calls/current', 'calls/mediaTime', 'calls/seek'];
    try {
      // every valid request from each of them first (seed 0), then the mutated ones
      const learnNothing = SENDERS.filter((s) => ['content', 'untrusted', 'sidebar', 'call-panel'].includes(s.kind));
      const everyValid = ONLY_SEED ? [] : TYPES.flatMap((type) => learnNothing.map((sender) => ({ seed: 0, c: { message: clone(VALID[type]), sender, how: [`valid ${type}`] } })));
      const mutated = realSeeds.map((seed) => ({ seed, c: caseOf(seed) }));
      for (const { seed, c } of [...everyValid, ...mutated]) {
        // from those who must learn nothing: content scripts, forged senders, frames without their tab's token
        if (!learnNothing.includes(c.sender)) c.sender = pick(mulberry32(seed), SENDERS.filter((s) => s.kind === 'content'));
        const where = show(seed, c);
        let answer: { ok: boolean; data?: unknown; error?: { code: ErrorCode } };
        try {
          answer = (await route(c.message, c.sender.sender)) as typeof answer;
        } catch (e) {
          expect.fail(`the background threw ${(e as Error)?.stack ?? e}\n${where}`);
        }
        if (!answer.ok) expect(ERROR_CODES, where).toContain(answer.error?.code);
        if (c.sender.kind === 'untrusted') expect(answer.ok, where).toBe(false);
        if (c.sender.kind === 'content' && answer.ok) expect(sketch(answer.data, 100_000), where).not.toContain(COACHING);
        const type = (c.message as { type?: unknown } | null)?.type;
        if (FRAMED_TYPES.includes(type as string)) expect(answer, where).toMatchObject({ ok: false });
        expectNoPollution(where);
      }
    } finally {
      logged.mockRestore();
    }
    // and what they were told nothing of is there: the tab's sidebar, with its token, reads it
    await say(VALID['page/snapshot'], senders.content);
    const token = (await fakeBrowser.storage.session.get('dealside:frame-token:sidebar:4'))['dealside:frame-token:sidebar:4'];
    expect(sketch(await route({ type: 'sidebar/open', frameToken: token }, sidebar), 100_000)).toContain(COACHING);
  });
});
