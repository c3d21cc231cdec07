/**
 * Small DOM helpers shared by the CRM adapters. Content-script code (25 KB
 * budget for the whole script): plain DOM, no getComputedStyle (slow, and
 * absent from linkedom), bounded work only. Helpers may throw on truly odd
 * DOMs; `defineCrm` wraps every adapter entry point so adapters never do.
 */
import type { CrmAdapter, CrmId, DealAddress, DealSnapshot, Rendered } from './types';
import { cleanText } from './clean-text';

/** Where a search starts: a document, an element, or a shadow root. */
export type SearchRoot = Document | Element | ShadowRoot | DocumentFragment;
type Maybe<T> = T | null | undefined;

/** Shadow roots this many levels deep are searched (host → shadow → host → shadow …). */
const DEPTH = 4;
/** A value is short: text gathering stops after this many characters. */
const TEXT_LIMIT = 4000;
const BLOCK = /^(?:div|p|li|[uod]l|d[td]|t[dhr]|table|br|h\d|section|article|header|footer|aside|nav|main|label|button|slot)$/;

const all = (root: SearchRoot, sel: string): Element[] => Array.from(root.querySelectorAll(sel));

/**
 * Told, during a read, of every open shadow root it passes through and every
 * element it takes a value's text from. The snapshot watcher observes those
 * roots for in-place edits (a document observer cannot see inside them)
 * without walking the page again itself, and asks whether a later mutation
 * touched any of those elements before reading again.
 */
export const readTrace: { root: ((root: ShadowRoot) => void) | null; element: ((el: Element) => void) | null } = {
  root: null,
  element: null,
};
const note = (root: ShadowRoot): ShadowRoot => (readTrace.root?.(root), root);

/** NodeFilter.SHOW_ELEMENT (the constant, so this also runs where no NodeFilter global exists) */
const SHOW_ELEMENT = 1;

/** The document a search root belongs to (a document is its own). */
const docOf = (root: SearchRoot): Document => (root as Node).ownerDocument ?? (root as Document);

/** One step up, across shadow boundaries: a node's parent, or a shadow root's host. */
const upward = (n: Node): Node | null => n.parentNode ?? (n as ShadowRoot).host ?? null;

/**
 * Open shadow roots of the elements under `root` (and of `root` itself), one
 * level, in document order. A TreeWalker, not querySelectorAll('*'): on a
 * Lightning record page of 6,000 elements the walk takes 0.37 ms in Chromium,
 * the selector 1.5 ms (it builds a list of every element first).
 */
function shadowRootsIn(root: SearchRoot): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const own = (root as Element).shadowRoot;
  if (own) out.push(note(own));
  const walker = docOf(root).createTreeWalker(root, SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (--shadowSearch.allowance < 0) {
      shadowSearch.cutShort.add(root);
      break;
    }
    const sr = (n as Element).shadowRoot;
    if (sr) out.push(note(sr));
  }
  return out;
}

/**
 * How many elements the searches for open shadow roots may visit before they stop
 * short (adding the root they were searching to `cutShort`). Unlimited unless a
 * caller sets it around a read: the snapshot watcher does, because the first search
 * of a large page is slow in one go — each element's first touch from the content
 * script's world costs: 20–24 ms of CPU, a 63 ms task, for a 6,000-element record
 * page on a slow machine — and the same search once the elements were touched takes
 * well under a millisecond (warmShadowSearch spreads that first touch over tasks).
 */
export const shadowSearch = { allowance: Infinity, cutShort: new Set<SearchRoot>() };

/** Is `node` `other` or inside it (across shadow boundaries)? */
function inside(node: Node, other: Node): boolean {
  for (let n: Node | null = node; n; n = upward(n)) if (n === other) return true;
  return false;
}

/**
 * Visits what the shadow-root searches under `roots` visit (their elements, and those
 * of their open shadow roots to the same depth), a slice of at most `sliceMs` per
 * task, each slice a task of its own, so that a search afterwards finds it all
 * touched. A root inside another is walked with it. Resolves when done, early when
 * `stopped()` says so, and never rejects: a page that changes meanwhile only leaves
 * some of it untouched.
 */
