import { openDealsideDB, type DB } from '../../../lib/db/open';
import { getDeal } from '../../../lib/db/deals';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { changeNextStep, getNextStep } from '../../../lib/db/coaching';
import { readRepDetail, readScorecardWeek } from '../../../lib/db/scorecard';
import { weekOf } from '../../../lib/scorecard/week';
import { buildScorecard } from '../../../lib/scorecard/rollup';
import { isOpenStage } from '../../../lib/scorecard/pipeline-health';
import { isPipelineEntry, pipelineEntryOf } from '../../../lib/scorecard/pipeline';
import { entryOfRow, isRepPipeline, repPipelinesOf, withPipelineEntry } from '../../../lib/scorecard/rep-pipeline';
import { markNextStepDone, mergeCrmNextStep, setSidebarNextStep } from '../../../lib/rules/next-step';
import { dealRecordSchema, nextStepSchema, type DealSnapshotData } from '../../../lib/model';

const NY = 'America/New_York';
const snap = (recordId: string, owner: string, extra: Partial<DealSnapshotData> = {}): DealSnapshotData => ({
  crm: 'salesforce',
  recordId,
  host: 'acme.lightning.force.com',
  url: `https://acme.lightning.force.com/lightning/r/Opportunity/${recordId}/view`,
  name: `Deal ${recordId}`,
  owner,
  readAt: '2026-10-28T12:00:00.000Z',
  ...extra,
});

let db: DB;
beforeEach(async () => {
  db = await openDealsideDB(`pipeline-${Math.random()}`);
});
afterEach(() => db.close());

/** The summary, and its row in its rep's bucket, must always equal what the deal and next step records say now. */
async function expectInStep(key: string) {
  const [deal, step, entry] = await Promise.all([getDeal(db, key), getNextStep(db, key), db.get('pipeline', key)]);
  expect(entry).toEqual(deal ? pipelineEntryOf(deal, step) : undefined);
  const buckets = await db.getAll('repPipelines');
  const holders = buckets.filter((b) => b.rows.some((r) => r[0] === key));
  expect(holders.map((b) => b.repId)).toEqual(entry?.repId ? [entry.repId] : []);
  if (entry?.repId) expect(entryOfRow(entry.repId, holders[0]!.rows.find((r) => r[0] === key)!)).toEqual(entry);
}

describe('which stages are open', () => {
  it('reads closed stages in the languages CRM pages come in, not only English', () => {
    for (const closed of ['Closed Won', 'Closed Lost', 'Geschlossen und verloren', 'Geschlossen und gewonnen', 'Fermée gagnée', 'Cerrada perdida', 'Chiuso perso', 'Gesloten gewonnen', 'Fechado ganho'])
      expect(isOpenStage(closed), closed).toBe(false);
    for (const open of ['Negotiation/Review', 'Verhandlung/Prüfung', 'Qualification', 'Proposition de valeur', 'Personal meeting', undefined])
      expect(isOpenStage(open), String(open)).toBe(true);
  });
});

