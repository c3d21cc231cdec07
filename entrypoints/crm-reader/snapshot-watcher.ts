/**
 * Reads one deal record while the user is on it: waits until the record's own
 * fields are on the page (SPAs change the address first), reads, and re-reads
 * when the page mutates (late fields, inline edits; a record open for editing is
 * not reported until saved). A page that keeps
 * mutating elsewhere is not read over and over: once every field is read,
 * only mutations that touch what the values came from lead to a read
 * (lib/page/read-footprint.ts), and once the page proves busy only that is
 * watched; reads are paced (lib/page/read-pacing.ts). A value edited in a form
 * field (Dynamics shows its fields as inputs) may change no DOM, only the input's
 * value: the `change` event the field fires when the edit is committed is read
 * for too, and a value the CRM's script sets with no event at all is caught by
 * comparing those fields' values every 2 s. A field being typed in is reported
 * once committed, not keystroke by keystroke. A read that would search a large
 * page for open shadow roots in one go stops short instead, and the page is
 * touched a slice at a time before the read that counts (no long task). Reports
 * only when what was read changed. Runs only on deal pages; other CRM pages get
 * no observer.
 */
import { NAMES_THIS_RECORD, type CrmAdapter, type DealAddress, type DealSnapshot } from '../../lib/crm/types';
import { readTrace, shadowSearch, warmShadowSearch, type RawDealTexts, type SearchRoot } from '../../lib/crm/dom';
import { readFootprint, type ReadFootprint } from '../../lib/page/read-footprint';
import { createReadPacing } from '../../lib/page/read-pacing';

/** Give up waiting for a "rendered" signal and report what can be read. */
const RENDER_TIMEOUT_MS = 5000;
/** Once a read found all of these, only mutations that touch what it read from are read again for. */
const FIELDS = ['name', 'amount', 'stage', 'closeDate', 'owner', 'nextStep'] as const satisfies readonly (keyof RawDealTexts)[];
/** Mutation batches elsewhere after which the page counts as busy, and only the footprint is watched. */
const BUSY_BATCHES = 3;
/**
 * What may change a record's fields: tree and text, the attributes that show or
 * hide, values kept in attributes, and a "current" marker moving (a stage path).
 */
const OPTIONS: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['class', 'hidden', 'style', 'title', 'value', 'aria-current'],
};

/**
 * How often values held in form fields are compared with what was read: a CRM's
 * script can set an input's value (a recalculated amount after a save) with no
 * mutation and no event. Only on records read from form fields (Dynamics 365).
 */
const FORM_VALUE_CHECK_MS = 2000;

/**
 * Elements a read may visit searching for open shadow roots (lib/crm/dom.ts:
 * shadowSearch). A record page larger than this, with a field the light DOM lacks, is
 * touched a slice at a time first and read after: its first search in one go was a
 * long task (63 ms on a 6,455-element record page, 2026-11-26). The Lightning
 * fixture's read visits about 400: a record of ordinary size is searched at once.
 */
export const SHADOW_SEARCH_ALLOWANCE = 1000;

type FormField = HTMLInputElement | HTMLTextAreaElement;
const isFormField = (el: Element): el is FormField => el.localName === 'input' || el.localName === 'textarea';

/** On the ancestors of what was read: shown, hidden or restyled, or a child (the way down) taken away. */
const ANCESTOR_OPTIONS: MutationObserverInit = {
  childList: true,
  attributes: true,
  attributeFilter: OPTIONS.attributeFilter!,
};

export interface SnapshotWatcher {
  stop(): void;
}

/** A read's fields without what names the record or the moment: equal for the same deal shown again. */
export const contentOf = (s: Omit<DealSnapshot, 'readAt'>) => JSON.stringify({ ...s, recordId: 0, url: 0, readAt: 0 });

