import Papa from 'papaparse';
import type { Commitment, DealRecord, NextStep, Rep } from '../../../lib/model';
import { repOpenDuesOf } from '../../../lib/scorecard/rep-open-dues';
import { commitmentChanges, noteChanges, repWeeksOf, type RepWeekChange } from '../../../lib/scorecard/rep-weeks';
import { askItemsFor } from '../../../lib/scorecard/ask-items';
import { reasonsFor, weakness } from '../../../lib/scorecard/attention';
import { buildScorecard } from '../../../lib/scorecard/rollup';
import type { ScorecardInput } from '../../../lib/scorecard/types';
import { CSV_FIELDS, CSV_OPTIONS, csvRows, scorecardText, sparklinePath, sparklineText } from '../../../lib/scorecard/export';
import {
  NEXT_STEP_COVERAGE_MIN,
  SAY_DO_MIN,
  SCORE_AVG_MIN,
  SCORE_DROP_ALERT,
  cardSummary,
  fmtChange,
  nextStepBreakdown,
  sayDoText,
} from '../../../lib/scorecard/format';

const NY = 'America/New_York';
const DANA = 'salesforce:Dana Reyes';
const SAM = 'salesforce:Sam Ortiz';
const ZED = 'hubspot:Zed Quinn';
const rep = (id: string, name: string, crm: Rep['crm'] = 'salesforce'): Rep => ({ id, crm, name, firstSeenAt: '2026-09-01T12:00:00.000Z' });
const reps = [rep(ZED, 'Zed Quinn', 'hubspot'), rep(SAM, 'Sam Ortiz'), rep(DANA, 'Dana Reyes')];

let seq = 0;
function commitment(repId: string, due: string, status: Commitment['status'], note = ''): Commitment {
  const id = `c${++seq}`;
  return {
    id,
    dealKey: repId === DANA ? 'salesforce:0065g00000AcmeQAAS' : 'salesforce:0065g00000GlobexAA',
    repId,
    text: `promise ${id}`,
    due,
    statedBy: { name: 'Rep', role: 'rep' },
    statedAt: '2026-10-01T12:00:00.000Z',
    status,
    ...(status !== 'open' ? { resolution: { outcome: status, note, by: { name: 'M', role: 'manager' as const }, at: '2026-10-29T12:00:00.000Z' } } : {}),
  } as Commitment;
}

/** Scores given on calendar day `d` (already in the user's zone), as the aggregate receives them. */
function day(repId: string, d: string, dims: Partial<Record<'discovery' | 'nextStep' | 'qualification', number[]>>): RepWeekChange[] {
  return Object.entries(dims).flatMap(([dimension, values]) =>
    values.map((value): RepWeekChange => ({ repId, day: d, kind: 'score', dimension: dimension as 'discovery', value, by: 1 })),
  );
}

type Notes = Parameters<typeof noteChanges>[0];
/** The per-rep week aggregates of these records, folded exactly as the write path folds them. */
const weeksOf = (commitments: Commitment[], scores: RepWeekChange[][], notes: Notes, zone: string) =>
  repWeeksOf([...commitments.flatMap((c) => commitmentChanges(null, c)), ...scores.flat(), ...noteChanges(notes, zone)]);

function deal(key: string, repId: string, opts: { stage?: string; lastSeenAt?: string; name?: string } = {}): DealRecord {
  const recordId = key.split(':')[1]!;
  return {
    key,
    repId,
    firstSeenAt: '2026-09-01T12:00:00.000Z',
    lastSeenAt: opts.lastSeenAt ?? '2026-10-29T12:00:00.000Z',
    snapshot: {
      crm: 'salesforce',
      recordId,
      host: 'acme.lightning.force.com',
      url: `https://acme.lightning.force.com/lightning/r/Opportunity/${recordId}/view`,
      name: opts.name ?? recordId,
      stage: opts.stage ?? 'Negotiation/Review',
      readAt: '2026-10-29T12:00:00.000Z',
    },
  };
}
const step = (dealKey: string, due: string | undefined, textChangedAt = '2026-10-28T12:00:00.000Z'): NextStep => ({
  dealKey,
  text: 'Call the CFO',
  ...(due ? { due } : {}),
  source: 'crm',
  textChangedAt,
  updatedAt: textChangedAt,
});

/**
 * Friday Oct 30 2026, noon in New York. The week Mon Oct 26 – Sun Nov 1 spans
 * the end of US daylight saving (Nov 1, 02:00 EDT → 01:00 EST).
 */