describe('the pipeline summary is kept in step with every deal and next-step write', () => {
  it('deal upsert, CRM next-step merge, sidebar next step, mark done, owner change', async () => {
    const key = 'salesforce:acme/006A';
    await recordSnapshot(db, snap('006A', 'Dana Reyes', { stage: 'Prospecting' }), '2026-10-28T12:00:00.000Z');
    await expectInStep(key);
    expect((await db.get('pipeline', key))?.step).toBeUndefined();

    const merged = mergeCrmNextStep(null, { text: 'Send pricing', date: { iso: '2026-11-02' } }, key, '2026-10-28T12:00:01.000Z')!;
    await changeNextStep(db, key, () => merged);
    await expectInStep(key);

    await changeNextStep(db, key, () => setSidebarNextStep(merged, 'Book the demo', undefined, key, '2026-10-29T09:00:00.000Z'));
    await expectInStep(key);
    await changeNextStep(db, key, (existing) => markNextStepDone(existing!, '2026-10-29T10:00:00.000Z'));
    await expectInStep(key);

    // seen again, new stage and owner: rep, stage, last seen follow; the next step stays
    await recordSnapshot(db, snap('006A', 'Sam Ortiz', { stage: 'Closed Won' }), '2026-10-30T12:00:00.000Z');
    await expectInStep(key);
    expect(await db.get('pipeline', key)).toMatchObject({ repId: 'salesforce:Sam Ortiz', stage: 'Closed Won', lastSeenAt: '2026-10-30T12:00:00.000Z' });
    expect(isPipelineEntry(await db.get('pipeline', key))).toBe(true);
    // the deal moved from Dana's bucket to Sam's
    expect((await db.get('repPipelines', 'salesforce:Dana Reyes'))?.rows).toEqual([]);
  });

  it('a next step cleared in the CRM (its field shown blank) is no step in the summary, and is back when the CRM shows it again', async () => {
    const key = 'salesforce:acme/006C';
    const step = { text: 'Send pricing 11/02/2026' };
    await recordSnapshot(db, snap('006C', 'Dana Reyes', { stage: 'Prospecting', nextStep: step }), '2026-10-28T12:00:00.000Z');
    expect((await db.get('pipeline', key))?.step?.text).toBe('Send pricing 11/02/2026');
    const blank = await recordSnapshot(db, snap('006C', 'Dana Reyes', { stage: 'Prospecting', nextStep: { text: '' } }), '2026-10-29T12:00:00.000Z');
    expect(blank.stepChanged).toBe(true);
    expect(await getNextStep(db, key)).toMatchObject({ text: 'Send pricing 11/02/2026', crmClearedAt: '2026-10-29T12:00:00.000Z' });
    await expectInStep(key);
    expect((await db.get('pipeline', key))?.step).toBeUndefined();
    // the scorecard counts it as no next step, and lists the deal without the cleared text, from the
    // summaries and from the full records alike
    const now = new Date('2026-10-30T16:00:00.000Z');
    const { input } = await readScorecardWeek(db, { weekStart: '2026-10-26', now });
    const viaPipeline = buildScorecard({ ...input, weekStart: '2026-10-26', now, timeZone: NY });
    const deal = dealRecordSchema.parse(await db.get('deals', key));
    const viaRecords = buildScorecard({ ...input, deals: [{ deal, nextStep: (await getNextStep(db, key))! }], weekStart: '2026-10-26', now, timeZone: NY });
    for (const card of [viaPipeline, viaRecords]) {
      const dana = card.rows.find((r) => r.rep.id === 'salesforce:Dana Reyes')!;
      expect(dana.nextStep).toMatchObject({ deals: 1, none: 1, covered: 0 });
      expect(dana.problemDeals).toEqual([{ key, name: 'Deal 006C', url: deal.snapshot.url, status: 'No next step' }]);
    }

    await recordSnapshot(db, snap('006C', 'Dana Reyes', { stage: 'Prospecting', nextStep: step }), '2026-10-30T12:00:00.000Z');
    expect(await getNextStep(db, key)).toMatchObject({ text: 'Send pricing 11/02/2026', textChangedAt: '2026-10-28T12:00:00.000Z' });
    expect(await getNextStep(db, key)).not.toHaveProperty('crmClearedAt');
    await expectInStep(key);
    expect((await db.get('pipeline', key))?.step?.text).toBe('Send pricing 11/02/2026');
  });

  it('a next step for a deal not seen yet has no summary until the deal is seen', async () => {
    const key = 'salesforce:acme/006B';
    await changeNextStep(db, key, () => setSidebarNextStep(null, 'Call back', '2026-11-03', key, '2026-10-28T12:00:00.000Z'));
    expect(await db.get('pipeline', key)).toBeUndefined();
    await recordSnapshot(db, snap('006B', 'Dana Reyes'), '2026-10-28T13:00:00.000Z');
    await expectInStep(key);
    expect((await db.get('pipeline', key))?.step?.text).toBe('Call back');
  });

  it('a rep’s bucket drops deals not seen in the 30 days before a write, and its guard refuses malformed rows', () => {
    const entry = (dealKey: string, lastSeenAt: string) => ({ dealKey, repId: 'salesforce:Dana Reyes', lastSeenAt, url: 'https://x.test/' + dealKey });
    const [bucket] = repPipelinesOf([entry('a', '2026-10-01T00:00:00.000Z'), entry('b', '2026-10-20T00:00:00.000Z')], '2026-09-30T00:00:00.000Z');
    expect(bucket!.rows.map((r) => r[0])).toEqual(['a', 'b']);
    const later = withPipelineEntry(bucket, 'salesforce:Dana Reyes', 'c', entry('c', '2026-11-05T00:00:00.000Z'), '2026-10-06T00:00:00.000Z');
    expect(later.rows.map((r) => r[0])).toEqual(['b', 'c']);
    expect(withPipelineEntry(later, 'salesforce:Dana Reyes', 'b', null, '2026-10-06T00:00:00.000Z').rows.map((r) => r[0])).toEqual(['c']);
    expect(isRepPipeline(later)).toBe(true);
    expect(isRepPipeline({ ...later, rows: [['c', 'yesterday', '', '', 'u', '', '', '', '']] })).toBe(false);
    expect(isRepPipeline({ ...later, rows: [['c', '2026-11-05T00:00:00.000Z', '', '', 'u', '', '', '']] })).toBe(false);
    expect(isRepPipeline({ repId: 'x', rows: [] })).toBe(false);
  });

  it('the cheap guard refuses malformed summaries', () => {
    expect(isPipelineEntry(null)).toBe(false);
    expect(isPipelineEntry({ dealKey: 'salesforce:x', lastSeenAt: 'yesterday', url: 'u' })).toBe(false);
    expect(isPipelineEntry({ dealKey: 'salesforce:x', lastSeenAt: '2026-10-28T12:00:00.000Z', url: 'u', step: { text: 1 } })).toBe(false);
    expect(isPipelineEntry({ dealKey: 'salesforce:x', lastSeenAt: '2026-10-28T12:00:00.000Z', url: 'u' })).toBe(true);
  });
});

