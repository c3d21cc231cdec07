/**
 * Pages are untrusted: every fixture of a deal page, mutated at random (seeded, so
 * every case replays), must never make an adapter throw, and every read must give a
 * snapshot the protocol's schema accepts — as the content script sends it, and as the
 * background stores it once parsed (enrichSnapshot), under an unlimited shadow-root
 * search and under the watcher's allowance alike.
 *
 * A failure names the fixture, its address, the seed and the mutations applied, in
 * order. Replay one case with `FUZZ_SEED=17`; search wider with `FUZZ_SEEDS=2000`; `FUZZ_STATS=1`
 * prints how many cases changed what is read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SHADOW_SEARCH_ALLOWANCE } from '../../../entrypoints/crm-reader/snapshot-watcher';
import { cleanText } from '../../../lib/crm/clean-text';
import { readTrace, shadowSearch } from '../../../lib/crm/dom';
import { ADAPTERS } from '../../../lib/crm/registry';
import { NAMES_THIS_RECORD, type DealAddress, type DealSnapshot } from '../../../lib/crm/types';
import { enrichSnapshot } from '../../../lib/crm/values';
import { dealSnapshotSchema } from '../../../lib/model/deal';
import { fixtureFor, manifest, type Entry } from '../support/crm-fixtures';
import { fuzzSeeds, mulberry32, pick, type Rng } from '../support/fuzz';
import { describeElement, elementsOf, MUTATION_KINDS, mutateElement, short, up } from '../support/markup-fuzz';

/** Seeds per fixture address: 240 cases, about 3 s for the whole file on a 2-core machine. */
const { seeds, only: ONLY_SEED } = fuzzSeeds(20);
const READ_AT = '2026-11-20T15:00:00.000Z';

/** Attributes the adapters look at (and the ones that hide an element), with odd and meaningful values. */
function attributeValues(address: DealAddress): Record<string, readonly string[]> {
  const id = address.recordId;
  const numeric = /\d+$/.exec(id)?.[0] ?? '1';
  const sf = (f: string) => `sfdc:RecordField.Opportunity.${f}`;
  return {
    class: ['', 'active', 'active lafPageHost', 'active windowViewMode-normal', 'lafPageHost', 'labelCol', 'dataCol', 'test-id__field-value', 'slds-assistive-text'],
    hidden: [''],
    'aria-hidden': ['true', 'false', 'TRUE'],
    style: ['display:none', 'DISPLAY : None !important', 'color: red; display:none', 'display:block', 'visibility:hidden'],
    'data-record-id': ['', '"]', '006', id, id.slice(0, 15), '0065g00000GlobexAA', '0015g00000AcmeAcAA', '006' + 'x'.repeat(1000), '\u0000', ` ${id} `],
    'data-target-selection-name': [...['Name', 'Amount', 'StageName', 'CloseDate', 'OwnerId', 'NextStep'].map(sf), sf('Task.Subject'), '', '"]'],
    'field-label': ['Opportunity Name', 'Amount', 'Stage', 'Close Date', 'Opportunity Owner', 'Next Step', 'Betrag', '', '"]'],
    // the other CRMs' hooks
    'data-property-name': ['amount', 'dealstage', 'closedate', 'hubspot_owner_id', 'hs_next_step', ''],
    'data-test-id': ['highlight-property-display-amount', 'deal-stage-select', 'association-card', 'about-card'],
    'data-id': ['header_title', 'editFormRoot', 'estimatedvalue.fieldControl-x', 'nextstep.fieldControl-x', ''],
    'aria-label': ['Deal value', 'Owner', ''],
    'aria-current': ['step'],
    role: ['main', 'dialog', 'navigation', 'heading', 'rowheader'],
    'aria-level': ['1', '2', 'NaN'],
    slot: ['primaryField', 'outputField', ''],
    title: ['', 'x'.repeat(10_000), '\u200b'],
    href: [`/lightning/r/Opportunity/${id}/view`, `/contacts/1/record/0-3/${numeric}`, '/deal/999', '/deal/"]'],
    for: ['', '"]', 'no-such-id'],
    id: ['', '"]', 'no-such-id'],
    name: ['SaveEdit'],
    disabled: [''],
    type: ['hidden', 'checkbox', 'text'],
    // set on the root element (the page's language): odd, unknown to Intl, not a tag at all, or a tag
    // longer than the protocol's 35 characters (the page's own, never its deal's reason to be refused)
    lang: ['', ' en-US ', 'de-DE', 'de_DE', 'fr-CH', 'en-IN', 'ar-EG', 'en-US-u-nu-arab', 'en-US-US', 'en-a', '"]', 'x'.repeat(1000), 'en-abcdefgh-abcdefgh-abcdefgh-abcdefgh-x'],
  };
}

