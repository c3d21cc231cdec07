import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { READ_ONLY_REQUESTS, keepAfterWrites, keepingThisWeek, stampingWrites } from '../../../lib/handlers/week-cache';
import { ALLOWED_SENDERS } from '../../../lib/messages/router';
import { GENERATION_KEY, WEEK_CACHE_KEY, usableKeptWeek } from '../../../lib/scorecard/week-cache';
import { userTimeZone } from '../../../lib/dates';
import type { ScorecardWeek } from '../../../lib/messages/protocol';
import { openDealsideDB } from '../../../lib/db/open';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { createScorecardHandlers } from '../../../lib/handlers/scorecard';
import { writtenSince } from '../../../entrypoints/popup/first-week';

const week = (ms: number) =>
  ({
    card: { weekStart: '2026-11-23', label: 'this week', rows: [], attention: 0 },
    thisWeekStart: '2026-11-23',
    weekStartsOn: 1,
    theme: 'system',
    read: { total: 0 },
    ms,
  }) as unknown as ScorecardWeek;

const stored = () => browser.storage.session.get([WEEK_CACHE_KEY, GENERATION_KEY]);
const generation = async () => (await stored())[GENERATION_KEY];
/** what the popup would show at once */
const shownAtOnce = async () => usableKeptWeek(await stored(), new Date(), userTimeZone());

beforeEach(() => {
  fakeBrowser.reset();
});

describe('stampingWrites', () => {
  it('stamps a new generation before and after a write, and none for a read', async () => {
    const seen: unknown[] = [];
    const route = stampingWrites(async (message: unknown) => {
      seen.push(await generation());
      return { ok: true, message };
    });
    await route({ type: 'scorecard/week' }, {});
    expect(await generation()).toBeUndefined();
    await route({ type: 'note/add' }, {});
    const after = await generation();
    expect(typeof seen[1]).toBe('string');
    expect(typeof after).toBe('string');
    expect(after).not.toBe(seen[1]);
  });

  it('stamps for types it does not know and for malformed messages (the router refuses them; nothing stale is kept)', async () => {
    const route = stampingWrites(async () => ({ ok: false }));
    await route({ type: 'no/such' }, {});
    const first = await generation();
    expect(typeof first).toBe('string');
    await route(null, {});
    expect(await generation()).not.toBe(first);
  });

  it('stamps after a write that failed too', async () => {
    const route = stampingWrites(async () => {
      throw new Error('disk full');
    });
    await expect(route({ type: 'score/add' }, {})).rejects.toThrow('disk full');
    expect(typeof (await generation())).toBe('string');
  });

  it('lists only request types the router knows', () => {
    for (const type of READ_ONLY_REQUESTS) expect(Object.hasOwn(ALLOWED_SENDERS, type)).toBe(true);
    // the writes are not read-only
    for (const type of ['page/snapshot', 'commitment/create', 'score/add', 'note/add', 'settings/set', 'backup/import', 'callReview/complete'] as const) {
      expect(READ_ONLY_REQUESTS.has(type)).toBe(false);
    }
  });
});

describe('keepingThisWeek', () => {
  it("keeps this week's answer, shown at once on the next open while no write comes", async () => {
    const handler = keepingThisWeek(async () => week(30));
    const answer = await handler({ type: 'scorecard/week', offset: 0 });
    expect(answer.ms).toBe(30);
    await vi.waitFor(async () => expect((await shownAtOnce())?.ms).toBe(30));
  });

  it('keeps no other week', async () => {
    await keepingThisWeek(async () => week(1))({ type: 'scorecard/week', offset: -1 });
    await keepingThisWeek(async () => week(2))({ type: 'scorecard/week', weekStart: '2026-11-16' });
    expect((await stored())[WEEK_CACHE_KEY]).toBeUndefined();
  });

  it('a write after the card was made: the popup waits for the fresh answer', async () => {
    const route = stampingWrites(async () => ({ ok: true }));
    await keepingThisWeek(async () => week(30))({ type: 'scorecard/week', offset: 0 });
    await vi.waitFor(async () => expect(await shownAtOnce()).not.toBeNull());
    await route({ type: 'commitment/resolve' }, {});
    expect(await shownAtOnce()).toBeNull();
  });

  it('a write that commits while the card is being made: not kept as current', async () => {
    let release!: () => void;
    const writing = new Promise<void>((r) => (release = r));
    const route = stampingWrites(async () => {
      await writing; // the write commits later
      return { ok: true };
    });
    const write = route({ type: 'score/add' }, {});
    await vi.waitFor(async () => expect(await generation()).toBeDefined()); // its first stamp is down
    // the card reads the database while the write is still running
    const card = keepingThisWeek(async () => week(30))({ type: 'scorecard/week', offset: 0 });
    await card;
    release();
    await write;
    await new Promise((r) => setTimeout(r, 0));
    expect((await stored())[WEEK_CACHE_KEY]).toBeDefined();
    expect(await shownAtOnce()).toBeNull();
  });
});

