/**
 * Reads one deal record while the user is on it: waits until the record's own
 * fields are on the page (SPAs change the address first), reads, and re-reads
 * when the page mutates (late fields, inline edits). Reports only when what was
 * read changed. Runs only on deal pages; other CRM pages get no observer.
 */
import type { CrmAdapter, DealAddress, DealSnapshot } from '../../lib/crm/types';

/** Give up waiting for a "rendered" signal and report what can be read. */
const RENDER_TIMEOUT_MS = 5000;
/** Coalesce bursts of mutations (a Lightning render is hundreds) into one read. */
const SETTLE_MS = 40;

export interface SnapshotWatcher {
  stop(): void;
}

export function watchDeal(
  adapter: CrmAdapter,
  address: DealAddress,
  onSnapshot: (snapshot: DealSnapshot) => void,
): SnapshotWatcher {
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const startedAt = Date.now();

  const read = () => {
    timer = undefined;
    if (stopped) return;
    safe(() => observeShadowRoots(document.body ?? document.documentElement), undefined);
    const rendered = safe(() => adapter.isRecordRendered(document, address), false);
    if (!rendered && Date.now() - startedAt < RENDER_TIMEOUT_MS) return;
    const url = new URL(location.href);
    const fields = safe(() => adapter.readDeal(document, address, url), null);
    if (!fields) return;
    const { url: _u, ...comparable } = fields;
    const signature = JSON.stringify(comparable);
    if (signature === last) return;
    last = signature;
    onSnapshot({ ...fields, readAt: new Date().toISOString() });
  };

  const schedule = () => {
    if (timer === undefined && !stopped) timer = setTimeout(read, SETTLE_MS);
  };

  const observer = new MutationObserver(schedule);
  const options: MutationObserverInit = {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'hidden', 'style', 'title', 'value'],
  };
  observer.observe(document.body ?? document.documentElement, options);
  // A document observer does not see inside shadow roots, where CRMs' components
  // often keep field values: observe each open root too, as components appear.
  const observed = new WeakSet<ShadowRoot>();
  const observeShadowRoots = (root: ParentNode) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const shadow = el.shadowRoot;
      if (shadow && !observed.has(shadow)) {
        observed.add(shadow);
        observer.observe(shadow, options);
        observeShadowRoots(shadow);
      }
    }
  };
  // If the record never signals it rendered, still report the partial read.
  const deadline = setTimeout(schedule, RENDER_TIMEOUT_MS + 10);
  read();

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      clearTimeout(deadline);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** Page markup is untrusted: an adapter that trips on it must not break the page. */
function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
