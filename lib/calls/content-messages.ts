/**
 * Background → calls content script (tabs.sendMessage, frame 0 of the tab
 * whose panel asked). The content script checks the sender is this
 * extension's background and answers with plain numbers only; it never
 * learns review data.
 */
export type ToCallsContent =
  /** `fresh`: a person's ask (a note being pinned): no answer of "none" kept from a poll (lib/calls/media-dom.ts) */
  | { kind: 'dealside/calls-media'; fresh?: boolean }
  | { kind: 'dealside/calls-seek'; seconds: number }
  /** injected on demand ("Review this call"): show the panel even on an unknown page */
  | { kind: 'dealside/calls-open' };

export function isToCallsContent(m: unknown): m is ToCallsContent {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  if (o.kind === 'dealside/calls-media' || o.kind === 'dealside/calls-open') return true;
  return o.kind === 'dealside/calls-seek' && typeof o.seconds === 'number' && Number.isFinite(o.seconds) && o.seconds >= 0;
}
