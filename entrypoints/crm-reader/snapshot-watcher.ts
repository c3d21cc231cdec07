/**
 * Reads one deal record while the user is on it: waits until the record's own
 * fields are on the page (SPAs change the address first), reads, and re-reads
 * when the page mutates (late fields, inline edits), paced so that a page that
 * keeps mutating elsewhere is not read over and over (lib/page/read-pacing.ts).
 * Reports only when what was read changed. Runs only on deal pages; other CRM
 * pages get no observer.
 */
import type { CrmAdapter, DealAddress, DealSnapshot } from '../../lib/crm/types';
import { shadowRootWatch } from '../../lib/crm/dom';
import { createReadPacing } from '../../lib/page/read-pacing';

/** Give up waiting for a "rendered" signal and report what can be read. */
const RENDER_TIMEOUT_MS = 5000;
/** What may change a record's fields: tree and text, and the attributes that show or hide. */
const OPTIONS: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['class', 'hidden', 'style', 'title', 'value'],
};

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
  const pacing = createReadPacing();

  // Our own sidebar host coming and going is not a change of the record.
  const ours = (n: Node) => n.nodeName === 'DEALSIDE-SIDEBAR';
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !ours(r.target) && ![...r.addedNodes, ...r.removedNodes].some(ours))) schedule();
  });
  // A document observer does not see inside shadow roots, where CRMs' components
  // often keep field values: the open roots the adapter read through are observed too.
  const roots = new Set<ShadowRoot>();
  const listen = () => {
    observer.observe(document.body ?? document.documentElement, OPTIONS);
    for (const root of roots) {
      if (root.host.isConnected) observer.observe(root, OPTIONS);
      else roots.delete(root);
    }
  };

  const readNow = () => {
    // Adapters never throw (defineCrm wraps each entry point): odd markup gives partial reads.
    const rendered = adapter.isRecordRendered(document, address);
    if (!rendered && Date.now() - startedAt < RENDER_TIMEOUT_MS) return pacing.readEnded('not-rendered', Date.now());
    const url = new URL(location.href);
    shadowRootWatch.seen = (root) => roots.add(root);
    const fields = adapter.readDeal(document, address, url);
    shadowRootWatch.seen = null;
    const { url: _u, ...comparable } = fields;
    const signature = JSON.stringify(comparable);
    if (signature === last) return pacing.readEnded('unchanged', Date.now());
    pacing.readEnded('changed', Date.now());
    last = signature;
    onSnapshot({ ...fields, readAt: new Date().toISOString() });
  };

  const read = () => {
    timer = undefined;
    if (stopped) return;
    try {
      readNow();
    } finally {
      if (!stopped) listen();
    }
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
      clearTimeout(deadline);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