/** What the adapters read, or read next to. */
const READ =
  '[data-target-selection-name],[data-record-id],records-record-layout-item,.lafPageHost,[class*="windowViewMode-"],.labelCol,.dataCol,' +
  '[slot],slot,[data-property-name],[data-test-id],[data-selenium-test],[data-id],[aria-label],[aria-current],[data-field-label],[id^="label_"],' +
  'label,dt,dd,h1,h2,[role],input,textarea,select,button,a[href],main,title,[class*="field-value"],[class*="formatted"]';

/**
 * The element a mutation changes: 40% an element a value of the unmutated page was read
 * from (`traced`), or an ancestor up to 3 levels up; 30% one the adapters look at; else any.
 */
function target(rng: Rng, all: Element[], read: Element[], traced: readonly Element[]): Element {
  const r = rng();
  const live = r < 0.4 ? traced.filter((el) => all.includes(el)) : [];
  if (live.length) {
    let el = pick(rng, live);
    for (let n = Math.floor(rng() * 4); n > 0; n--) el = up(el);
    return el;
  }
  return pick(rng, r < 0.7 && read.length ? read : all);
}

/** The attributes a failure names an element by. */
const KEY_ATTRS = ['data-target-selection-name', 'data-record-id', 'data-property-name', 'data-id', 'field-label', 'aria-label'];
const describeEl = (el: Element, all: Element[]) => describeElement(el, all, KEY_ATTRS);

const WRAPPERS = ['x-fuzz-wrap', 'records-record-layout-item', 'lightning-formatted-text', 'force-record-layout-block'];

/** Applies one random mutation to `doc`; returns what it did. */
function mutate(doc: Document, rng: Rng, attrs: Record<string, readonly string[]>, traced: readonly Element[]): string {
  const { all, read } = elementsOf(doc, READ);
  if (!all.length) return 'nothing left to mutate';
  const el = target(rng, all, read, traced);
  return mutateElement(doc, rng, el, all, Math.floor(rng() * MUTATION_KINDS), {
    attrs,
    wrappers: WRAPPERS,
    describe: (e) => describeEl(e, all),
    // the page's language is the root element's
    attrOn: (name, e) => (name === 'lang' && doc.documentElement ? doc.documentElement : e),
  });
}

/** Bounds the reader applies (lib/crm/dom.ts buildSnapshot), the same as the background's schema (lib/model/deal.ts). */
const BOUNDS = { name: 300, amount: 100, stage: 120, closeDate: 100, owner: 120, nextStep: 1000 } as const;
const KEYS = new Set(['crm', 'recordId', 'host', 'url', 'name', 'amount', 'stage', 'closeDate', 'owner', 'nextStep', 'locale', 'readAt']);

