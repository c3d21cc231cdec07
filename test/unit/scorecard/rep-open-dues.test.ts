import 'fake-indexeddb/auto';
import {
  applyOpenDueChange,
  isRepOpenDues,
  openDueBefore,
  openDueChanges,
  repOpenDuesOf,
  type RepOpenDues,
} from '../../../lib/scorecard/rep-open-dues';
import { applyRepWeekChange, commitmentChanges, dayCountsAt, repWeekKeyOf, type RepWeek } from '../../../lib/scorecard/rep-weeks';
import { daysBetween } from '../../../lib/dates';
import type { Commitment, CommitmentStatus } from '../../../lib/model';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { addCommitment, resolveCommitmentRecord } from '../../../lib/db/coaching';
import { DANA, LEE, commitment, manager } from '../support/records';

const REP = DANA;
const add = (r: RepOpenDues | null, day: string, by: 1 | -1 = 1) => applyOpenDueChange(r, { repId: REP, day, by });

describe('repOpenDues: a rep’s open promises by due day', () => {
  it('keeps days ascending and distinct, counts each, and drops a day at zero', () => {
    let r = add(null, '2026-05-04');
    r = add(r, '2026-01-12');
    r = add(r, '2026-05-04');
    r = add(r, '2026-03-02');
    expect(r).toEqual({ repId: REP, days: ['2026-01-12', '2026-03-02', '2026-05-04'], counts: [1, 1, 2] });
    r = add(r, '2026-03-02', -1);
    expect(r).toEqual({ repId: REP, days: ['2026-01-12', '2026-05-04'], counts: [1, 2] });
    expect(isRepOpenDues(r)).toBe(true);
  });

  it('never mutates, never goes below zero, and starts afresh for another rep', () => {
    const r = add(null, '2026-05-04');
    const copy = structuredClone(r);
    expect(add(r, '2026-06-01', -1)).toEqual(r); // nothing open that day: nothing to take back
    add(r, '2026-05-04', -1);
    add(r, '2026-04-01');
    expect(r).toEqual(copy);
    expect(applyOpenDueChange(r, { repId: LEE, day: '2026-02-02', by: 1 })).toEqual({ repId: LEE, days: ['2026-02-02'], counts: [1] });
  });

  it('counts those due before a day, not on it', () => {
    const r = repOpenDuesOf([
      { repId: REP, due: '2026-03-02', status: 'open' },
      { repId: REP, due: '2026-03-02', status: 'open' },
      { repId: REP, due: '2026-09-07', status: 'open' },
      { repId: REP, due: '2026-01-05', status: 'kept' },
      { repId: undefined, due: '2026-01-05', status: 'open' },
    ])[0]!;
    expect(openDueBefore(r, '2026-09-07')).toBe(2);
    expect(openDueBefore(r, '2026-09-08')).toBe(3);
    expect(openDueBefore(r, '2026-03-02')).toBe(0);
  });

  it('moves only with changes under the open status', () => {
    const c = commitment('x', '2026-04-06');
    const changes = [...commitmentChanges(c, { ...c, status: 'kept' }), ...commitmentChanges(null, commitment('y', '2026-05-01'))];
    expect(openDueChanges(changes)).toEqual([
      { repId: DANA, day: '2026-04-06', by: -1 },
      { repId: DANA, day: '2026-05-01', by: 1 },
    ]);
  });

  it.each([
    ['not an object', 'x'],
    ['a bad rep id', { repId: '', days: [], counts: [] }],
    ['arrays of different lengths', { repId: REP, days: ['2026-01-01'], counts: [] }],
    ['days out of order', { repId: REP, days: ['2026-02-01', '2026-01-01'], counts: [1, 1] }],
    ['a day twice', { repId: REP, days: ['2026-01-01', '2026-01-01'], counts: [1, 1] }],
    ['a count of zero', { repId: REP, days: ['2026-01-01'], counts: [0] }],
    ['a fractional count', { repId: REP, days: ['2026-01-01'], counts: [1.5] }],
    ['not a date', { repId: REP, days: ['Jan 1'], counts: [1] }],
  ])('refuses a stored record with %s', (_why, x) => {
    expect(isRepOpenDues(x)).toBe(false);
  });

  it('agrees with the open counts of repWeeks under any sequence of writes', () => {
    // a small seeded generator: promises made, kept, missed, renegotiated to a new date, dropped
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const day = () => `2026-0${1 + rand(9)}-${String(1 + rand(28)).padStart(2, '0')}`;
    const live = new Map<string, Commitment>();
    const weeks = new Map<string, RepWeek>();
    let open: RepOpenDues | null = null;
    const apply = (before: Commitment | null, after: Commitment | null) => {
      const changes = commitmentChanges(before, after);
      for (const ch of changes) {
        const id = repWeekKeyOf(ch).join('|');
        weeks.set(id, applyRepWeekChange(weeks.get(id), ch));
      }
      for (const ch of openDueChanges(changes)) open = applyOpenDueChange(open, ch);
    };
    for (let i = 0; i < 400; i++) {
      const opens = [...live.values()].filter((c) => c.status === 'open');
      if (opens.length === 0 || rand(3) === 0) {
        const c = commitment(`c${i}`, day());
        live.set(c.id, c);
        apply(null, c);
      } else {
        const c = opens[rand(opens.length)]!;
        const status = (['kept', 'missed', 'renegotiated', 'dropped'] as CommitmentStatus[])[rand(4)]!;
        const resolved = { ...c, status };
        live.set(c.id, resolved);
        apply(c, resolved);
        if (status === 'renegotiated') {
          const next = commitment(`c${i}r`, day());
          live.set(next.id, next);
          apply(null, next);
        }
      }
    }
    const fromWeeks = new Map<string, number>();
    for (const w of weeks.values()) {
      for (let d = 0; d < 7; d++) {
        const n = dayCountsAt(w, d).due.open;
        if (n > 0) fromWeeks.set(addDaysTo(w.week, d), n);
      }
    }
    const fromOpen = new Map(open!.days.map((d, i) => [d, open!.counts[i]!]));
    expect(fromOpen).toEqual(fromWeeks);
    expect(repOpenDuesOf(live.values())).toEqual([open]);
  });
});

