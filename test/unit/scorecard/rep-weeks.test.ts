import {
  applyRepWeekChange,
  commitmentChanges,
  dayCountsAt,
  emptyRepWeek,
  forEachDay,
  SLOT,
  SLOTS_PER_DAY,
  isRepWeek,
  mondayOf,
  noteChanges,
  repWeekKeyRange,
  repWeekSchema,
  repWeeksOf,
  scoreChanges,
  countedScores,
  supersededScores,
  type RepWeekChange,
} from '../../../lib/scorecard/rep-weeks';
import { daysBetween } from '../../../lib/dates';

const DANA = 'salesforce:Dana Reyes';
const SAM = 'salesforce:Sam Ortiz';
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

describe('repWeeks aggregate', () => {
  it('weeks are keyed by their Monday, across a year end', () => {
    expect(mondayOf('2026-11-01')).toBe('2026-10-26'); // Sunday
    expect(mondayOf('2026-11-02')).toBe('2026-11-02');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(repWeekKeyRange({ start: '2026-10-29', end: '2026-11-04' })).toEqual({ lower: ['2026-10-26', ''], upper: ['2026-11-02', '\uffff'] });
  });

  it('scores and notes land on their calendar day in the zone, across the US and EU DST changes', () => {
    const [a, b] = scoreChanges(
      [
        { repId: DANA, at: '2026-11-02T04:30:00.000Z', dimension: 'discovery', value: 3 }, // Sun Nov 1 23:30 EST
        { repId: DANA, at: '2026-11-02T05:30:00.000Z', dimension: 'discovery', value: 3 }, // Mon Nov 2 00:30 EST
        { at: '2026-11-02T05:30:00.000Z', dimension: 'discovery', value: 3 }, // no rep: nowhere
      ],
      NY,
    );
    expect([a?.day, b?.day]).toEqual(['2026-11-01', '2026-11-02']);
    const notes = noteChanges(
      [
        { repId: DANA, at: '2026-10-24T22:30:00.000Z', diagnosis: 'will' }, // Sun Oct 25 00:30 CEST
        { repId: DANA, at: '2026-10-25T23:30:00.000Z', diagnosis: 'will' }, // Mon Oct 26 00:30 CET
        { repId: DANA, at: '2026-12-31T23:30:00.000Z', diagnosis: 'system' }, // Fri Jan 1 00:30 CET
        { repId: DANA, at: '2026-12-31T23:30:00.000Z' }, // no diagnosis: not counted
      ],
      BERLIN,
    );
    expect(notes.map((n) => n.day)).toEqual(['2026-10-25', '2026-10-26', '2027-01-01']);
  });

  it('a commitment moves between statuses and days; an unchanged rewrite changes nothing', () => {
    const open = { repId: DANA, due: '2026-10-29', status: 'open' as const };
    expect(commitmentChanges(null, open)).toEqual([{ repId: DANA, day: '2026-10-29', kind: 'due', status: 'open', by: 1 }]);
    expect(commitmentChanges(open, { ...open, status: 'kept' })).toEqual([
      { repId: DANA, day: '2026-10-29', kind: 'due', status: 'open', by: -1 },
      { repId: DANA, day: '2026-10-29', kind: 'due', status: 'kept', by: 1 },
    ]);
    expect(commitmentChanges(open, { ...open })).toEqual([]);
    expect(commitmentChanges(null, { due: '2026-10-29', status: 'open' })).toEqual([]); // no rep
  });

  it('applies without mutating; counts never go below zero; the result validates', () => {
    const base = emptyRepWeek('2026-10-26', DANA);
    const one = applyRepWeekChange(base, { repId: DANA, day: '2026-10-29', kind: 'due', status: 'open', by: 1 });
    const two = applyRepWeekChange(one, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'qualification', value: 4, by: 1 });
    const three = applyRepWeekChange(two, { repId: DANA, day: '2026-11-01', kind: 'due', status: 'missed', by: -1 });
    expect(dayCountsAt(base, 3).due.open).toBe(0);
    expect(dayCountsAt(three, 3)).toMatchObject({ due: { open: 1 }, scores: { qualification: { sum: 4, count: 1 } } });
    expect(dayCountsAt(three, 6).due.missed).toBe(0);
    // the flat layout: Thursday's 15 slots start at 3 × 15; qualification's sum and count are slots 9 and 10
    expect(three.counts.slice(45, 60)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0]);
    expect(repWeekSchema.safeParse(three).success).toBe(true);
    // a change for another week or rep starts that week afresh
    expect(applyRepWeekChange(three, { repId: SAM, day: '2026-10-29', kind: 'diagnosis', diagnosis: 'skill' })).toMatchObject({ repId: SAM, week: '2026-10-26' });
  });

  it('folding many equals applying one at a time, and forEachDay visits only the days in range', () => {
    const changes: RepWeekChange[] = [
      { repId: DANA, day: '2026-10-25', kind: 'score', dimension: 'discovery', value: 2, by: 1 },
      { repId: DANA, day: '2026-10-26', kind: 'score', dimension: 'discovery', value: 4, by: 1 },
      { repId: SAM, day: '2026-10-28', kind: 'due', status: 'open', by: 1 },
      { repId: DANA, day: '2026-10-26', kind: 'diagnosis', diagnosis: 'knowledge' },
    ];
    const folded = repWeeksOf(changes);
    let dana = applyRepWeekChange(null, changes[1]!);
    dana = applyRepWeekChange(dana, changes[3]!);
    expect(folded).toHaveLength(3);
    expect(folded.find((w) => w.repId === DANA && w.week === '2026-10-26')).toEqual(dana);
    const seen: string[] = [];
    // a Wednesday-start week: Oct 21 – Oct 27 spans two Monday weeks
    forEachDay(folded, { start: '2026-10-21', end: '2026-10-27' }, (repId, day, counts, base, offset) => {
      const c = dayCountsAt({ counts: counts.slice(base, base + SLOTS_PER_DAY) }, 0);
      // the slot table reads the same counts as dayCountsAt
      expect(counts[base + SLOT.scores.discovery[1]]).toBe(c.scores.discovery.count);
      expect(counts[base + SLOT.due.open]).toBe(c.due.open);
      expect(counts[base + SLOT.diagnoses.knowledge]).toBe(c.diagnoses.knowledge);
      expect(offset).toBe(daysBetween('2026-10-21', day));
      if (c.scores.discovery.count || c.due.open || c.diagnoses.knowledge) seen.push(`${repId.split(':')[1]} ${day}`);
    });
    expect(seen.sort()).toEqual(['Dana Reyes 2026-10-25', 'Dana Reyes 2026-10-26']);
  });
});