function scenarioCommitments(): Commitment[] {
  seq = 0;
  return [
    // Dana, due this week
    commitment(DANA, '2026-10-27', 'kept'),
    commitment(DANA, '2026-10-28', 'missed', 'Legal slipped'),
    commitment(DANA, '2026-10-29', 'open'), // past due (today is the 30th)
    commitment(DANA, '2026-10-30', 'open'), // due today: not yet past due
    commitment(DANA, '2026-11-01', 'open'),
    commitment(DANA, '2026-10-28', 'renegotiated'),
    // Dana, earlier in the say/do window (from Oct 5)
    commitment(DANA, '2026-10-13', 'kept'),
    commitment(DANA, '2026-10-20', 'missed'),
    commitment(DANA, '2026-10-05', 'dropped'), // not kept, not missed: outside the ratio
    commitment(DANA, '2026-10-04', 'kept'), // before the window: ignored
    // Sam
    commitment(SAM, '2026-10-28', 'kept'),
  ];
}

function scenario(): ScorecardInput {
  const commitments = scenarioCommitments();
  return {
    weekStart: '2026-10-26',
    now: new Date('2026-10-30T16:00:00.000Z'),
    timeZone: NY,
    reps,
    weeks: weeksOf(
      commitments,
      [
        // Dana, this week: discovery 2 and 3 (avg 2.5), qualification 4; Nov 1 late evening EST is still this week
        day(DANA, '2026-10-27', { discovery: [2], qualification: [4] }),
        day(DANA, '2026-11-01', { discovery: [3] }),
        // Dana, the four weeks before (Sep 28 – Oct 25): discovery 3 and 4 (3.5); qualification 4, 5 (4.5); next step 3
        day(DANA, '2026-10-05', { discovery: [3], qualification: [4, 5] }),
        day(DANA, '2026-10-19', { discovery: [4], nextStep: [3] }),
        // Dana, earlier in the sparkline (week of Sep 7)
        day(DANA, '2026-09-08', { discovery: [5] }),
        // before the sparkline (week of Aug 31): ignored
        day(DANA, '2026-09-06', { discovery: [1] }),
        // Sam: qualification 4 this week
        day(SAM, '2026-10-30', { qualification: [4] }),
        // an unknown rep: ignored
        day('salesforce:Nobody', '2026-10-30', { qualification: [1] }),
      ],
      [
        // Oct 26 00:00 EDT is 04:00Z: the first note is still Sunday Oct 25 in New York
        { repId: DANA, at: '2026-10-26T03:59:00.000Z', diagnosis: 'will' },
        { repId: DANA, at: '2026-10-26T04:00:00.000Z', diagnosis: 'skill' },
        // Nov 1 23:30 EST (after the change, UTC−5) is 04:30Z on Nov 2: still this week
        { repId: DANA, at: '2026-11-02T04:30:00.000Z', diagnosis: 'skill' },
        // Nov 2 00:30 EST: next week
        { repId: DANA, at: '2026-11-02T05:30:00.000Z', diagnosis: 'system' },
        { repId: DANA, at: '2026-10-28T12:00:00.000Z' }, // no diagnosis
        { repId: SAM, at: '2026-10-28T12:00:00.000Z', diagnosis: 'knowledge' },
      ],
      NY,
    ),
    reviews: [
      { repId: DANA, completedAt: '2026-10-29T15:00:00.000Z' },
      { repId: SAM, completedAt: '2026-10-19T15:00:00.000Z' }, // last week
    ],
    deals: [
      { deal: deal('salesforce:d1', DANA, { name: 'Initech' }), nextStep: step('salesforce:d1', '2026-11-10') }, // Scheduled
      { deal: deal('salesforce:d2', DANA, { name: 'Acme' }), nextStep: null }, // No next step
      { deal: deal('salesforce:d3', DANA, { name: 'Umbrella' }), nextStep: step('salesforce:d3', '2026-10-20') }, // Overdue
      { deal: deal('salesforce:d4', DANA, { stage: 'Closed Won' }), nextStep: null }, // closed: not counted
      { deal: deal('salesforce:d5', DANA, { lastSeenAt: '2026-09-20T12:00:00.000Z' }), nextStep: null }, // not seen in 30 days
      { deal: deal('salesforce:g1', SAM, { name: 'Globex' }), nextStep: step('salesforce:g1', '2026-11-05', '2026-10-01T12:00:00.000Z') }, // Stale (dated ahead)
      { deal: deal('salesforce:g2', SAM, { name: 'Hooli' }), nextStep: step('salesforce:g2', '2026-11-05') }, // Scheduled
    ],
  };
}