describe("this week's answer and writes the popup did not hear of", () => {
  // popup-early.js asks for this week before the popup's code has loaded, and App.tsx opens
  // its change port only later: a write committed in between is told to no port of the popup's.

  it('carries the generation it was read under; other weeks carry none', async () => {
    const answer = await keepingThisWeek(async () => week(30))({ type: 'scorecard/week', offset: 0 });
    // a stamp, not two absent ones agreeing
    expect(typeof answer.generation).toBe('string');
    expect(answer.generation).toBe(await generation());
    expect((await keepingThisWeek(async () => week(1))({ type: 'scorecard/week', offset: -1 })).generation).toBeUndefined();
  });

  it('with no write since, the popup keeps it; after one, it reloads', async () => {
    const route = stampingWrites(async () => ({ ok: true }));
    const answer = await keepingThisWeek(async () => week(30))({ type: 'scorecard/week', offset: 0 });
    await route({ type: 'reps/list' }, {}); // a read
    expect(await writtenSince(answer)).toBe(false);
    await route({ type: 'note/add' }, {});
    expect(await writtenSince(answer)).toBe(true);
  });

  it('a week-start change made before the popup listened: the card on screen is known to be another week', async () => {
    const db = await openDealsideDB(`week-generation-${Math.random()}`);
    const now = () => new Date('2026-11-25T10:00:00.000Z'); // a Wednesday
    const scorecard = keepingThisWeek(createScorecardHandlers({ db: async () => db, now, timeZone: () => 'UTC' })['scorecard/week']);
    const deals = createDealHandlers({ db: async () => db, broadcast: async () => {}, now });
    const options = { id: browser.runtime.id, url: `chrome-extension://${browser.runtime.id}/options.html` };
    const route = stampingWrites((message: unknown) => deals['settings/set'](message as { type: 'settings/set'; patch: { weekStartsOn: 3 } }, options));

    // popup-early.js: weeks start on Monday
    const early = await scorecard({ type: 'scorecard/week', offset: 0 });
    // Options changes the week start while the popup's code loads
    await route({ type: 'settings/set', patch: { weekStartsOn: 3 } }, {});
    // App.tsx listens, then checks the answer on screen
    expect(await writtenSince(early)).toBe(true);
    const fresh = await scorecard({ type: 'scorecard/week', offset: 0 });
    expect(fresh.card.weekStart).not.toBe(early.card.weekStart);
    expect(await writtenSince(fresh)).toBe(false);
  });

  it('no generation (no session storage in the background): not known, no reload', async () => {
    expect(await writtenSince(week(30))).toBe(false);
  });
});

describe('keepAfterWrites', () => {
  it('makes and keeps the card again once writes settle: the next open finds it current', async () => {
    let made = 0;
    const keeping = keepingThisWeek(async () => week(++made));
    const route = stampingWrites(async () => ({ ok: true }), keepAfterWrites(keeping, 20));
    await route({ type: 'note/add' }, {});
    await route({ type: 'score/add' }, {});
    await route({ type: 'commitment/create' }, {});
    expect(await shownAtOnce()).toBeNull();
    await vi.waitFor(async () => expect((await shownAtOnce())?.ms).toBe(1));
    // three writes close together: one rollup
    await new Promise((r) => setTimeout(r, 50));
    expect(made).toBe(1);
  });

  it('a failing rollup keeps nothing and throws nowhere', async () => {
    const keeping = keepingThisWeek(async () => {
      throw new Error('no database');
    });
    const route = stampingWrites(async () => ({ ok: true }), keepAfterWrites(keeping, 5));
    await route({ type: 'note/add' }, {});
    await new Promise((r) => setTimeout(r, 30));
    expect((await stored())[WEEK_CACHE_KEY]).toBeUndefined();
  });
});