export function warmShadowSearch(roots: readonly SearchRoot[], stopped: () => boolean, sliceMs = 4): Promise<void> {
  const pending: { root: SearchRoot; depth: number }[] = [];
  for (const root of roots.filter((r) => !roots.some((o) => o !== r && inside(r, o)))) {
    pending.push({ root, depth: 0 });
    const own = (root as Element).shadowRoot;
    if (own) pending.push({ root: own, depth: 1 });
  }
  let walker: TreeWalker | null = null;
  let depth = 0;
  return new Promise((done) => {
    const slice = () => {
      try {
        if (stopped()) return done();
        const until = performance.now() + sliceMs;
        // at least one batch per slice, however short the slice
        do {
          if (!walker) {
            const next = pending.shift();
            if (!next) return done();
            walker = docOf(next.root).createTreeWalker(next.root, SHOW_ELEMENT);
            depth = next.depth;
          }
          // a batch between clock reads: the clock costs more than one element
          for (let i = 0; i < 64; i++) {
            const n = walker.nextNode() as Element | null;
            if (!n) {
              walker = null;
              break;
            }
            const sr = n.shadowRoot;
            if (sr && depth + 1 < DEPTH) pending.push({ root: sr, depth: depth + 1 });
          }
        } while (performance.now() < until);
      } catch {
        return done(); // odd DOM: what is left stays cold, and the search after copes as before
      }
      setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  });
}

/**
 * A subtree queried repeatedly, open shadow roots included. The shadow roots
 * are collected once, and only when a light-DOM query misses.
 */
export interface Scope {
  query(selector: string): Element | null;
  queryAll(selector: string): Element[];
  /**
   * The matches of queryAll, in its order, one at a time: the shadow roots are
   * searched only if the caller reads past the light-DOM matches (a reader that
   * stops at its first good match on a page without shadow roots walks none).
   */
  each(selector: string): Iterable<Element>;
}

export function scopeOf(root: SearchRoot, depth = DEPTH): Scope {
  let roots: SearchRoot[] | undefined;
  const shadows = (): SearchRoot[] => {
    if (!roots) {
      roots = [];
      let level: SearchRoot[] = [root];
      for (let d = 0; d < depth && level.length; d++) roots.push(...(level = level.flatMap(shadowRootsIn)));
    }
    return roots;
  };
  return {
    query: (sel) => root.querySelector(sel) ?? shadows().reduce<Element | null>((hit, r) => hit ?? r.querySelector(sel), null),
    queryAll: (sel) => [...all(root, sel), ...shadows().flatMap((r) => all(r, sel))],
    *each(sel) {
      yield* all(root, sel);
      for (const r of shadows()) yield* all(r, sel);
    },
  };
}

/** querySelector that also searches open shadow roots (bounded depth). */
export const deepQuery = (root: SearchRoot, sel: string): Element | null => scopeOf(root).query(sel);

/** First match in `root` (shadow roots included) that is not hidden. */
export const firstVisible = (root: SearchRoot, sel: string): Element | null =>
  scopeOf(root).queryAll(sel).find((el) => !isHidden(el)) ?? null;

/**
 * Text an element shows: light DOM text, or for a host with an open shadow
 * root the shadow tree's text with its `<slot>`s filled from the host's
 * children. Skips script/style/template and `skip` (a selector, e.g.
 * assistive text or edit buttons).
 */
export function textOf(el: Maybe<Element>, skip?: string): string {
  if (!el) return '';
  readTrace.element?.(el);
  const skipSel = 'script,style,template,noscript' + (skip ? ',' + skip : '');
  let out = '';
  const walk = (node: Node, host: Element | null, depth: number): void => {
    if (out.length > TEXT_LIMIT) return;
    if (node.nodeType === 3) {
      out += (node as Text).data;
      return;
    }
    const e = node as Element;
    if (node.nodeType === 1) {
      if (e !== el && e.matches(skipSel)) return;
      if (e.localName === 'slot' && host) {
        const name = e.getAttribute('name') ?? '';
        const assigned = Array.from(host.childNodes).filter((c) =>
          c.nodeType === 1 ? ((c as Element).getAttribute('slot') ?? '') === name : !name,
        );
        if (assigned.length) return assigned.forEach((c) => walk(c, null, depth));
      }
      const sr = depth < DEPTH ? e.shadowRoot : null;
      if (sr) return note(sr).childNodes.forEach((c) => walk(c, e, depth + 1));
    }
    node.childNodes.forEach((c) => walk(c, host, depth));
    if (BLOCK.test(e.localName)) out += ' ';
  };
  walk(el, null, 0);
  return cleanText(out).slice(0, TEXT_LIMIT);
}

/**
 * Hidden by attribute: the element or an ancestor (across shadow boundaries)
 * has `hidden`, `aria-hidden="true"` or an inline `display:none`. No layout.
 */
export function isHidden(el: Maybe<Node>): boolean {
  for (let n: Maybe<Node> = el; n; n = upward(n)) {
    const e = n as Element;
    if (
      n.nodeType === 1 &&
      (e.hasAttribute('hidden') ||
        e.getAttribute('aria-hidden') === 'true' ||
        /(?:^|;)\s*display\s*:\s*none/i.test(e.getAttribute('style') ?? ''))
    )
      return true;
  }
  return false;
}

/** The page's declared language, e.g. "en-US"; undefined when absent or odd. */
export function pageLocale(doc: Maybe<Document>): string | undefined {
  const lang = cleanText(doc?.documentElement?.getAttribute('lang'));
  return /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8}){0,3}$/i.test(lang) ? lang : undefined;
}