describe('buildScorecard — a week across the US DST change', () => {
  const card = buildScorecard(scenario());
  const dana = card.rows.find((r) => r.rep.id === DANA)!;
  const sam = card.rows.find((r) => r.rep.id === SAM)!;
  const zed = card.rows.find((r) => r.rep.id === ZED)!;

  it('the week and its label', () => {
    expect(card.weekStart).toBe('2026-10-26');
    expect(card.weekEnd).toBe('2026-11-01');
    expect(card.label).toBe('Oct 26 – Nov 1, 2026');
    expect(card.today).toBe('2026-10-30');
    expect(card.sparkWeeks).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
  });

  it('reps needing attention come first, then on track by name', () => {
    expect(card.rows.map((r) => r.rep.name)).toEqual(['Dana Reyes', 'Sam Ortiz', 'Zed Quinn']);
    expect(card.attention).toBe(1);
    expect(card.onTrack).toBe(2);
    expect(sam.attention).toBe(false);
    expect(zed.attention).toBe(false);
    // Zed has nothing recorded in four weeks: not flagged, but not shown as on track either
    expect([dana.quiet, sam.quiet, zed.quiet]).toEqual([false, false, true]);
    expect(scorecardText(card)).toContain('Zed Quinn — nothing recorded in 4 weeks');
  });

  it('a rep whose only record is a diagnosed coaching note this week is not quiet', () => {
    const input = scenario();
    const weeks = weeksOf([], [], [{ repId: ZED, at: '2026-10-28T12:00:00.000Z', diagnosis: 'will' }], NY);
    const zedNow = buildScorecard({ ...input, weeks }).rows.find((r) => r.rep.id === ZED)!;
    expect(zedNow.diagnoses.will).toBe(1);
    expect(zedNow.quiet).toBe(false);
    // a note with no diagnosis is not on the card's record: still quiet
    const undiagnosed = buildScorecard({ ...input, weeks: weeksOf([], [], [{ repId: ZED, at: '2026-10-28T12:00:00.000Z' }], NY) });
    expect(undiagnosed.rows.find((r) => r.rep.id === ZED)!.quiet).toBe(true);
  });

  it('commitments due this week: kept, missed, still open past due', () => {
    expect(dana.commitments).toEqual({ due: 6, kept: 1, missed: 1, openPastDue: 1, open: 2, renegotiated: 1, dropped: 0, openEarlier: 0 });
    expect(sam.commitments).toMatchObject({ due: 1, kept: 1, missed: 0, openPastDue: 0 });
  });

  it('say/do over the four weeks ending with this one: kept ÷ (kept + missed), with its count', () => {
    expect(dana.sayDo).toEqual({ kept: 2, resolved: 4, ratio: 0.5 });
    expect(sayDoText(dana.sayDo)).toBe('2 of 4 (50%)');
    expect(sayDoText(sam.sayDo)).toBe('1 of 1 (100%)');
    expect(sayDoText(zed.sayDo)).toBe('none resolved');
  });

  it('next-step health over open deals seen in the last 30 days', () => {
    expect(dana.nextStep).toEqual({ deals: 3, covered: 1, coverage: 1 / 3, none: 1, noDate: 0, overdue: 1, dueToday: 0, stale: 0, done: 0 });
    expect(dana.problemDeals.map((d) => [d.name, d.status])).toEqual([
      ['Acme', 'No next step'],
      ['Umbrella', 'Overdue'],
    ]);
    // a stale step is still dated ahead: covered, but listed for the 1:1
    expect(sam.nextStep).toMatchObject({ deals: 2, covered: 2, coverage: 1, stale: 1 });
    expect(sam.problemDeals.map((d) => d.status)).toEqual(['Stale']);
    expect(zed.nextStep.coverage).toBeNull();
  });

  it('score averages, change against the four weeks before, eight-week sparklines', () => {
    expect(dana.scores.discovery).toEqual({
      week: 2.5,
      weekCount: 2,
      trailing: 3.5,
      trailingCount: 2,
      change: -1,
      spark: [5, null, null, null, 3, null, 4, 2.5],
    });
    expect(dana.scores.qualification).toMatchObject({ week: 4, trailing: 4.5, change: -0.5 });
    expect(dana.scores.nextStep).toMatchObject({ week: null, trailing: 3, change: null });
    expect(sam.scores.qualification).toMatchObject({ week: 4, trailing: null, change: null });
    expect(zed.scores.discovery.spark).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('notes and call reviews count by their day in the user’s zone', () => {
    expect(dana.diagnoses).toEqual({ skill: 2, will: 0, knowledge: 0, system: 0 });
    expect(sam.diagnoses).toEqual({ skill: 0, will: 0, knowledge: 1, system: 0 });
    expect(dana.reviews).toEqual({ completed: 1, target: 1 });
    expect(sam.reviews.completed).toBe(0);
  });

  it('reasons in plain words', () => {
    expect(dana.reasons).toEqual([
      '1 commitment missed',
      '1 commitment open past due',
      'say/do: 2 of 4 kept over 4 weeks',
      'no next step dated ahead on 2 of 3 deals',
      'discovery averaged 2.5',
      'discovery down 1.0',
    ]);
  });

  it('the 1:1 list: what to ask about first, linked to the deal', () => {
    const all = scenarioCommitments();
    const dealLinks = {
      'salesforce:0065g00000AcmeQAAS': { name: 'Acme Corp — Platform Renewal', url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view' },
    };
    const ask = (repId: string) => askItemsFor(all.filter((c) => c.repId === repId), { weekStart: card.weekStart, today: card.today, dealLinks });
    const danaAsk = ask(DANA);
    expect(danaAsk.map((a) => [a.due, a.state])).toEqual([
      ['2026-10-29', 'open-past-due'],
      ['2026-10-28', 'missed'],
      ['2026-10-30', 'due-today'], // due (today or earlier): asked what happened, as the sidebar does
      ['2026-11-01', 'open'],
      ['2026-10-28', 'renegotiated'],
      ['2026-10-27', 'kept'],
    ]);
    expect(danaAsk[0]).toMatchObject({
      lead: 'You committed to promise c3 by Thu, Oct 29, 2026.',
      dealName: 'Acme Corp — Platform Renewal',
      url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    });
    expect(danaAsk[1]?.outcomeNote).toBe('Legal slipped');
    expect(ask(SAM)[0]?.url).toBeNull();
  });

  it("the 1:1 list says why a promise was dropped or renegotiated, and the date it moved to", () => {
    const dropped = commitment(DANA, '2026-10-28', 'dropped', 'told the buyer');
    dropped.resolution = { ...dropped.resolution!, reason: 'Acme runs the pilot themselves' };
    const moved = commitment(DANA, '2026-10-27', 'renegotiated');
    moved.resolution = { ...moved.resolution!, reason: 'buyer travelling', newDue: '2026-11-06', replacedBy: 'c99' };
    const kept = commitment(DANA, '2026-10-27', 'kept');
    const items = askItemsFor([dropped, moved, kept], { weekStart: card.weekStart, today: card.today });
    expect(items.map((a) => [a.state, a.reason, a.outcomeNote, a.newDue])).toEqual([
      ['renegotiated', 'buyer travelling', undefined, '2026-11-06'],
      ['dropped', 'Acme runs the pilot themselves', 'told the buyer', undefined],
      ['kept', undefined, undefined, undefined],
    ]);
  });

  it('the 1:1 asks what happened of a promise due today: "due" is today or earlier in the user’s zone', () => {
    const today = commitment(DANA, '2026-10-30', 'open');
    const tomorrow = commitment(DANA, '2026-10-31', 'open');
    const items = askItemsFor([tomorrow, today], { weekStart: card.weekStart, today: card.today });
    expect(items.map((a) => [a.due, a.state])).toEqual([
      ['2026-10-30', 'due-today'],
      ['2026-10-31', 'open'],
    ]);
    // still counted as open, not past due, on the card (it is not late until tomorrow)
    expect(dana.commitments).toMatchObject({ openPastDue: 1, open: 2 });
  });

  it('a promise due in an earlier week and still open stays on the card and in the 1:1 until answered', () => {
    const input = scenario();
    const earlier = commitment(SAM, '2026-10-22', 'open'); // last Thursday: nobody asked what happened
    const old = commitment(SAM, '2026-08-20', 'open'); // before the card's eight weeks: still unanswered
    const answered = commitment(SAM, '2026-10-21', 'kept');
    const all = [...scenarioCommitments(), earlier, old, answered];
    // the eight weeks' counts hold last Thursday's; the one from before them comes counted apart
    // (lib/db/scorecard.ts reads them from each rep's `repOpenDues` record), and the card counts both
    const inWeeks = buildScorecard({ ...input, weeks: weeksOf(all, [], [], NY) }).rows.find((r) => r.rep.id === SAM)!;
    expect(inWeeks.commitments.openEarlier).toBe(1);
    const openDues = [...repOpenDuesOf(all), { repId: 'salesforce:Nobody Here', days: ['2026-01-05'], counts: [3] }];
    const withEarlier = buildScorecard({ ...input, weeks: weeksOf(all, [], [], NY), openDues });
    const samNow = withEarlier.rows.find((r) => r.rep.id === SAM)!;
    expect(samNow.commitments).toMatchObject({ due: 1, openPastDue: 0, openEarlier: 2 });
    expect(samNow.reasons).toEqual(['2 commitments from earlier weeks still open']);
    expect(samNow.attention).toBe(true);
    expect(withEarlier.rows.map((r) => r.rep.id)).not.toContain('salesforce:Nobody Here');
    // the 1:1 asks about them first, however old
    const items = askItemsFor(all.filter((c) => c.repId === SAM), { weekStart: card.weekStart, today: card.today });
    expect(items.map((a) => [a.due, a.state])).toEqual([
      ['2026-08-20', 'open-past-due'],
      ['2026-10-22', 'open-past-due'],
      ['2026-10-28', 'kept'],
    ]);
    // viewed from next week, days not yet past are not "earlier and still open"
    const nextWeek = buildScorecard({ ...input, weekStart: '2026-11-02', weeks: weeksOf(all, [], [], NY) });
    expect(nextWeek.rows.find((r) => r.rep.id === DANA)!.commitments.openEarlier).toBe(1); // Oct 29 only: Oct 30 and Nov 1 are today and later
    // nor from a week so far ahead that today's promises fall before its eight weeks: only those gone by today count
    const ahead = buildScorecard({ ...input, weekStart: '2027-01-04', weeks: weeksOf(all, [], [], NY), openDues });
    expect(ahead.rows.find((r) => r.rep.id === DANA)!.commitments.openEarlier).toBe(1); // Oct 29 again
    expect(ahead.rows.find((r) => r.rep.id === SAM)!.commitments.openEarlier).toBe(2); // Aug 20 and Oct 22
  });

  it('the process zone does not matter', () => {
    // the same input evaluated with the process in another zone (Node reads TZ when it changes) gives the same card
    const was = process.env.TZ;
    try {
      for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        expect(new Date('2026-10-30T16:00:00.000Z').getHours(), zone).not.toBe(16); // the zone took effect
        expect(buildScorecard(scenario()), zone).toEqual(card);
      }
    } finally {
      if (was === undefined) delete process.env.TZ;
      else process.env.TZ = was;
    }
  });
});

describe('buildScorecard — a week across the year end, in Berlin', () => {
  const BERLIN = 'Europe/Berlin';
  const card = buildScorecard({
    weekStart: '2026-12-28',
    now: new Date('2027-01-02T12:00:00.000Z'),
    timeZone: BERLIN,
    reps: [rep(DANA, 'Dana Reyes')],
    weeks: weeksOf(
      [
        { ...commitment(DANA, '2027-01-01', 'kept') },
        { ...commitment(DANA, '2026-12-28', 'missed') },
        { ...commitment(DANA, '2027-01-02', 'open') }, // today: not past due
        { ...commitment(DANA, '2027-01-04', 'missed') }, // next week
        { ...commitment(DANA, '2026-12-07', 'kept') }, // first week of the say/do window
        { ...commitment(DANA, '2026-12-06', 'missed') }, // before it
      ],
      [
        day(DANA, '2027-01-01', { nextStep: [4] }),
        day(DANA, '2026-12-28', { nextStep: [5] }),
        day(DANA, '2026-12-27', { nextStep: [2] }), // last week (Sunday)
        day(DANA, '2027-01-04', { nextStep: [1] }), // next week: ignored
      ],
      [
        { repId: DANA, at: '2026-12-27T23:30:00.000Z', diagnosis: 'knowledge' }, // Mon Dec 28 00:30 CET
        { repId: DANA, at: '2026-12-27T22:30:00.000Z', diagnosis: 'will' }, // Sun Dec 27 23:30 CET
        { repId: DANA, at: '2027-01-03T22:59:00.000Z', diagnosis: 'system' }, // Sun Jan 3 23:59 CET
        { repId: DANA, at: '2027-01-03T23:00:00.000Z', diagnosis: 'skill' }, // Mon Jan 4 00:00 CET
      ],
      BERLIN,
    ),
    reviews: [],
    deals: [],
  });
  const dana = card.rows[0]!;

  it('counts by the Berlin calendar across Dec 31 → Jan 1', () => {
    expect(card.label).toBe('Dec 28, 2026 – Jan 3, 2027');
    expect(card.weekEnd).toBe('2027-01-03');
    expect(dana.commitments).toMatchObject({ due: 3, kept: 1, missed: 1, openPastDue: 0, open: 1 });
    expect(dana.sayDo).toEqual({ kept: 2, resolved: 3, ratio: 2 / 3 });
    expect(dana.scores.nextStep).toMatchObject({ week: 4.5, weekCount: 2, trailing: 2, change: 2.5 });
    expect(dana.scores.nextStep.spark.slice(-2)).toEqual([2, 4.5]);
    expect(dana.diagnoses).toEqual({ skill: 0, will: 0, knowledge: 1, system: 1 });
    expect(dana.reasons).toEqual(['1 commitment missed', 'say/do: 2 of 3 kept over 4 weeks']);
  });
});

describe('the method: results first, then pipeline, then activity only when one of those is weak', () => {
  const card = () => buildScorecard(scenario());
  it('a rep weak only on scores is on track, with no reasons: their results and pipeline are sound', () => {
    const input = scenario();
    // Sam: one promise kept, two deals with next steps ahead; now low scores this week
    const weeks = weeksOf(scenarioCommitments(), [day(SAM, '2026-10-28', { discovery: [1], qualification: [1] })], [], NY);
    const sam = buildScorecard({ ...input, weeks }).rows.find((r) => r.rep.id === SAM)!;
    expect(sam.scores.discovery.week).toBe(1);
    expect(weakness(sam)).toBe('none');
    expect(sam.attention).toBe(false);
    expect(sam.reasons).toEqual([]);
    // the same scores beside a missed promise: all the reasons, results first
    expect(reasonsFor({ ...sam, commitments: { ...sam.commitments, missed: 1 } })).toEqual([
      '1 commitment missed',
      'discovery averaged 1.0',
      'qualification averaged 1.0',
    ]);
  });

  it('among reps weak on results, the one breaking more promises comes first, whatever a weak week of scores adds to the other’s reasons', () => {
    const ANA = 'salesforce:Ana Struggling';
    const BO = 'salesforce:Bo Mostly';
    const card = buildScorecard({
      weekStart: '2026-10-26',
      now: new Date('2026-10-30T16:00:00.000Z'),
      timeZone: NY,
      reps: [rep(ANA, 'Ana Struggling'), rep(BO, 'Bo Mostly')],
      weeks: weeksOf(
        [
          // Ana: four missed, three open past their date, nothing kept
          ...['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29'].map((d) => commitment(ANA, d, 'missed')),
          ...['2026-10-26', '2026-10-27', '2026-10-28'].map((d) => commitment(ANA, d, 'open')),
          // Bo: nine kept over the weeks before, one missed this week
          ...Array.from({ length: 9 }, (_, i) => commitment(BO, i < 5 ? '2026-10-13' : '2026-10-20', 'kept')),
          commitment(BO, '2026-10-27', 'missed'),
        ],
        // Bo's scores: 4s two weeks ago, 2s this week (an average and a drop on each dimension)
        [day(BO, '2026-10-14', { discovery: [4], nextStep: [4], qualification: [4] }), day(BO, '2026-10-28', { discovery: [2], nextStep: [2], qualification: [2] })],
        [],
        NY,
      ),
      reviews: [],
      deals: [],
    });
    const [first, second] = card.rows;
    expect(second!.reasons.length).toBeGreaterThan(first!.reasons.length); // the case: Bo has more reasons
    expect(card.rows.map((r) => r.rep.name)).toEqual(['Ana Struggling', 'Bo Mostly']);
  });

  it('reps weak on results come before reps weak only on pipeline, whatever the number of reasons', () => {
    const rows = card().rows;
    const dana = rows.find((r) => r.rep.id === DANA)!;
    expect(weakness(dana)).toBe('results');
    const pipelineOnly = { ...dana, commitments: { ...dana.commitments, missed: 0, openPastDue: 0, openEarlier: 0 }, sayDo: { kept: 1, resolved: 1, ratio: 1 } };
    expect(weakness(pipelineOnly)).toBe('pipeline');
  });
});

describe('thresholds', () => {
  const base = () => ({
    commitments: { due: 0, kept: 0, missed: 0, openPastDue: 0, open: 0, renegotiated: 0, dropped: 0, openEarlier: 0 },
    sayDo: { kept: 7, resolved: 10, ratio: 0.7 },
    nextStep: { deals: 5, covered: 4, coverage: 0.8, none: 1, noDate: 0, overdue: 0, dueToday: 0, stale: 0, done: 0 },
    scores: {
      discovery: { week: 3, weekCount: 1, trailing: 3.9, trailingCount: 1, change: 3 - 3.9, spark: [] },
      nextStep: { week: 0.1 + 0.2 + 2.7, weekCount: 1, trailing: null, trailingCount: 0, change: null, spark: [] },
      qualification: { week: 3.2, weekCount: 1, trailing: 4.2, trailingCount: 1, change: 3.2 - 4.2, spark: [] },
    },
  });
  it('are named constants', () => {
    expect([SAY_DO_MIN, NEXT_STEP_COVERAGE_MIN, SCORE_AVG_MIN, SCORE_DROP_ALERT]).toEqual([0.7, 0.8, 3, 1]);
  });
  it('exactly at a threshold is on track, except a drop of 1 or more (float noise aside)', () => {
    // 3.2 − 4.2 is −1.0000000000000004 in floating point; 0.1 + 0.2 + 2.7 is 3.0000000000000004
    expect(reasonsFor(base())).toEqual(['qualification down 1.0']);
    const r = base();
    r.scores.qualification.change = -(1 - 1e-12);
    expect(reasonsFor(r)).toEqual(['qualification down 1.0']);
    // as shown: −0.95 rounds (halves away from zero, as the CSV does) to −1.0, and −0.94 to −0.9
    r.scores.qualification.change = -0.95;
    expect(reasonsFor(r)).toEqual(['qualification down 1.0']);
    r.scores.qualification.change = -0.94;
    expect(reasonsFor(r)).toEqual([]);
  });

  it('a change reads the same on screen, in the copied text and in the CSV, either side of zero (halves away from zero)', () => {
    expect([fmtChange(-1.25), fmtChange(1.25), fmtChange(-0.25), fmtChange(-0.75), fmtChange(-0.04)]).toEqual(['−1.3', '+1.3', '−0.3', '−0.8', '±0.0']);
    const card = buildScorecard(scenario());
    const r = card.rows[0]!;
    r.scores.discovery = { ...r.scores.discovery, week: 2, trailing: 3.25, change: -1.25 };
    const [row] = Papa.parse<Record<string, string>>(Papa.unparse(csvRows(card), CSV_OPTIONS), { header: true }).data;
    expect(row!['Discovery change']).toBe('-1.3');
    expect(reasonsFor(r)).toContain('discovery down 1.3');
  });
  it('the thresholds hold against the figures as shown (a whole percent, a tenth of a score)', () => {
    const r = base();
    r.scores.qualification = { ...r.scores.qualification, week: 4, change: 0 };
    r.sayDo = { kept: 16, resolved: 23, ratio: 16 / 23 }; // 69.6%, shown as 70%
    r.nextStep = { ...r.nextStep, deals: 23, covered: 18, coverage: 18 / 23 }; // 78.3%, shown as 78%
    r.scores.discovery = { ...r.scores.discovery, week: 2.96, change: -0.96 }; // shown as 3.0 and −1.0
    expect(reasonsFor(r)).toEqual(['no next step dated ahead on 5 of 23 deals', 'discovery down 1.0']);
    r.sayDo = { kept: 16, resolved: 24, ratio: 16 / 24 }; // 66.7%, shown as 67%
    expect(reasonsFor(r)[0]).toBe('say/do: 16 of 24 kept over 4 weeks');
  });

  it('just past each threshold needs attention', () => {
    const r = base();
    r.sayDo = { kept: 2, resolved: 3, ratio: 2 / 3 };
    r.nextStep = { ...r.nextStep, covered: 3, coverage: 0.6 };
    r.scores.discovery.week = 2.9;
    expect(reasonsFor(r)).toEqual([
      'say/do: 2 of 3 kept over 4 weeks',
      'no next step dated ahead on 2 of 5 deals',
      'discovery averaged 2.9',
      'qualification down 1.0',
    ]);
  });
});

describe('sharing', () => {
  const card = buildScorecard(scenario());
  it('CSV via Papa.unparse: one row per rep, attention first', () => {
    const csv = Papa.unparse(csvRows(card), CSV_OPTIONS);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.meta.fields).toEqual([...CSV_FIELDS]);
    expect(parsed.data.map((r) => r.Rep)).toEqual(['Dana Reyes', 'Sam Ortiz', 'Zed Quinn']);
    expect(parsed.data[0]).toMatchObject({ Missed: '1', 'Say/do %': '50', 'Discovery avg': '2.5', 'Discovery change': '-1', 'Call reviews': '1', Skill: '2' });
    expect(parsed.data[2]).toMatchObject({ 'Say/do %': '', 'Next step dated ahead %': '' });
    // the due count adds up from the columns beside it
    for (const r of parsed.data) {
      const parts = ['Kept', 'Missed', 'Open past due', 'Open, not yet due', 'Renegotiated', 'Dropped'].map((f) => Number(r[f]));
      expect(parts.reduce((a, b) => a + b, 0), r.Rep).toBe(Number(r['Commitments due']));
    }
    expect(parsed.data[0]).toMatchObject({ 'Commitments due': '6', 'Open, not yet due': '2', Renegotiated: '1' });
    // and the open deals from theirs: dated ahead, none, overdue, no date, done
    for (const r of parsed.data) {
      const deals = ['No next step', 'Overdue', 'Next step with no date', 'Next step done'].map((f) => Number(r[f]));
      const ahead = card.rows.find((row) => row.rep.name === r.Rep)!.nextStep.covered;
      expect(deals.reduce((a, b) => a + b, ahead), r.Rep).toBe(Number(r['Open deals (30 d)']));
    }
  });
  it('CSV: a name read from the CRM that a spreadsheet would run as a formula arrives as text; numbers stay numbers', () => {
    const rows = csvRows(card);
    rows[0]!.Rep = '=HYPERLINK("https://evil.example","Dana")';
    rows[1]!.Rep = '@SUM(A1)';
    // a line break inside the name (a restored backup can hold one): Papa's own test stops at it
    rows[2]!.Rep = '=1+1\n+cmd|" /C calc"!A0';
    const parsed = Papa.parse<Record<string, string>>(Papa.unparse(rows, CSV_OPTIONS), { header: true });
    expect(parsed.data.map((r) => r.Rep)).toEqual(['\'=HYPERLINK("https://evil.example","Dana")', "'@SUM(A1)", '\'=1+1\n+cmd|" /C calc"!A0']);
    expect(parsed.data[0]).toMatchObject({ 'Discovery change': '-1' });
  });
  it('plain text for an email', () => {
    const text = scorecardText(card);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Weekly scorecard, Oct 26 – Nov 1, 2026',
      '',
      'Needs attention (1)',
      'Dana Reyes — 1 commitment missed; 1 commitment open past due; say/do: 2 of 4 kept over 4 weeks; no next step dated ahead on 2 of 3 deals; discovery averaged 2.5; discovery down 1.0',
    ]);
    expect(text).toContain('On track (2)');
    expect(text).toContain('  Scores: Discovery 2.5 (−1.0), Next step – (–), Qualification 4.0 (−0.5)');
    expect(text).toContain('say/do 1 of 1 (100%) over 4 weeks');
    // every commitment due and every open deal accounted for, as in the table
    expect(text).toContain('  Commitments due: 6 (kept 1, missed 1, open past due 1, 2 still open, 1 renegotiated)');
    const dana = card.rows.find((r) => r.rep.name === 'Dana Reyes')!.nextStep;
    expect(text).toContain(`on ${dana.deals} open deals (${nextStepBreakdown(dana)})`);
  });
  it('sparkline path leaves gaps, and its text alternative names every week', () => {
    expect(sparklinePath([5, null, 1, 3], 32, 12, 2)).toBe('M2.0 2.0 M20.7 10.0 L30.0 6.0');
    expect(sparklineText('Discovery', [3, null, 2.5])).toBe('Discovery by week, oldest first: 3.0, no score, 2.5');
    expect(fmtChange(0.04)).toBe('±0.0');
    expect(fmtChange(0.25)).toBe('+0.3');
  });
});

describe('the sentence over the table', () => {
  const row = (attention: boolean, quiet = false) => ({ attention, quiet });
  it('counts the reps needing attention first', () => {
    expect(cardSummary([row(true), row(false), row(false, true)], true)).toBe('1 of 3 reps need attention.');
  });
  it('calls every rep on track only when none is quiet (nothing recorded is not on track)', () => {
    expect(cardSummary([row(false), row(false)], true)).toBe('Every rep is on track this week.');
    expect(cardSummary([row(false), row(false)], false)).toBe('Every rep is on track that week.');
    expect(cardSummary([row(false), row(false, true)], true)).toBe('No rep needs attention this week; 1 of 2 has nothing recorded in the last 4 weeks.');
    expect(cardSummary([row(false, true), row(false, true)], true)).toBe('Nothing recorded for any of the 2 reps in the last 4 weeks.');
  });
});
