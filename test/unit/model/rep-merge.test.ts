import { repMergesOf, withKeptRep } from '../../../lib/model/rep-merge';
import type { CallReview, Rep } from '../../../lib/model';

const rep = (id: string, firstSeenAt: string, extra: Partial<Rep> = {}): Rep => {
  const [crm, ...name] = id.split(':');
  return { id, crm: crm as Rep['crm'], name: name.join(':'), firstSeenAt, ...extra };
};
const DANA = rep('salesforce:Dana Reyes', '2026-11-20T10:00:00.000Z');
const dana = rep('salesforce:dana  reyes', '2026-11-21T10:00:00.000Z');
const DANA_CAPS = rep('salesforce:DANA REYES', '2026-11-22T10:00:00.000Z');
const LEE = rep('salesforce:Lee Park', '2026-11-19T10:00:00.000Z');
const orders = <T,>(xs: readonly T[]): T[][] => [xs.slice(), xs.slice().reverse(), [...xs.slice(1), xs[0]!]];

describe('repMergesOf: reps of one CRM whose names differ only in case or spacing', () => {
  it('merges the later into the earliest seen, whatever the order', () => {
    for (const reps of orders([dana, DANA, LEE])) expect(repMergesOf(reps)).toEqual(new Map([[dana.id, DANA.id]]));
  });

  it('merges every variant of a name into the one kept', () => {
    for (const reps of orders([DANA_CAPS, dana, DANA])) {
      expect(repMergesOf(reps)).toEqual(new Map([[dana.id, DANA.id], [DANA_CAPS.id, DANA.id]]));
    }
  });

  it('breaks a tie on first seen by id, the same in any order (instants compared as times, not text)', () => {
    const a = rep('salesforce:dana reyes', '2026-11-20T10:00:00Z');
    const b = rep('salesforce:Dana Reyes', '2026-11-20T10:00:00.000Z');
    const c = rep('salesforce:Dana  Reyes', '2026-11-20T10:00:00.000Z');
    // 'salesforce:Dana  Reyes' < 'salesforce:Dana Reyes' < 'salesforce:dana reyes' (code units)
    for (const reps of orders([a, b, c])) expect(repMergesOf(reps)).toEqual(new Map([[a.id, c.id], [b.id, c.id]]));
  });

  it('keeps the earliest seen even when its id sorts later', () => {
    const early = rep('salesforce:dana reyes', '2026-11-01T00:00:00.000Z');
    for (const reps of orders([DANA, early])) expect(repMergesOf(reps)).toEqual(new Map([[DANA.id, early.id]]));
  });

  it('never merges reps of different CRMs, nor different names', () => {
    const hubspot = rep('hubspot:dana reyes', '2026-11-01T00:00:00.000Z');
    const other = rep('salesforce:Dana Reye', '2026-11-01T00:00:00.000Z');
    expect(repMergesOf([DANA, hubspot, other, LEE])).toEqual(new Map());
    expect(repMergesOf([])).toEqual(new Map());
  });

  it('merges no rep whose id names another CRM than its record (damaged or forged: it could pull another CRM’s records in)', () => {
    const odd = rep('hubspot:dana reyes', '2026-11-01T00:00:00.000Z', { crm: 'salesforce' });
    expect(repMergesOf([DANA, odd])).toEqual(new Map());
    expect(repMergesOf([DANA], [odd])).toEqual(new Map());
    // its id and record agreeing, the earlier one is kept as ever
    const early = rep('salesforce:dana reyes', '2026-11-01T00:00:00.000Z');
    expect(repMergesOf([DANA, odd, early])).toEqual(new Map([[DANA.id, early.id]]));
  });

  it('a rep listed twice (one id) is one rep', () => {
    expect(repMergesOf([DANA, DANA, { ...DANA, firstSeenAt: '2026-11-25T00:00:00.000Z' }])).toEqual(new Map());
    expect(repMergesOf([dana, DANA, dana])).toEqual(new Map([[dana.id, DANA.id]]));
  });

  it('the prior reps (stored ones) win over the others, the earliest of them first', () => {
    const early = rep('salesforce:dana reyes', '2026-11-01T00:00:00.000Z');
    expect(repMergesOf([early], [DANA])).toEqual(new Map([[early.id, DANA.id]]));
    expect(repMergesOf([early], [DANA_CAPS, DANA])).toEqual(new Map([[early.id, DANA.id], [DANA_CAPS.id, DANA.id]]));
    // without a prior variant, the others merge among themselves
    expect(repMergesOf([early, dana], [LEE])).toEqual(new Map([[dana.id, early.id]]));
    // a rep both stored and in the list is the stored one, even under another name (damage)
    expect(repMergesOf([DANA, dana], [DANA])).toEqual(new Map([[dana.id, DANA.id]]));
    expect(repMergesOf([{ ...DANA, name: 'lee  park', firstSeenAt: '2026-11-01T00:00:00.000Z' }], [DANA, LEE])).toEqual(new Map());
  });
});

