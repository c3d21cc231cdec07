/**
 * Reads one deal record while the user is on it: waits until the record's own
 * fields are on the page (SPAs change the address first), reads, and re-reads
 * when the page mutates (late fields, inline edits). Reports only when what was
 * read changed. Runs only on deal pages; other CRM pages get no observer.
 */
import type { CrmAdapter, DealAddress, DealSnapshot } from '../../lib/crm/types';
import { shadowRootWatch } from '../../lib/crm/dom';

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
    // Adapters never throw (defineCrm wraps each entry point): odd markup gives partial reads.
    const rendered = adapter.isRecordRendered(document, address);
    if (!rendered && Date.now() - startedAt < RENDER_TIMEOUT_MS) return;
    const url = new URL(location.href);
    shadowRootWatch.seen = observeShadowRoot;
    const fields = adapter.readDeal(document, address, url);
    shadowRootWatch.seen = null;
    const { url: _u, ...comparable } = fields;
    const signature = JSON.stringify(comparable);
    if (signature === last) return;
    last = signature;
    onSnapshot({ ...fields, readAt: new Date().toISOString() });
  };

  const schedule = () => {
    if (timer === undefined && !stopped) timer = setTimeout(read, SETTLE_MS);
  };

  // Our own sidebar host coming and going is not a change of the record.
  const ours = (n: Node) => n.nodeName === 'DEALSIDE-SIDEBAR';
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !ours(r.target) && ![...r.addedNodes, ...r.removedNodes].some(ours))) schedule();
  });
  const options: MutationObserverInit = {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'hidden', 'style', 'title', 'value'],
  };
  observer.observe(document.body ?? document.documentElement, options);
  // A document observer does not see inside shadow roots, where CRMs' components
  // often keep field values: observe each open root the adapter read through.
  const observed = new WeakSet<ShadowRoot>();
  const observeShadowRoot = (root: ShadowRoot) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, options);
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
