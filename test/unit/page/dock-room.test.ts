import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The framed panel's side of asking room (lib/page/dock-room.ts), in a stand-in window: an
 * EventTarget for its events, a parent, and a clock. Each test loads the module afresh.
 */
let win: EventTarget;
let parentWindow: object;
let now: number;
let host: MessagePort;
let asks: number;

/** `beforeLine`: what the panel does before the content script hands it its line */
async function load(beforeLine?: (mod: typeof import('../../../lib/page/dock-room')) => void) {
  vi.resetModules();
  win = new EventTarget();
  parentWindow = {};
  const g = globalThis as Record<string, unknown>;
  g.addEventListener = win.addEventListener.bind(win);
  g.parent = parentWindow;
  now = 10_000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  const mod = await import('../../../lib/page/dock-room');
  beforeLine?.(mod);
  // the content script hands the frame its line: a port from the parent
  const line = new MessageChannel();
  host = line.port1;
  asks = 0;
  host.onmessage = () => asks++;
  win.dispatchEvent(Object.assign(new Event('message'), { source: parentWindow, ports: [line.port2] }));
  return mod;
}

/** the pointer leaving the frame for the page: to nothing of this document */
const pointerOut = () => win.dispatchEvent(Object.assign(new Event('mouseout'), { relatedTarget: null }));
/** the pointer moving from one of the frame's elements to another */
const pointerWithin = () => win.dispatchEvent(Object.assign(new Event('mouseout'), { relatedTarget: { id: 'the next element of the panel' } }));
/** the asks the dock has had, once the port's messages are delivered */
const asksSoFar = async () => {
  await new Promise((r) => setTimeout(r, 20));
  return asks;
};

afterEach(() => {
  host?.close();
  vi.restoreAllMocks();
  const g = globalThis as Record<string, unknown>;
  delete g.addEventListener;
  delete g.parent;
});

describe('asking the dock for room again when the pointer leaves for the page', () => {
  it('asks nothing on a page where room was never asked (most pages have no widget)', async () => {
    await load();
    pointerOut();
    now += 60_000;
    pointerOut();
    expect(await asksSoFar()).toBe(0);
  });

  it('once asked, asks again as the pointer leaves, at most every 2 s (each ask is a search on the page)', async () => {
    const { askDockForRoom } = await load();
    askDockForRoom();
    expect(await asksSoFar()).toBe(1);
    pointerOut();
    expect(await asksSoFar()).toBe(2);
    // back and out again at once, and again just short of 2 s: no second search
    pointerOut();
    now += 1_999;
    pointerOut();
    expect(await asksSoFar()).toBe(2);
    now += 1;
    pointerOut();
    expect(await asksSoFar()).toBe(3);
  });

  it('a pointer moving between the panel’s own elements is not leaving', async () => {
    const { askDockForRoom } = await load();
    askDockForRoom();
    now += 5_000;
    pointerWithin();
    pointerWithin();
    expect(await asksSoFar()).toBe(1);
  });
});

describe('telling the dock the Theme setting the panel shows (its bar on the page follows)', () => {
  it('sends the theme as a word on the line, at once or once the line is there; an ask stays an empty message', async () => {
    const { tellDockTheme, askDockForRoom } = await load((mod) => mod.tellDockTheme('dark')); // before the line
    const seen: unknown[] = [];
    host.onmessage = (e) => seen.push(e.data);
    tellDockTheme('system');
    askDockForRoom();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['dark', 'system', '']);
  });
});
