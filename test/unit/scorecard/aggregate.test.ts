// migration v4's scoreDays aggregate: superseded by repWeeks (v6), still run by v4's backfill
import { addScoreToDay, aggregateScores, emptyScoreDay, scoreDayKey } from '../../../lib/scorecard/aggregate';
import { average } from '../../../lib/scorecard/rep-weeks';

const s = (at: string, dimension: 'discovery' | 'nextStep' | 'qualification', value: number, repId: string | undefined = 'salesforce:Dana Reyes') => ({
  at,
  dimension,
  value,
  repId,
});

describe('scoreDays aggregate', () => {
  it('a score lands on its calendar day in the given zone, across the US DST change', () => {
    // DST ended in New York on Sunday 2026-11-01 at 02:00 EDT → 01:00 EST (UTC−5 after).
    expect(scoreDayKey(s('2026-11-02T04:30:00.000Z', 'discovery', 3), 'America/New_York')).toEqual(['salesforce:Dana Reyes', '2026-11-01']); // 23:30 EST
    expect(scoreDayKey(s('2026-11-02T05:30:00.000Z', 'discovery', 3), 'America/New_York')).toEqual(['salesforce:Dana Reyes', '2026-11-02']); // 00:30 EST
    // The day before, still EDT (UTC−4): 03:30Z is 23:30 on Oct 31
    expect(scoreDayKey(s('2026-11-01T03:30:00.000Z', 'discovery', 3), 'America/New_York')).toEqual(['salesforce:Dana Reyes', '2026-10-31']);
    expect(scoreDayKey(s('2026-11-01T04:30:00.000Z', 'discovery', 3), 'America/New_York')).toEqual(['salesforce:Dana Reyes', '2026-11-01']);
  });

  it('…and across the European DST change and the year end in Berlin', () => {
    // Berlin left CEST (UTC+2) for CET (UTC+1) on Sunday 2026-10-25.
    expect(scoreDayKey(s('2026-10-24T22:30:00.000Z', 'qualification', 4), 'Europe/Berlin')?.[1]).toBe('2026-10-25'); // 00:30 CEST
    expect(scoreDayKey(s('2026-10-25T22:30:00.000Z', 'qualification', 4), 'Europe/Berlin')?.[1]).toBe('2026-10-25'); // 23:30 CET
    expect(scoreDayKey(s('2026-10-25T23:30:00.000Z', 'qualification', 4), 'Europe/Berlin')?.[1]).toBe('2026-10-26'); // 00:30 CET
    expect(scoreDayKey(s('2026-12-31T23:30:00.000Z', 'qualification', 4), 'Europe/Berlin')?.[1]).toBe('2027-01-01');
    expect(scoreDayKey(s('2026-12-31T23:30:00.000Z', 'qualification', 4), 'America/New_York')?.[1]).toBe('2026-12-31');
  });

  it('adds sums and counts per dimension without mutating', () => {
    const day = emptyScoreDay('salesforce:Dana Reyes', '2026-11-01');
    const one = addScoreToDay(day, s('2026-11-01T15:00:00.000Z', 'discovery', 4), 'America/New_York')!;
    const two = addScoreToDay(one, s('2026-11-01T16:00:00.000Z', 'discovery', 1), 'America/New_York')!;
    const three = addScoreToDay(two, s('2026-11-01T17:00:00.000Z', 'nextStep', 5), 'America/New_York')!;
    expect(day.discovery).toEqual({ sum: 0, count: 0 });
    expect(three).toEqual({
      repId: 'salesforce:Dana Reyes',
      day: '2026-11-01',
      discovery: { sum: 5, count: 2 },
      nextStep: { sum: 5, count: 1 },
      qualification: { sum: 0, count: 0 },
    });
    expect(average(three.discovery)).toBe(2.5);
    expect(average(three.qualification)).toBeNull();
  });

  it('a score without a rep has no day', () => {
    expect(addScoreToDay(null, { at: '2026-11-01T15:00:00.000Z', dimension: 'discovery', value: 4 }, 'UTC')).toBeNull();
  });

  it('folding many equals adding one at a time', () => {
    const scores = [
      s('2026-11-02T04:30:00.000Z', 'discovery', 2),
      s('2026-11-02T05:30:00.000Z', 'discovery', 4),
      s('2026-11-01T14:00:00.000Z', 'qualification', 3),
      s('2026-11-01T14:00:00.000Z', 'qualification', 5, 'salesforce:Sam Ortiz'),
    ];
    const days = [...aggregateScores(scores, 'America/New_York').values()];
    expect(days).toEqual([
      { repId: 'salesforce:Dana Reyes', day: '2026-11-01', discovery: { sum: 2, count: 1 }, nextStep: { sum: 0, count: 0 }, qualification: { sum: 3, count: 1 } },
      { repId: 'salesforce:Dana Reyes', day: '2026-11-02', discovery: { sum: 4, count: 1 }, nextStep: { sum: 0, count: 0 }, qualification: { sum: 0, count: 0 } },
      { repId: 'salesforce:Sam Ortiz', day: '2026-11-01', discovery: { sum: 0, count: 0 }, nextStep: { sum: 0, count: 0 }, qualification: { sum: 5, count: 1 } },
    ]);
  });
});
