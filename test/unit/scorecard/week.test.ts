import { formatWeek, instantBoundsCovering, scorecardWindows, snapToWeekStart, weekOf, weekStartFor, weekStartsEndingWith } from '../../../lib/scorecard/week';

describe('scorecard weeks', () => {
  it('the current week is found on the user’s calendar, not UTC (US DST end, Sunday night)', () => {
    // 2026-11-02T03:30Z is Sunday Nov 1, 22:30 EST in New York (DST ended that morning) but Monday in UTC.
    const now = new Date('2026-11-02T03:30:00.000Z');
    expect(weekStartFor(now, 'America/New_York', 1)).toBe('2026-10-26');
    expect(weekStartFor(now, 'UTC', 1)).toBe('2026-11-02');
    // Sunday-start weeks: Nov 1 is a Sunday in New York
    expect(weekStartFor(now, 'America/New_York', 7)).toBe('2026-11-01');
    expect(weekStartFor(now, 'America/New_York', 1, -1)).toBe('2026-10-19');
    expect(weekStartFor(now, 'America/New_York', 1, 1)).toBe('2026-11-02');
  });

  it('a week across the year end', () => {
    // Friday Jan 1 2027, 13:00 in Berlin
    const now = new Date('2027-01-01T12:00:00.000Z');
    expect(weekStartFor(now, 'Europe/Berlin', 1)).toBe('2026-12-28');
    expect(weekOf('2026-12-28')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(formatWeek(weekOf('2026-12-28'))).toBe('Dec 28, 2026 – Jan 3, 2027');
    expect(formatWeek(weekOf('2026-10-26'))).toBe('Oct 26 – Nov 1, 2026');
    // Sunday Jan 3 2027 at 23:30 Berlin is Jan 3 22:30 UTC
    expect(weekStartFor(new Date('2027-01-03T22:30:00.000Z'), 'Europe/Berlin', 1)).toBe('2026-12-28');
    // …and 00:30 Monday Jan 4 in Berlin is still Jan 3 in UTC
    expect(weekStartFor(new Date('2027-01-03T23:30:00.000Z'), 'Europe/Berlin', 1)).toBe('2027-01-04');
    expect(weekStartFor(new Date('2027-01-03T23:30:00.000Z'), 'UTC', 1)).toBe('2026-12-28');
  });

  it('snaps any day to its week start', () => {
    expect(snapToWeekStart('2026-11-01', 1)).toBe('2026-10-26');
    expect(snapToWeekStart('2026-10-26', 1)).toBe('2026-10-26');
    expect(snapToWeekStart('2027-01-02', 7)).toBe('2026-12-27');
  });

  it('windows: this week, say/do (4 weeks ending with it), trailing (4 before), sparkline (8)', () => {
    expect(scorecardWindows('2026-11-02')).toEqual({
      week: { start: '2026-11-02', end: '2026-11-08' },
      sayDo: { start: '2026-10-12', end: '2026-11-08' },
      trailing: { start: '2026-10-05', end: '2026-11-01' },
      spark: { start: '2026-09-14', end: '2026-11-08' },
    });
    expect(weekStartsEndingWith('2027-01-04', 3)).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
  });

  it('instant bounds cover every zone from UTC−12 to UTC+14', () => {
    const b = instantBoundsCovering(weekOf('2026-12-28'));
    // Dec 28 00:00 at UTC+14 is Dec 27 10:00Z; Jan 3 24:00 at UTC−12 is Jan 4 12:00Z
    expect(b.lower <= '2026-12-27T10:00:00.000Z').toBe(true);
    expect(b.upper >= '2027-01-04T12:00:00.000Z').toBe(true);
  });
});