/** What is wrong with a snapshot, if anything: [] when well-formed. */
function snapshotProblems(snap: Partial<DealSnapshot> | null | undefined, address: DealAddress, url: URL, parsed: boolean): string[] {
  if (!snap || typeof snap !== 'object') return [`not a snapshot: ${String(snap)}`];
  const out: string[] = [];
  const want = { crm: address.crm, recordId: address.recordId, host: url.host, url: url.href };
  for (const [k, v] of Object.entries(want)) if (snap[k as keyof typeof want] !== v) out.push(`${k} is ${short(String(snap[k as keyof typeof want]))}, not ${short(v)}`);
  for (const k of Object.keys(snap)) if (!KEYS.has(k)) out.push(`unknown key ${k}`);
  // a text as shown: a string within its bound, spaces collapsed and trimmed; '' only for a blank next step
  const text = (field: keyof typeof BOUNDS, v: unknown, blank = false) => {
    if (v === undefined) return;
    if (typeof v !== 'string') return out.push(`${field}: ${typeof v}, not a string`);
    if (!v && !blank) out.push(`${field}: empty`);
    if (v.length > BOUNDS[field]) out.push(`${field}: ${v.length} characters, over ${BOUNDS[field]}`);
    // cleanText's form; a value clipped at its bound (buildSnapshot: cleaned, then cut) may end in the space it was cut at
    if ((v.length === BOUNDS[field] ? v.trimEnd() : v) !== cleanText(v)) out.push(`${field}: spaces not collapsed: ${short(v)}`);
  };
  const part = (field: 'amount' | 'closeDate' | 'nextStep', v: unknown, extra: readonly string[]) => {
    if (v === undefined) return;
    if (!v || typeof v !== 'object') return out.push(`${field}: not an object`);
    const o = v as Record<string, unknown>;
    text(field, o.text, field === 'nextStep');
    if (o.text === undefined) out.push(`${field}: no text`);
    for (const k of Object.keys(o)) if (k !== 'text' && !(parsed && extra.includes(k))) out.push(`${field}.${k} set${parsed ? '' : ' by the page reader'}`);
  };
  text('name', snap.name);
  text('stage', snap.stage);
  text('owner', snap.owner);
  part('amount', snap.amount, ['value', 'currency']);
  part('closeDate', snap.closeDate, ['iso']);
  part('nextStep', snap.nextStep, ['date']);
  // what the protocol accepts from a content script, and what the background stores
  const checked = dealSnapshotSchema.safeParse({ readAt: READ_AT, ...snap });
  if (!checked.success) out.push(`schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return out;
}

interface Outcome {
  mutations: string[];
  problems: string[];
  /** the unlimited read, for telling whether the mutations changed what is read */
  read?: string;
}

/** One case: the fixture, mutated by `seed`, read by every adapter its address is a deal of. */
function runCase(entry: Entry, seed: number): Outcome {
  const { doc, url } = fixtureFor(entry);
  const rng = mulberry32(seed);
  const adapters = ADAPTERS.flatMap((adapter) => {
    const address = adapter.parseDealAddress(url);
    return address ? [{ adapter, address }] : [];
  });
  const mutations: string[] = [];
  const problems: string[] = [];
  if (!adapters.length) problems.push('no adapter takes this address for a deal');
  const attrs = attributeValues(adapters[0]?.address ?? { crm: 'custom', recordId: '1' });
  const traced: Element[] = [];
  if (seed && adapters[0]) {
    readTrace.element = (el) => traced.push(el);
    adapters[0].adapter.readDeal(doc, adapters[0].address, url);
    readTrace.element = null;
  }
  for (let n = seed ? 2 + Math.floor(rng() * 6) : 0; n > 0; n--) mutations.push(mutate(doc, rng, attrs, traced));
  let read: string | undefined;
  for (const { adapter, address } of adapters) {
    const call = <T>(what: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (e) {
        problems.push(`${adapter.id}.${what} threw: ${e instanceof Error ? e.stack?.split('\n').slice(0, 6).join('\n      ') : String(e)}`);
        return undefined;
      }
    };
    const rendered = call('isRecordRendered', () => adapter.isRecordRendered(doc, address));
    if (![true, false, NAMES_THIS_RECORD].includes(rendered as boolean)) problems.push(`${adapter.id}.isRecordRendered gave ${String(rendered)}`);
    const editing = call('isRecordBeingEdited', () => adapter.isRecordBeingEdited(doc, address));
    if (typeof editing !== 'boolean') problems.push(`${adapter.id}.isRecordBeingEdited gave ${String(editing)}`);
    const check = (what: string, snap: unknown, parsed = false) => {
      if (snap !== undefined) problems.push(...snapshotProblems(snap as DealSnapshot, address, url, parsed).map((p) => `${adapter.id}.${what}: ${p}`));
    };
    const raw = call('readDeal', () => adapter.readDeal(doc, address, url));
    check('readDeal', raw);
    // what the background stores: the texts parsed, as lib/db/record-snapshot.ts does
    if (raw) check('readDeal → enrichSnapshot', call('enrichSnapshot', () => enrichSnapshot({ ...raw, readAt: READ_AT }, undefined, 'UTC')), true);
    read ??= JSON.stringify(raw);
    // as the snapshot watcher reads: the shadow-root search limited, the elements and roots read from traced
    shadowSearch.allowance = SHADOW_SEARCH_ALLOWANCE;
    readTrace.root = () => {};
    readTrace.element = () => {};
    check('readDeal (watcher allowance)', call('readDeal (watcher allowance)', () => adapter.readDeal(doc, address, url)));
    resetReader();
  }
  return { mutations, problems, read };
}

function resetReader(): void {
  shadowSearch.allowance = Infinity;
  shadowSearch.cutShort.clear();
  readTrace.root = null;
  readTrace.element = null;
}
afterEach(resetReader);

const DEALS = manifest.filter((e) => e.deal !== false);

describe('the PRNG', () => {
  it('is deterministic and spreads over [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs.map((x) => Math.floor(x * 10))).size).toBe(10);
  });
});

describe.each(DEALS.map((e) => [`${e.file} at ${e.url}`, e] as const))('mutated markup: %s', (_, entry) => {
  it(`never throws, and every read is a well-formed snapshot (${seeds.length} seeds)`, () => {
    const baseline = runCase(entry, 0);
    expect(baseline.problems, 'the fixture as served').toEqual([]);
    const failures: string[] = [];
    let changed = 0;
    for (const seed of seeds) {
      const { mutations, problems, read } = runCase(entry, seed);
      if (read !== baseline.read) changed++;
      if (ONLY_SEED) console.log(`seed ${seed}:\n  ${mutations.join('\n  ')}\n→ ${read}`);
      if (problems.length)
        failures.push(
          `${entry.file} at ${entry.url}, seed ${seed} (replay: FUZZ_SEED=${seed})\n` +
            `  mutations:\n${mutations.map((m, i) => `    ${i + 1}. ${m}`).join('\n')}\n  problems:\n    ${problems.join('\n    ')}`,
        );
    }
    expect(failures, `\n${failures.join('\n\n')}\n`).toEqual([]);
    if (process.env.FUZZ_STATS) console.log(`STATS ${entry.file} ${entry.url} changed ${changed}/${seeds.length}`);
    // the mutations reach what is read: not a fuzz of markup the adapters never look at
    if (!ONLY_SEED) expect(changed, 'cases whose read differs from the fixture as served').toBeGreaterThanOrEqual(seeds.length / 4);
    // a Lightning page's case takes about 30 ms here; a slow machine, and a wide search, get room
  }, Math.max(30_000, seeds.length * 250));
});

describe('the page language never costs the deal its snapshot', () => {
  // lib/crm/dom.ts pageLocale: a tag of more subtags than a locale needs (the protocol takes 35
  // characters at most, lib/model/deal.ts) is no locale, and the snapshot goes without one. Before,
  // the whole snapshot was refused and the deal never recorded (found by the fuzz above).
  it('a 40-character <html lang> gives a snapshot the protocol takes, without a locale', () => {
    const problems = DEALS.flatMap((entry) => {
      const { doc, adapter, address, url } = fixtureFor(entry);
      doc.documentElement.setAttribute('lang', 'en-abcdefgh-abcdefgh-abcdefgh-abcdefgh-x');
      const snap = adapter.readDeal(doc, address, url);
      if (snap?.locale !== undefined) return [`${entry.file} at ${entry.url}: locale ${snap.locale}`];
      return snapshotProblems(snap, address, url, false).map((p) => `${entry.file} at ${entry.url}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('a locale of four subtags is still read', () => {
    const { doc, adapter, address, url } = fixtureFor(DEALS[0]!);
    doc.documentElement.setAttribute('lang', 'sr-Latn-RS-x1');
    expect(adapter.readDeal(doc, address, url)?.locale).toBe('sr-Latn-RS-x1');
  });
});
