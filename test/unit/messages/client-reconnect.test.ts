/**
 * lib/messages/client.ts after the port to the background drops (the MV3 worker stopped after
 * 30 s idle, or was restarted): changes made until it is open again reach no listener of the
 * page, so every listener is told `resync` once it is, whoever reconnects: the 200 ms timer,
 * or anything subscribing first (a composer mounting, a draft key changing, onExtensionGone).
 */
import { vi } from 'vitest';
import type { ChangeEvent } from '../../../lib/messages/protocol';

type Listener = (...a: unknown[]) => void;
let ports: { onMessage: Listener[]; onDisconnect: Listener[] }[] = [];

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'ours',
      connect: () => {
        const p = { onMessage: [] as Listener[], onDisconnect: [] as Listener[] };
        ports.push(p);
        return {
          onMessage: { addListener: (l: Listener) => p.onMessage.push(l) },
          onDisconnect: { addListener: (l: Listener) => p.onDisconnect.push(l) },
          disconnect: () => {},
          postMessage: () => {},
        };
      },
      sendMessage: async () => undefined,
    },
  },
}));

/** the client afresh (its port and listeners are the module's) */
const client = async () => {
  vi.resetModules();
  return import('../../../lib/messages/client');
};
/** the background's worker stops: the page's port closes */
const workerStops = () => ports.at(-1)!.onDisconnect.forEach((l) => l());
const resyncs = (seen: ChangeEvent[]) => seen.filter((e) => e.resync).length;

beforeEach(() => {
  ports = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('client reconnect after the worker stopped', () => {
  it('reconnects after 200 ms and tells the listeners to resync, once', async () => {
    const { onChange } = await client();
    const seen: ChangeEvent[] = [];
    const off = onChange((e) => seen.push(e));
    workerStops();
    expect(resyncs(seen)).toBe(0);
    vi.advanceTimersByTime(250);
    expect(ports).toHaveLength(2);
    expect(resyncs(seen)).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(resyncs(seen)).toBe(1);
    off();
  });

  it('tells the listeners already there to resync when a new subscriber reconnects first', async () => {
    const { onChange } = await client();
    const seen: ChangeEvent[] = [];
    const offA = onChange((e) => seen.push(e));
    workerStops(); // a write may be made before the port is open again
    vi.advanceTimersByTime(50);
    const offB = onChange(() => {}); // a composer mounts (useDraft): it reconnects at once
    expect(ports).toHaveLength(2);
    expect(resyncs(seen)).toBe(1);
    vi.advanceTimersByTime(250); // the timer finds the port open: no second port, no second resync
    expect(ports).toHaveLength(2);
    expect(resyncs(seen)).toBe(1);
    offA();
    offB();
  });

  it('does so when onExtensionGone reconnects first too', async () => {
    const { onChange, onExtensionGone } = await client();
    const seen: ChangeEvent[] = [];
    const offA = onChange((e) => seen.push(e));
    workerStops();
    offA(); // the only change listener leaves while the port is down...
    const offGone = onExtensionGone(() => {}); // ...and a gone-listener reconnects
    const offB = onChange((e) => seen.push(e));
    vi.advanceTimersByTime(250);
    expect(ports).toHaveLength(2);
    expect(resyncs(seen)).toBe(0); // B subscribed after the port was open again: nothing missed
    workerStops();
    vi.advanceTimersByTime(50);
    const offC = onExtensionGone(() => {});
    expect(resyncs(seen)).toBe(1);
    offGone();
    offB();
    offC();
  });
});

describe('whenListening (the background has accepted the page’s change port)', () => {
  /** the background accepts the page's latest port */
  const accepts = () => ports.at(-1)!.onMessage.forEach((l) => l({ kind: 'dealside/accepted' }));
  const settled = async (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('resolves once the accepted word comes on the port, not before; and is no change event', async () => {
    const { onChange, whenListening } = await client();
    const seen: ChangeEvent[] = [];
    const off = onChange((e) => seen.push(e));
    const waiting = whenListening();
    expect(await settled(waiting)).toBe(false);
    accepts();
    expect(await settled(waiting)).toBe(true);
    expect(await settled(whenListening())).toBe(true); // already accepted: at once
    expect(seen).toEqual([]);
    off();
  });

  it('waits again after the port dropped, until the new port is accepted', async () => {
    const { onChange, whenListening } = await client();
    const off = onChange(() => {});
    accepts();
    workerStops();
    const waiting = whenListening();
    vi.advanceTimersByTime(250); // reconnected, not yet accepted
    expect(ports).toHaveLength(2);
    expect(await settled(waiting)).toBe(false);
    accepts();
    expect(await settled(waiting)).toBe(true);
    off();
  });
});

describe('whenListening after the page closed its own port', () => {
  it('waits for the new port to be accepted, not the old one’s word', async () => {
    const { onChange, whenListening } = await client();
    const accepts = () => ports.at(-1)!.onMessage.forEach((l) => l({ kind: 'dealside/accepted' }));
    const offA = onChange(() => {});
    accepts();
    offA(); // the last listener leaves: the page closes its port (no onDisconnect for its own close)
    const offB = onChange(() => {}); // and listens again (the popup's week changed): a new port
    expect(ports).toHaveLength(2);
    let done = false;
    void whenListening().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    accepts();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    offB();
  });
});
