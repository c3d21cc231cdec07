import { browser } from 'wxt/browser';
import type { ChangeEvent, Envelope, ErrorCode, RequestOf, RequestType, ResponseMap } from './protocol';
import { CHANGES_PORT, PORT_ACCEPTED } from './change-hub';

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
  if (extensionGone()) throw new DealsideError('gone', GONE_MESSAGE);
  return answerOf<T>(browser.runtime.sendMessage(request));
}

/** Said wherever a page of Dealside's outlives it (see `extensionGone`). */
export const GONE_MESSAGE = 'Dealside was updated or turned off, so this panel can no longer save. Copy anything you typed here, then reload the page.';

/**
 * Has the extension this page belongs to gone from under it? An update, a reload or
 * turning Dealside off leaves its frames on CRM and recording pages running (Chromium
 * keeps them until the page reloads) with no runtime: every call then fails with
 * "Extension context invalidated", which says nothing to a person.
 */
export function extensionGone(): boolean {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
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
    if (extensionGone()) throw new DealsideError('gone', GONE_MESSAGE);
    throw new DealsideError('internal', `Dealside's background did not answer: ${(e as Error).message}`);
  }
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new DealsideError('internal', "Dealside's background gave no answer.");
  }
  if (!envelope.ok) throw new DealsideError(envelope.error.code, envelope.error.message);
  return envelope.data;
}

const listeners = new Set<(event: ChangeEvent) => void>();
const goneListeners = new Set<() => void>();
let port: ReturnType<typeof browser.runtime.connect> | null = null;
/**
 * The port dropped (the background's worker stopped) while pages listened: changes made
 * until it is open again reach no one here, so the next connect tells every listener to
 * reload, whoever makes it (the reconnect timer, or a component subscribing first).
 */
let lost = false;
/** The background has accepted the open port (PORT_ACCEPTED came on it); pages waiting for that. */
let accepted = false;
const acceptedWaiters = new Set<() => void>();

/**
 * Be told once the extension has gone from under this page (its port to the background
 * closes and no runtime is left); at once if it already has. Returns the unsubscribe function.
 */
export function onExtensionGone(listener: () => void): () => void {
  if (extensionGone()) {
    listener();
    return () => {};
  }
  goneListeners.add(listener);
  // the port is what closes when the extension goes: open while anyone listens
  if (!port) connect();
  return () => {
    goneListeners.delete(listener);
    disconnectIfUnheard();
  };
}

function tellGone() {
  const gone = [...goneListeners];
  goneListeners.clear();
  for (const l of gone) l();
}

function disconnectIfUnheard() {
  if (!listeners.size && !goneListeners.size && port) {
    port.disconnect();
    port = null;
  }
}

/** One port per page, reopened when the background restarts (MV3 stops idle workers). */
function connect() {
  // a new port is not accepted until the background says so (the last one's word is not this one's)
  accepted = false;
  try {
    port = browser.runtime.connect({ name: CHANGES_PORT });
  } catch {
    // Dealside gone from under the page between the check and the call: a throw here (in an
    // effect) would take the whole frame down, and with it what was typed
    port = null;
    return tellGone();
  }
  port.onMessage.addListener((message: unknown) => {
    if ((message as { kind?: unknown } | null)?.kind === PORT_ACCEPTED.kind) {
      accepted = true;
      for (const w of [...acceptedWaiters]) w();
      acceptedWaiters.clear();
      return;
    }
    const m = message as Partial<ChangeEvent> | null;
    if (!m || m.kind !== 'dealside/changed' || !Array.isArray(m.dealKeys) || !Array.isArray(m.tabIds)) return;
    for (const l of listeners) l(m as ChangeEvent);
  });
  port.onDisconnect.addListener(() => {
    port = null;
    accepted = false;
    // nothing to reconnect to: a new copy of Dealside does not know this page
    if (extensionGone()) return tellGone();
    if (!listeners.size && !goneListeners.size) return;
    lost = true;
    setTimeout(() => {
      if ((!listeners.size && !goneListeners.size) || port) return;
      if (extensionGone()) return tellGone();
      connect();
    }, 200);
  });
  if (lost) {
    // Changes made while we were disconnected were not seen: ask everyone to reload.
    lost = false;
    for (const l of [...listeners]) l({ kind: 'dealside/changed', dealKeys: [], tabIds: [], settings: true, resync: true });
  }
}

/**
 * Subscribe to the background's change notifications (over a port only the
 * background can post on). Returns the unsubscribe function.
 */
export function onChange(listener: (event: ChangeEvent) => void): () => void {
  listeners.add(listener);
  // once Dealside has gone there is nothing to connect to (a subscription made after, by a
  // "Try again", must not throw in the frame that outlived it)
  if (!port && !extensionGone()) connect();
  return () => {
    listeners.delete(listener);
    disconnectIfUnheard();
  };
}

/**
 * Resolves once the background has accepted this page's change port: every change from then
 * on is told to `onChange` listeners here. For a page that asked for data before it listened
 * (the popup's first week): a write that came in between shows in the write generation read
 * after this. Never resolves while no one listens, or once Dealside has gone.
 */
export function whenListening(): Promise<void> {
  if (accepted && port) return Promise.resolve();
  return new Promise((resolve) => acceptedWaiters.add(resolve));
}

/** A change that is only a draft written (a note being typed): nothing but that draft's composers reload. */
export function onlyADraft(event: ChangeEvent): boolean {
  return !!event.draft && !event.dealKeys.length && !event.tabIds.length && !event.settings && !event.resync && !event.callKeys?.length;
}