describe('withKeptRep: a record with its rep references through the merges', () => {
  const merges = new Map([[dana.id, DANA.id]]);

  it('rewrites the repId of a deal, commitment, score or note, without touching the original', () => {
    const deal = { key: 'salesforce:acme/0065g00000AcmeQAAS', repId: dana.id, snapshot: { owner: 'dana  reyes' } };
    const frozen = Object.freeze({ ...deal });
    const out = withKeptRep(frozen, merges);
    expect(out).toEqual({ ...deal, repId: DANA.id });
    expect(out).not.toBe(frozen);
    expect(frozen.repId).toBe(dana.id);
    expect(out.snapshot).toBe(frozen.snapshot);
  });

  it('gives the same object back when it names no merged rep', () => {
    for (const record of [
      { id: 'c1', repId: DANA.id },
      { id: 'c2' },
      { id: 'c3', repId: 42 },
      { id: 'c4', repId: { id: dana.id } },
      { id: 'c5', repId: null },
      { id: 'c6', history: 'odd', repId: LEE.id },
    ]) {
      expect(withKeptRep(record, merges)).toBe(record);
    }
    for (const odd of [null, undefined, 7, 'salesforce:dana  reyes', [dana.id]]) expect(withKeptRep(odd, merges)).toBe(odd);
    const record = { id: 'n1', repId: dana.id };
    expect(withKeptRep(record, new Map())).toBe(record);
  });

  it("rewrites a call review's rep and each version's, leaving the versions that name none as they were", () => {
    const version = (linked: unknown) => ({
      scores: {},
      overallNote: '',
      pins: [],
      timeSpentMs: 0,
      completedAt: '2026-11-20T10:00:00.000Z',
      supersededAt: '2026-11-20T11:00:00.000Z',
      ...(linked === undefined ? {} : { linked }),
    });
    const history = [
      version({ repId: dana.id, repName: 'dana  reyes', dealKey: 'hubspot:1' }),
      version(undefined),
      version({ repId: LEE.id }),
      version({ repId: 42 }),
      version('odd'),
      null,
      version({ repId: dana.id }),
    ];
    const review = { id: 'r1', repId: dana.id, repName: 'dana  reyes', history } as unknown as CallReview;
    const out = withKeptRep(review, merges);
    expect(out.repId).toBe(DANA.id);
    expect(out.repName).toBe('dana  reyes');
    expect(out.history[0]).toEqual(version({ repId: DANA.id, repName: 'dana  reyes', dealKey: 'hubspot:1' }));
    expect(out.history[6]).toEqual(version({ repId: DANA.id }));
    for (const i of [1, 2, 3, 4, 5]) expect(out.history[i]).toBe(history[i]);
    expect(review.repId).toBe(dana.id);
    expect(history[0]).toEqual(version({ repId: dana.id, repName: 'dana  reyes', dealKey: 'hubspot:1' }));

    // only a version names the merged rep (the review was relinked since): that version is rewritten
    const relinked = { id: 'r2', repId: LEE.id, history: [version({ repId: dana.id })] };
    expect(withKeptRep(relinked, merges)).toEqual({ ...relinked, history: [version({ repId: DANA.id })] });
    // none does: the same object
    const untouched = { id: 'r3', repId: LEE.id, history: [version({ repId: LEE.id }), version(undefined)] };
    expect(withKeptRep(untouched, merges)).toBe(untouched);
  });
});