/** document.title, cleaned; '' for documents without one. */
export const pageTitle = (doc: Document): string => cleanText(doc.documentElement ? doc.title : '');

/** document.body, or the root element, or null. */
export const pageBody = (doc: Document): Element | null => (doc.documentElement ? doc.body : null) ?? doc.documentElement;

/** Title without the app's part: "Acme deal - Pipedrive" → "Acme deal". */
export const titleWithout = (doc: Document, re: RegExp): string => pageTitle(doc).replace(re, '').trim();

/** What a field element shows: an input's current value, else its text (else a child input's value). */
export function fieldText(el: Maybe<Element>, skip?: string): string {
  if (!el) return '';
  if (/^(?:input|textarea)$/.test(el.localName)) {
    readTrace.element?.(el);
    return cleanText((el as HTMLInputElement).value);
  }
  return textOf(el, skip) || fieldText(el.querySelector('input:not([type="hidden"]),textarea'));
}

/** An attribute's value taken as a field's text (the element is then watched like any other read). */
export function attributeText(el: Maybe<Element>, name: string): string {
  if (!el) return '';
  readTrace.element?.(el);
  return cleanText(el.getAttribute(name));
}

/** Quote a string for a CSS attribute value. */
export const cssEscape = (s: string): string => s.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);

/**
 * A value next to a label: the first visible element matching `labelSel`
 * whose text is one of `labels` (case-insensitive, trailing ":"/"*" ignored)
 * → what it labels: its `for=` target, the element `aria-labelledby` it, its
 * next sibling, or its parent's next sibling. '' when the label is there but
 * the value blank; undefined when no label. Keep `labelSel` narrow.
 */
export function valueByLabel(root: SearchRoot, labels: readonly string[], labelSel = 'label,dt,[role="rowheader"]'): string | undefined {
  const wanted = labels.map((l) => l.toLowerCase());
  let found: string | undefined;
  for (const label of all(root, labelSel)) {
    const raw = label.textContent ?? '';
    if (raw.length > 80 || !wanted.includes(cleanText(raw).replace(/\s*[:*]$/, '').toLowerCase()) || isHidden(label))
      continue;
    const id = label.getAttribute('for');
    const target =
      (id && label.ownerDocument.getElementById(id)) ||
      (label.id && root.querySelector(`[aria-labelledby~="${cssEscape(label.id)}"]`)) ||
      label.nextElementSibling ||
      label.parentElement?.nextElementSibling;
    found = fieldText(target);
    if (found) break;
  }
  return found;
}