describe('a call review counts once: its latest score per dimension', () => {
  const call = (id: string, reviewId: string, dimension: 'discovery' | 'nextStep', at: string) => ({ id, dimension, at, source: { kind: 'call' as const, reviewId } });
  const r1a = call('a', 'r1', 'discovery', '2026-10-26T10:00:00.000Z');
  const r1b = call('b', 'r1', 'discovery', '2026-10-27T10:00:00.000Z'); // completed again (moved, or changed)
  const r1n = call('c', 'r1', 'nextStep', '2026-10-26T10:00:00.000Z'); // not given again: still counted
  const r2 = call('d', 'r2', 'discovery', '2026-10-26T10:00:00.000Z'); // another review
  const sidebar = (id: string) => ({ id, dimension: 'discovery' as const, at: '2026-10-26T10:00:00.000Z', source: { kind: 'sidebar' as const } });

  it('supersedes the earlier ones of a review and dimension, whatever the order read; sidebar scores never', () => {
    for (const order of [[r1a, r1b, r1n, r2, sidebar('s1'), sidebar('s2')], [sidebar('s2'), r2, r1b, r1n, sidebar('s1'), r1a]]) {
      expect(supersededScores(order).map((s) => s.id)).toEqual(['a']);
      expect(countedScores(order).map((s) => s.id).sort()).toEqual(['b', 'c', 'd', 's1', 's2']);
    }
  });

  it('two given in one instant: the larger id counts, in any order (a rebuild agrees with the write path)', () => {
    const x = call('x', 'r1', 'discovery', '2026-10-26T10:00:00.000Z');
    const y = call('y', 'r1', 'discovery', '2026-10-26T10:00:00.000Z');
    expect(supersededScores([x, y]).map((s) => s.id)).toEqual(['x']);
    expect(supersededScores([y, x]).map((s) => s.id)).toEqual(['x']);
  });

  it('a superseded score taken back leaves its day as before it; never below zero', () => {
    const one = applyRepWeekChange(null, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'discovery', value: 2, by: 1 });
    const two = applyRepWeekChange(one, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'discovery', value: 4, by: 1 });
    const back = applyRepWeekChange(two, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'discovery', value: 2, by: -1 });
    expect(dayCountsAt(back, 3).scores.discovery).toEqual({ sum: 4, count: 1 });
    const empty = applyRepWeekChange(null, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'discovery', value: 2, by: -1 });
    expect(dayCountsAt(empty, 3).scores.discovery).toEqual({ sum: 0, count: 0 });
    expect(repWeekSchema.safeParse(empty).success).toBe(true);
  });
});

describe('isRepWeek, the hot path’s check, agrees with repWeekSchema', () => {
  const good = applyRepWeekChange(null, { repId: DANA, day: '2026-10-29', kind: 'score', dimension: 'discovery', value: 4, by: 1 });
  const variants: [string, unknown][] = [
    ['valid', good],
    ['empty week', emptyRepWeek('2026-10-26', DANA)],
    ['null', null],
    ['a string', 'week'],
    ['bad week date', { ...good, week: '2026-02-30' }],
    ['short rep id', { ...good, repId: 'x' }],
    ['six days', { ...good, counts: good.counts.slice(15) }],
    ['one slot too many', { ...good, counts: [...good.counts, 0] }],
    ['negative count', { ...good, counts: good.counts.map((c, i) => (i === 45 ? -1 : c)) }],
    ['fractional sum', { ...good, counts: good.counts.map((c, i) => (i === 50 ? 1.5 : c)) }],
    ['string count', { ...good, counts: good.counts.map((c, i) => (i === 100 ? '2' : c)) }],
    ['NaN', { ...good, counts: good.counts.map((c, i) => (i === 0 ? NaN : c)) }],
    ['no counts', { week: good.week, repId: good.repId }],
  ];
  for (const [name, value] of variants) {
    it(name, () => {
      expect(isRepWeek(value)).toBe(repWeekSchema.safeParse(value).success);
    });
  }
  it('the valid ones are accepted (the comparison is not vacuous)', () => {
    expect(isRepWeek(good)).toBe(true);
    expect(isRepWeek(variants[5]![1])).toBe(false);
  });
});