function addDaysTo(monday: string, n: number): string {
  const d = new Date(`${monday}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const s = d.toISOString().slice(0, 10);
  expect(daysBetween(monday, s)).toBe(n);
  return s;
}

describe('repOpenDues kept with the commitment writes', () => {
  let db: DB;
  let n = 0;
  beforeEach(async () => {
    db = await openDealsideDB(`open-dues-${++n}`);
  });
  afterEach(() => db.close());

  it('counts a promise made, moves it when renegotiated, and forgets it once answered', async () => {
    await addCommitment(db, commitment('a', '2026-03-02'));
    await addCommitment(db, commitment('b', '2026-03-02'));
    expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-03-02'], counts: [2] });
    const resolution = (outcome: 'kept' | 'renegotiated') => ({ outcome, note: '', by: manager, at: '2026-03-03T12:00:00.000Z' });
    await resolveCommitmentRecord(db, { ...commitment('a', '2026-03-02'), status: 'renegotiated', resolution: resolution('renegotiated') }, commitment('a2', '2026-04-06'));
    expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-03-02', '2026-04-06'], counts: [1, 1] });
    await resolveCommitmentRecord(db, { ...commitment('b', '2026-03-02'), status: 'kept', resolution: resolution('kept') });
    await resolveCommitmentRecord(db, { ...commitment('a2', '2026-04-06'), status: 'kept', resolution: resolution('kept') });
    // nothing open: no record left behind
    expect(await db.get('repOpenDues', DANA)).toBeUndefined();
  });

  it('rebuilds a damaged record from empty rather than trust it, and keeps the commitment', async () => {
    await db.put('repOpenDues', { repId: DANA, days: ['2026-02-01', '2026-01-01'], counts: [1, 1] } as never);
    await addCommitment(db, commitment('a', '2026-03-02'));
    expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-03-02'], counts: [1] });
    expect((await db.get('commitments', 'a'))?.due).toBe('2026-03-02');
  });

  it('rolls back with the commitment: a refused add leaves the count as it was', async () => {
    await addCommitment(db, commitment('a', '2026-03-02'));
    await expect(addCommitment(db, commitment('a', '2026-05-05'))).rejects.toThrow();
    expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-03-02'], counts: [1] });
  });
});
