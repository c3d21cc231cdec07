/**
 * The guard the call-review panel mounts without `enabled` (entrypoints/call-review/main.tsx) asks
 * for the setting itself: "Refuse clicks while the page draws over Dealside" turned off or on in
 * Options must reach that open panel, not wait for a reload. No DOM here: React's hooks are stubbed,
 * effects are run by hand, and the setting the guard holds is what its `setAsked` was last given.
 */
import { vi } from 'vitest';
import type { ChangeEvent } from '../../../lib/messages/protocol';

const h = vi.hoisted(() => ({
  effects: [] as (() => unknown)[],
  /** every value the guard's setting state (`useState(true)`) was set to, in order */
  asked: [] as unknown[],
  answers: [] as ((settings: { refuseCoveredClicks: boolean }) => void)[],
  listeners: new Set<(event: ChangeEvent) => void>(),
}));
vi.mock('react', async (importOriginal) => {
  const real = await importOriginal<typeof import('react')>();
  return {
    ...real,
    useRef: (v: unknown) => ({ current: v }),
    useState: (init: unknown) => [init, (v: unknown) => void (init === true && h.asked.push(v))],
    useEffect: (fn: () => unknown) => void h.effects.push(fn),
  };
});
const send = vi.fn(() => new Promise((resolve) => h.answers.push(resolve)));
const unsubscribe = vi.fn();
vi.mock('../../../lib/messages/client', () => ({
  send: (...args: unknown[]) => send(...(args as [])),
  onChange: (listener: (event: ChangeEvent) => void) => {
    h.listeners.add(listener);
    return () => {
      h.listeners.delete(listener);
      unsubscribe();
    };
  },
}));
import { CoveredClickGuard } from '../../../components/CoveredClickGuard';

const changed = (event: Partial<ChangeEvent>) => {
  for (const l of h.listeners) l({ kind: 'dealside/changed', dealKeys: [], tabIds: [], ...event });
};
const settled = () => new Promise((r) => setTimeout(r, 0));
/** Render once and run its effects: the cleanups they return, in order. */
const mount = (props: Parameters<typeof CoveredClickGuard>[0]) => {
  h.effects.length = 0;
  CoveredClickGuard(props);
  return h.effects.map((run) => run()).filter((c): c is () => void => typeof c === 'function');
};

beforeEach(() => {
  h.asked.length = 0;
  h.answers.length = 0;
  h.listeners.clear();
  send.mockClear();
  unsubscribe.mockClear();
});

describe('CoveredClickGuard without `enabled` (the call-review panel)', () => {
  it('follows the setting as Options changes it while the panel is open', async () => {
    mount({});
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ type: 'settings/get' });
    h.answers.shift()!({ refuseCoveredClicks: true });
    await settled();
    expect(h.asked).toEqual([true]);

    // turned off in Options: the background says settings changed, and the guard asks again
    changed({ settings: true });
    expect(send).toHaveBeenCalledTimes(2);
    h.answers.shift()!({ refuseCoveredClicks: false });
    await settled();
    expect(h.asked).toEqual([true, false]);

    // a change that is no settings change asks nothing
    changed({ dealKeys: ['hubspot:1'] });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('takes the latest answer when two changes are answered out of order', async () => {
    mount({});
    h.answers.shift()!({ refuseCoveredClicks: true });
    await settled();
    changed({ settings: true });
    changed({ settings: true });
    const [older, newer] = h.answers.splice(0);
    newer!({ refuseCoveredClicks: false });
    older!({ refuseCoveredClicks: true });
    await settled();
    expect(h.asked).toEqual([true, false]);
  });

  it('stops listening when unmounted, and takes no answer that comes after', async () => {
    const cleanups = mount({});
    expect(h.listeners.size).toBe(1);
    for (const c of cleanups) c();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(h.listeners.size).toBe(0);
    h.answers.shift()!({ refuseCoveredClicks: false });
    await settled();
    expect(h.asked).toEqual([]);
  });

  it('given `enabled` (the sidebar), neither asks nor listens', () => {
    mount({ enabled: false });
    expect(send).not.toHaveBeenCalled();
    expect(h.listeners.size).toBe(0);
  });
});
