import { GENERATION_KEY, WEEK_CACHE_KEY, keptWeek, usableKeptWeek } from '../../../lib/scorecard/week-cache';
import type { ScorecardWeek } from '../../../lib/messages/protocol';

const ZONE = 'America/New_York';
const week = (weekStart = '2026-11-23', thisWeekStart = '2026-11-23') =>
  ({
    card: { weekStart, label: 'Nov 23 – 29, 2026', rows: [], attention: 0 },
    thisWeekStart,
    weekStartsOn: 1,
    theme: 'system',
    read: { total: 0 },
    ms: 12,
  }) as unknown as ScorecardWeek;

// Thursday 2026-11-26, 10:00 in New York
const AT = new Date('2026-11-26T15:00:00Z');
const stored = (generation: string, w = week(), at = AT) => ({ [WEEK_CACHE_KEY]: keptWeek('g1', at, ZONE, w), [GENERATION_KEY]: generation });

describe('usableKeptWeek', () => {
  it('gives the kept card when no write came since (same generation) on the same day', () => {
    const got = usableKeptWeek(stored('g1'), new Date('2026-11-26T23:00:00Z'), ZONE);
    expect(got?.card.weekStart).toBe('2026-11-23');
    expect(got?.ms).toBe(12);
  });

  it('refuses it after a write (another generation)', () => {
    expect(usableKeptWeek(stored('g2'), AT, ZONE)).toBeNull();
  });

  it('refuses it the next day in the user zone (past due and overdue move with the day)', () => {
    // 00:30 on Friday in New York
    expect(usableKeptWeek(stored('g1'), new Date('2026-11-27T05:30:00Z'), ZONE)).toBeNull();
    // 23:30 on Thursday in New York is already Friday in UTC: still the same day for the user
    expect(usableKeptWeek(stored('g1'), new Date('2026-11-27T04:30:00Z'), ZONE)).not.toBeNull();
  });

  it('refuses a card that is not of the current week', () => {
    expect(usableKeptWeek(stored('g1', week('2026-11-16', '2026-11-23')), AT, ZONE)).toBeNull();
  });

  it('refuses nothing kept, no generation, an older format and odd data', () => {
    expect(usableKeptWeek(undefined, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({}, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({ [WEEK_CACHE_KEY]: keptWeek('g1', AT, ZONE, week()) }, AT, ZONE)).toBeNull();
    const good = stored('g1');
    const kept = good[WEEK_CACHE_KEY] as unknown as Record<string, unknown>;
    expect(usableKeptWeek({ ...good, [WEEK_CACHE_KEY]: { ...kept, v: 0 } }, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({ ...good, [WEEK_CACHE_KEY]: { ...kept, week: { ...week(), card: { weekStart: '2026-11-23', rows: 'x' } } } }, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({ ...good, [WEEK_CACHE_KEY]: { ...kept, week: { ...week(), read: null } } }, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({ ...good, [WEEK_CACHE_KEY]: 'kept' }, AT, ZONE)).toBeNull();
    expect(usableKeptWeek({ ...good, [GENERATION_KEY]: 7 }, AT, ZONE)).toBeNull();
  });
});
