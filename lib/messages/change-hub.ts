/**
 * Background side of change notifications. Extension pages (sidebar frames,
 * call panels, popup, options) hold a port named CHANGES_PORT; every write
 * posts a ChangeEvent on each port. Ports rather than runtime.sendMessage:
 * Firefox does not deliver the background's runtime messages to extension
 * frames inside web pages, and a port is also told when the other end goes.
 * Content scripts and anything else unrecognised are disconnected at once.
 */
import { classifySender, type SenderLike, type Self } from './senders';
import type { ChangeEvent } from './protocol';

export const CHANGES_PORT = 'dealside/changes';

/**
 * Posted once on a change port as the background accepts it: every change broadcast from
 * then on reaches that port. A page that asked for data before it listened waits for this
 * before it checks whether a write came in between (lib/messages/client.ts `whenListening`).
 */
export const PORT_ACCEPTED = { kind: 'dealside/accepted' } as const;

export interface PortLike {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onDisconnect: { addListener(cb: () => void): void };
}

export function createChangeHub(self: () => Self) {
  const ports = new Set<PortLike>();
  return {
    accept(port: PortLike): void {
      const kind = port.sender ? classifySender(port.sender, self()) : 'untrusted';
      if (port.name !== CHANGES_PORT || kind === 'untrusted' || kind === 'content') {
        port.disconnect();
        return;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      // told once it is in the set: any write whose change it missed stamped its generation before
      // this (lib/handlers/week-cache.ts), so a page reading the generation after this sees it
      try {
        port.postMessage(PORT_ACCEPTED);
      } catch {
        ports.delete(port); // its page went away
      }
    },
    broadcast(event: ChangeEvent): void {
      for (const port of ports) {
        try {
          port.postMessage(event);
        } catch {
          ports.delete(port); // its page went away
        }
      }
    },
    get size() {
      return ports.size;
    },
  };
}

/**
 * Must a frame that shows its tab's deal ask again after this change? Yes when
 * the connection was lost, or when the change is its tab's. Before the frame's
 * first answer it does not know its tab: any tab's change may then be its own,
 * made after that answer was computed (a page reporting its deal as the sidebar
 * opens), and missing it would leave the frame without its deal.
 */
export function mustReloadTab(event: ChangeEvent, ownTabId: number | null): boolean {
  if (event.resync) return true;
  return ownTabId === null ? event.tabIds.length > 0 : event.tabIds.includes(ownTabId);
}