/** Value of the first visible `[aria-label="…"]` for one of `labels`. */
export function valueByAria(root: SearchRoot, labels: readonly string[]): string | undefined {
  for (const l of labels) {
    const v = fieldText(firstVisible(root, `[aria-label="${cssEscape(l)}"]`));
    if (v) return v;
  }
  return undefined;
}

/** Raw texts an adapter found on the page, before parsing and bounding. */
export type RawDealTexts = Partial<Record<'name' | 'amount' | 'stage' | 'closeDate' | 'owner' | 'nextStep', string>>;
/** Each field read separately, so one that trips on odd markup does not lose the others. */
export type FieldReaders = Partial<Record<keyof RawDealTexts, () => Maybe<string>>>;

/** Run `fn`, or return `fallback` if the page's markup trips it. */
export function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * Raw texts → snapshot: empty values left out (a next-step field shown blank is kept as ''), lengths bounded to what the
 * background's schema accepts. Amounts and dates stay text here: the
 * background parses them (values.ts enrichSnapshot) with the page's locale.
 */
export function buildSnapshot(
  crm: CrmId,
  address: DealAddress,
  url: URL,
  raw: RawDealTexts,
  locale?: string,
): Omit<DealSnapshot, 'readAt'> {
  const out: Omit<DealSnapshot, 'readAt'> = { crm, recordId: address.recordId, host: url.host, url: url.href };
  const clip = (s: Maybe<string>, max: number) => cleanText(s).slice(0, max) || undefined;
  const name = clip(raw.name, 300);
  const amount = clip(raw.amount, 100);
  const stage = clip(raw.stage, 120);
  const closeDate = clip(raw.closeDate, 100);
  const owner = clip(raw.owner, 120);
  const next = clip(raw.nextStep, 1000);
  if (name) out.name = name;
  if (amount) out.amount = { text: amount };
  if (stage) out.stage = stage;
  if (closeDate) out.closeDate = { text: closeDate };
  if (owner) out.owner = owner;
  // shown but blank: '' (the step was cleared in the CRM); no field at all: left out
  if (next || raw.nextStep != null) out.nextStep = { text: next ?? '' };
  if (locale) out.locale = locale;
  return out;
}

/**
 * An adapter from its parts, with the guarantees every adapter owes the
 * content script: parseDealAddress, readDeal, isRecordRendered and isRecordBeingEdited
 * never throw (odd markup gives a partial snapshot, or false), https only.
 */
export function defineCrm(spec: {
  id: CrmId;
  label: string;
  host: RegExp;
  parse(url: URL): DealAddress | null;
  read(doc: Document, address: DealAddress): FieldReaders;
  rendered(doc: Document, address: DealAddress): Rendered;
  /** the record open for editing (CrmAdapter.isRecordBeingEdited); never, when left out */
  editing?(doc: Document, address: DealAddress): boolean;
}): CrmAdapter {
  return adapterOwning(spec, (url) => url.protocol === 'https:' && spec.host.test(url.hostname.toLowerCase()));
}

function adapterOwning(spec: Parameters<typeof defineCrm>[0], owns: (url: URL) => boolean): CrmAdapter {
  return {
    id: spec.id,
    label: spec.label,
    matchesHost: owns,
    parseDealAddress: (url) => safely(() => (owns(url) ? spec.parse(url) : null), null),
    readDeal(doc, address, url) {
      const raw: RawDealTexts = {};
      const readers = safely(() => spec.read(doc, address), {});
      for (const [k, f] of Object.entries(readers)) raw[k as keyof RawDealTexts] = safely(() => f?.() ?? undefined, undefined);
      return safely(
        () => buildSnapshot(spec.id, address, url, raw, safely(() => pageLocale(doc), undefined)),
        buildSnapshot(spec.id, address, url, {}),
      );
    },
    isRecordRendered: (doc, address) => safely(() => spec.rendered(doc, address), false),
    isRecordBeingEdited: (doc, address) => safely(() => !!spec.editing?.(doc, address), false),
    onUserSite: () => adapterOwning(spec, (url) => url.protocol === 'https:'),
  };
}
