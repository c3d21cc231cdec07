import { browser } from 'wxt/browser';
import type { ChangeEvent, Envelope, ErrorCode, RequestOf, RequestType, ResponseMap } from './protocol';

/** A rejected request, with the router's typed error code. */
export class DealsideError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DealsideError';
  }
}

/**
 * Ask the background. Resolves with the handler's data or throws
 * DealsideError. Used by extension pages (sidebar, popup, options); the
 * content script uses `browser.runtime.sendMessage` directly to stay small.
 */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  let envelope: Envelope<ResponseMap[T]> | undefined;
  try {
    envelope = (await browser.runtime.sendMessage(request)) as Envelope<ResponseMap[T]> | undefined;
  } catch (e) {
    throw new DealsideError('internal', `Dealside's background did not answer: ${(e as Error).message}`);
  }
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new DealsideError('internal', "Dealside's background gave no answer.");
  }
  if (!envelope.ok) throw new DealsideError(envelope.error.code, envelope.error.message);
  return envelope.data;
}

/**
 * Subscribe to the background's change broadcasts. Only messages from this
 * extension's own background (no tab, same extension id) are accepted.
 */
export function onChange(listener: (event: ChangeEvent) => void): () => void {
  const handler = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return;
    const m = message as Partial<ChangeEvent> | null;
    if (!m || m.kind !== 'dealside/changed' || !Array.isArray(m.dealKeys) || !Array.isArray(m.tabIds)) return;
    listener(m as ChangeEvent);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