describe('reading the week from the pipeline gives the card the full records give', () => {
  it('same next-step health and problem deals as deals + next steps', async () => {
    const now = new Date('2026-10-30T16:00:00.000Z');
    const reps = ['Dana Reyes', 'Sam Ortiz'];
    for (const [i, rep] of reps.entries()) {
      await db.put('reps', { id: `salesforce:${rep}`, crm: 'salesforce', name: rep, firstSeenAt: '2026-09-01T12:00:00.000Z' });
      for (let j = 0; j < 8; j++) {
        const id = `006${i}${j}`;
        const key = `salesforce:acme/${id}`;
        const seen = j === 7 ? '2026-09-01T12:00:00.000Z' : `2026-10-${String(20 + j).padStart(2, '0')}T12:00:00.000Z`; // one not seen lately
        await recordSnapshot(db, snap(id, rep, { stage: j === 6 ? 'Closed Lost' : 'Proposal' }), seen);
        const due = ['2026-11-05', '2026-10-30', '2026-10-20', undefined, '2026-11-20', '2026-11-01', '2026-11-02', '2026-11-09'][j];
        if (j === 0) continue; // no next step
        const changed = j === 4 ? '2026-10-01T12:00:00.000Z' : '2026-10-27T12:00:00.000Z'; // stale when dated ahead
        let step = setSidebarNextStep(null, `Step ${id}`, due, key, changed);
        if (j === 5) step = markNextStepDone(step, '2026-10-28T12:00:00.000Z');
        await changeNextStep(db, key, () => step);
      }
    }
    await db.put('settings', { user: { name: 'M', role: 'manager' }, weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');

    const { input, read } = await readScorecardWeek(db, { weekStart: '2026-10-26', now });
    expect(read).toMatchObject({ repPipelines: 2 }); // one bucket per rep, not a record per deal
    const viaPipeline = buildScorecard({ ...input, weekStart: '2026-10-26', now, timeZone: NY });

    // the pre-v5 way: every deal seen lately, validated, with its next step
    const deals = (await db.getAll('deals')).map((d) => dealRecordSchema.parse(d));
    const steps = new Map((await db.getAll('nextSteps')).map((s) => [s.dealKey, nextStepSchema.parse(s)] as const));
    const seenSince = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const full = deals
      .filter((d) => d.lastSeenAt >= seenSince && d.repId && isOpenStage(d.snapshot.stage))
      .map((deal) => ({ deal, nextStep: steps.get(deal.key) ?? null }));
    const viaRecords = buildScorecard({ ...input, deals: full, weekStart: '2026-10-26', now, timeZone: NY });

    expect(viaPipeline).toEqual(viaRecords);
    const dana = viaPipeline.rows.find((r) => r.rep.id === 'salesforce:Dana Reyes')!;
    expect(dana.nextStep).toEqual({ deals: 6, covered: 2, coverage: 2 / 6, none: 1, noDate: 1, overdue: 1, dueToday: 1, stale: 1, done: 1 });
    // the 1:1 view gets the same problem deals for its rep (the table's message leaves them out)
    const detail = await readRepDetail(db, 'salesforce:Dana Reyes', { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    expect(detail.problemDeals).toEqual(viaRecords.rows.find((r) => r.rep.id === 'salesforce:Dana Reyes')!.problemDeals);
    expect(detail.problemDeals).toHaveLength(6); // all but a Scheduled one: the stale step counts as covered yet is listed
  });
});
