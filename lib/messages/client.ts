import { browser } from 'wxt/browser';
import type { ChangeEvent, Envelope, ErrorCode, RequestOf, RequestType, ResponseMap } from './protocol';
import { CHANGES_PORT } from './change-hub';

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
  return answerOf<T>(browser.runtime.sendMessage(request));
}

/**
 * The handler's data from a pending `runtime.sendMessage` answer (sent here
 * or by the popup's early script), or DealsideError.
 */
export async function answerOf<T extends RequestType>(pending: Promise<unknown>): Promise<ResponseMap[T]> {
  let envelope: Envelope<ResponseMap[T]> | undefined;
  try {
    envelope = (await pending) as Envelope<ResponseMap[T]> | undefined;
  } catch (e) {
    throw new DealsideError('internal', `Dealside's background did not answer: ${(e as Error).message}`);
  }
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new DealsideError('internal', "Dealside's background gave no answer.");
  }
  if (!envelope.ok) throw new DealsideError(envelope.error.code, envelope.error.message);
  return envelope.data;
}

const listeners = new Set<(event: ChangeEvent) => void>();
let port: ReturnType<typeof browser.runtime.connect> | null = null;

/** One port per page, reopened when the background restarts (MV3 stops idle workers). */
function connect() {
  port = browser.runtime.connect({ name: CHANGES_PORT });
  port.onMessage.addListener((message: unknown) => {
    const m = message as Partial<ChangeEvent> | null;
    if (!m || m.kind !== 'dealside/changed' || !Array.isArray(m.dealKeys) || !Array.isArray(m.tabIds)) return;
    for (const l of listeners) l(m as ChangeEvent);
  });
  port.onDisconnect.addListener(() => {
    port = null;
    if (!listeners.size) return;
    // Changes made while we were disconnected were not seen: ask everyone to reload.
    setTimeout(() => {
      if (!listeners.size || port) return;
      connect();
      for (const l of listeners) l({ kind: 'dealside/changed', dealKeys: [], tabIds: [], settings: true, resync: true });
    }, 200);
  });
}

/**
 * Subscribe to the background's change notifications (over a port only the
 * background can post on). Returns the unsubscribe function.
 */
export function onChange(listener: (event: ChangeEvent) => void): () => void {
  listeners.add(listener);
  if (!port) connect();
  return () => {
    listeners.delete(listener);
    if (!listeners.size && port) {
      port.disconnect();
      port = null;
    }
  };
}

/** A change that is only a draft written (a note being typed): nothing but that draft's composers reload. */
export function onlyADraft(event: ChangeEvent): boolean {
  return !!event.draft && !event.dealKeys.length && !event.tabIds.length && !event.settings && !event.resync && !event.callKeys?.length;
}