export function watchDeal(
  adapter: CrmAdapter,
  address: DealAddress,
  onSnapshot: (snapshot: DealSnapshot) => void,
  /**
   * What was read for the deal this page showed before (an SPA navigation, `contentOf`):
   * while the page still shows exactly that, it shows that deal under the new address.
   */
  previous?: string,
): SnapshotWatcher {
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const startedAt = Date.now();
  const pacing = createReadPacing();
  /** what the last read took its values from; null until a read found every field (any mutation may bring one) */
  let footprint: ReadFootprint | null = null;
  /** batches since the last read that touched nothing read; from BUSY_BATCHES on, only the footprint is watched */
  let untouchedBatches = 0;

  // Our own sidebar host coming and going is not a change of the record.
  const ours = (n: Node) => n.nodeName === 'DEALSIDE-SIDEBAR';
  // A child of <html> come or gone (only its children are watched there) is a body swapped
  // whole (Turbo, pjax): what was read from has gone with the old one.
  const mayChangeRecord = (r: MutationRecord) =>
    !ours(r.target) && ![...r.addedNodes, ...r.removedNodes].some(ours) && (!footprint || r.target == document.documentElement || footprint.touchedBy(r));
  const observer = new MutationObserver((records) => {
    if (records.some(mayChangeRecord)) return schedule();
    // The page is busy elsewhere (a feed loading): watch only the footprint from now on.
    if (footprint && ++untouchedBatches === BUSY_BATCHES) {
      observer.disconnect();
      listen();
    }
  });
  /**
   * Form fields' values as they were when focused, or as committed since (their `change`
   * event). A field being typed in is read once committed, not keystroke by keystroke:
   * React-built CRMs (Dynamics, HubSpot) mirror every keystroke into the `value` attribute,
   * a mutation like any other.
   */
  const settled = new WeakMap<Element, string>();
  /**
   * A value read from the form field that has focus, changed since it was focused or
   * committed. Never before the first report: the deal is shown whatever is being typed.
   */
  const typingIn = (valuesFrom: Element[]) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    // only form fields are ever settled
    const was = active ? settled.get(active) : undefined;
    return !!last && was !== undefined && was !== (active as FormField).value && valuesFrom.includes(active!);
  };
  /** A read held for typing: read again when focus leaves the field, whatever else happens. */
  let heldForTyping = false;

  // A committed edit of a field shown as an input (blur, Enter): no mutation, only a
  // `change` event. Read for it when it comes from what was read (or from anywhere
  // while some field is still missing).
  const listening = new AbortController();
  const settle = (e: Event) => {
    const field = e.composedPath()[0] as Element;
    if (isFormField(field)) settled.set(field, field.value);
  };
  const onChange = (e: Event) => {
    settle(e);
    if (!footprint || e.composedPath().some((n) => footprint!.readFrom.has(n as Node))) schedule();
  };
  const listenerOptions = { capture: true, signal: listening.signal };
  const listenForChanges = (target: Document | ShadowRoot) => target.addEventListener('change', onChange, listenerOptions);
  listenForChanges(document);
  // focus events cross shadow boundaries: the document hears them all
  document.addEventListener('focusin', settle, listenerOptions);
  document.addEventListener(
    'focusout',
    () => {
      if (heldForTyping) schedule();
      heldForTyping = false;
    },
    listenerOptions,
  );

  // A document observer does not see inside shadow roots, where CRMs' components
  // often keep field values: the open roots the adapter read through are observed
  // too (and listened to: `change` does not leave a shadow root).
  const roots = new Set<ShadowRoot>();
  const addRoot = (root: ShadowRoot) => {
    if (roots.has(root)) return;
    roots.add(root);
    listenForChanges(root);
  };
  const listen = () => {
    // the body itself replaced: every observation below was of the old one (first: observing
    // <html> below, with no body, widens this one)
    observer.observe(document.documentElement, { childList: true });
    if (footprint && untouchedBatches >= BUSY_BATCHES) {
      // Every field read, and the page busy elsewhere: watch only what the values came
      // from and their ancestors, so a feed loading calls back for none of it (one
      // observation per node: not worth it on a page that is quiet). Ancestors from
      // <body> down, as when watching the whole page: <html> carries the width the
      // sidebar reserves, and that is no change of the record.
      for (const n of footprint.readFrom) observer.observe(n, OPTIONS);
      for (const n of footprint.ancestors) if (n !== document && n !== document.documentElement) observer.observe(n, ANCESTOR_OPTIONS);
      return;
    }
    observer.observe(document.body ?? document.documentElement, OPTIONS);
    for (const root of roots) {
      if (root.host.isConnected) observer.observe(root, OPTIONS);
      else roots.delete(root);
    }
  };

  /** the form fields the last read took values from, with those values; compared every FORM_VALUE_CHECK_MS */
  let formValues: { field: FormField; value: string }[] = [];
  let formCheck: ReturnType<typeof setInterval> | undefined;
  const checkFormValues = () => {
    // A field being typed in is left alone: its edit is read once committed (`change`).
    if (formValues.some(({ field, value }) => field.value !== value && !field.matches(':focus'))) schedule();
  };
  const watchFormValues = (valuesFrom: Element[]) => {
    formValues = valuesFrom.filter(isFormField).map((field) => ({ field, value: field.value }));
    if (formValues.length && formCheck === undefined) formCheck = setInterval(checkFormValues, FORM_VALUE_CHECK_MS);
    else if (!formValues.length && formCheck !== undefined) {
      clearInterval(formCheck);
      formCheck = undefined;
    }
  };

  /**
   * The search for shadow roots: limited to SHADOW_SEARCH_ALLOWANCE elements per read;
   * 'warming' while the roots a read stopped short in are touched a slice at a time;
   * 'warmed' for the one read after that, which searches them without a limit. Every
   * later read is limited again: a record that grew since (related lists, a feed) may
   * hold thousands of elements never touched.
   */
  let search: 'limited' | 'warming' | 'warmed' = 'limited';
  const warmThenRead = (roots: SearchRoot[]) => {
    search = 'warming';
    void warmShadowSearch(roots, () => stopped).then(() => {
      search = 'warmed';
      if (stopped) return;
      clearTimeout(timer); // a read asked for meanwhile: this one is it
      read();
    });
  };

  /** What to report, if anything: a read cut short, of a record not yet rendered, open for editing or unchanged, is none. */
  const readNow = (): DealSnapshot | undefined => {
    // Adapters never throw (defineCrm wraps each entry point): odd markup gives partial reads.
    const rendered = adapter.isRecordRendered(document, address);
    if (shadowSearch.cutShort.size) return;
    if (!rendered && Date.now() - startedAt < RENDER_TIMEOUT_MS) {
      pacing.readEnded('not-rendered', Date.now());
      return;
    }
    const url = new URL(location.href);
    // The address names another record already (Firefox learns of it by a poll, up to a second
    // late): this watcher is about to be replaced, and what it would read is not its deal.
    if (adapter.parseDealAddress(url)?.recordId != address.recordId) return;
    const valuesFrom: Element[] = [];
    readTrace.root = addRoot;
    readTrace.element = (el) => valuesFrom.push(el);
    const fields = adapter.readDeal(document, address, url);
    // cut short: a partial read is no news (a field missing from it is not a field cleared)
    if (shadowSearch.cutShort.size) return;
    // The address changes before the new record renders, and not every CRM's markup says
    // which record it shows: the deal left behind, read under this one's id, would give it
    // that deal's fields and next step (resetting its "Done" and its Stale clock). While the
    // page shows exactly what was read for that deal, it has not moved on: wait, however long
    // the new record takes (a deal sharing only its name with it shows at once) — unless the
    // page names this very record (a clone of the deal before, every field the same).
    if (previous && rendered !== NAMES_THIS_RECORD && contentOf(fields) == previous) {
      pacing.readEnded('not-rendered', Date.now());
      return;
    }
    const complete = FIELDS.every((f) => fields[f] !== undefined);
    footprint = complete ? readFootprint(valuesFrom) : null;
    watchFormValues(valuesFrom);
    untouchedBatches = 0;
    const { url: _u, ...comparable } = fields;
    const signature = JSON.stringify(comparable);
    if (signature === last) {
      pacing.readEnded('unchanged', Date.now());
      return;
    }
    // Typed, not yet committed: read again at its `change`, or when focus leaves the field.
    if ((heldForTyping = typingIn(valuesFrom))) {
      pacing.readEnded('unchanged', Date.now());
      return;
    }
    // Read from a record open for editing: the form, not the record (a blank input is no
    // field cleared). Nothing is reported until it is saved; the whole page is watched
    // meanwhile, as what was read from is gone. Asked only of a read that would report.
    if (adapter.isRecordBeingEdited(document, address)) {
      footprint = null;
      pacing.readEnded('unchanged', Date.now());
      return;
    }
    // its search, within what is left of the read's allowance, cut short: warmed, then read again
    if (shadowSearch.cutShort.size) return;
    pacing.readEnded('changed', Date.now());
    last = signature;
    return { ...fields, readAt: new Date().toISOString() };
  };

  const read = () => {
    timer = undefined;
    if (stopped || search === 'warming') return;
    shadowSearch.allowance = search === 'warmed' ? Infinity : SHADOW_SEARCH_ALLOWANCE;
    search = 'limited';
    shadowSearch.cutShort.clear();
    let news: DealSnapshot | undefined;
    try {
      news = readNow();
    } finally {
      // whatever the read did or threw: the search unlimited and untraced again for anyone else
      shadowSearch.allowance = Infinity;
      readTrace.root = readTrace.element = null;
      const cutShort = [...shadowSearch.cutShort];
      shadowSearch.cutShort.clear();
      // Not listening while it warms: the read after it sees whatever changed meanwhile.
      if (!stopped) {
        if (cutShort.length) warmThenRead(cutShort);
        else listen();
      }
    }
    // reported with the search unlimited again, whatever the report does
    if (news) onSnapshot(news);
  };

  const schedule = () => {
    const wait = pacing.mutated(Date.now());
    if (timer !== undefined || stopped) return;
    // Until that read, more mutations change nothing: stop listening (a page that
    // keeps mutating would call back on every batch), and listen again after it.
    observer.disconnect();
    timer = setTimeout(read, wait);
  };

  // If the record never signals it rendered, still report the partial read.
  const deadline = setTimeout(schedule, RENDER_TIMEOUT_MS + 10);
  read();

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      listening.abort();
      clearTimeout(deadline);
      clearInterval(formCheck);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
