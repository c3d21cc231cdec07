/**
 * When to read a record again after its page mutates. Pure: the caller passes
 * the clock and owns the timer (entrypoints/crm-reader/snapshot-watcher.ts).
 *
 * A CRM page mutates for reasons that are not the record: a Lightning record
 * page loads its related lists and activity feed for seconds after the fields
 * are on it. Reading 40 ms after every burst of that cost a deal page whose
 * feed loads 60 items in 3 s about 70 ms of main thread, for reads that found
 * nothing new. So the wait doubles after each read that found the record
 * unchanged, up to `maxMs`, and is back to `settleMs` (quick) when
 *  - a read found a change (more may follow: an edit, fields arriving),
 *  - the record is not rendered yet (the sidebar waits on that first read),
 *  - the page mutates `quietMs` or more after the last mutation or read seen
 *    (an inline edit on a settled page is picked up at once).
 */
export interface ReadPacing {
  /** the page mutated at `at` (ms): how long to wait before reading */
  mutated(at: number): number;
  /** a read ended at `at` (ms): what it found */
  readEnded(outcome: 'changed' | 'unchanged' | 'not-rendered', at: number): void;
}

export interface ReadPacingOptions {
  /** the wait after a mutation while things are changing (coalesces a render's hundreds of mutations) */
  settleMs?: number;
  /** the longest wait, however long the page keeps mutating without changing the record */
  maxMs?: number;
  /** mutations after this long without any start quick again */
  quietMs?: number;
}

export function createReadPacing({ settleMs = 40, maxMs = 1000, quietMs = 1000 }: ReadPacingOptions = {}): ReadPacing {
  let wait = settleMs;
  /** the last mutation or read seen: the watcher stops listening while a read is pending */
  let lastSeen = -Infinity;
  return {
    mutated(at) {
      if (at - lastSeen >= quietMs) wait = settleMs;
      lastSeen = at;
      return wait;
    },
    readEnded(outcome, at) {
      wait = outcome === 'unchanged' ? Math.min(wait * 2, maxMs) : settleMs;
      lastSeen = at;
    },
  };
}
