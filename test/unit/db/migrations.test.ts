import { openDB } from 'idb';
import { MIGRATIONS, DB_VERSION } from '../../../lib/db/migrations';
import { openDealsideDB } from '../../../lib/db/open';
import { genericCallAddress } from '../../../lib/calls/address';
import { commitmentsForDeal, notesForDeal, scoresForDeal } from '../../../lib/db/coaching';
import { getDeal } from '../../../lib/db/deals';
import { getReviewByCall } from '../../../lib/db/call-reviews';
import { aggregateScores } from '../../../lib/scorecard/aggregate';
import { pipelineEntryOf } from '../../../lib/scorecard/pipeline';
import type { Commitment, DealRecord } from '../../../lib/model';
import { repOpenDuesOf } from '../../../lib/scorecard/rep-open-dues';
import { dayCountsAt, mondayOf, repWeeksOfRecords } from '../../../lib/scorecard/rep-weeks';
import { repPipelinesOf } from '../../../lib/scorecard/rep-pipeline';
import { dealsSeenSince } from '../../../lib/scorecard/week';
import { daysBetween, isoDateOfInstant, userTimeZone } from '../../../lib/dates';
import { derivedRecordsOf } from '../../../lib/scorecard/derived';
import { commitmentSchema, dealRecordSchema, nextStepSchema, noteSchema, scoreSchema } from '../../../lib/model';

/**
 * Each earlier release's database, written with only the migrations that
 * release had, must open under the current code with its data intact and the
 * later stores and indexes present.
 */
const deal = {
  key: 'salesforce:0065g00000AcmeQAAS',
  snapshot: {
    crm: 'salesforce',
    recordId: '0065g00000AcmeQAAS',
    host: 'acme.lightning.force.com',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    name: 'Acme Corp — Platform Renewal',
    owner: 'Dana Reyes',
    readAt: '2026-11-20T10:00:00.000Z',
  },
  repId: 'salesforce:Dana Reyes',
  firstSeenAt: '2026-11-20T10:00:00.000Z',
  lastSeenAt: '2026-11-20T10:00:00.000Z',
};
const manager = { name: 'Morgan Lead', role: 'manager' as const };
// v1 records did not carry repId: v2 backfills it from the deal.
const commitment = {
  id: 'c1',
  dealKey: deal.key,
  text: 'a signed mutual action plan with Acme',
  due: '2026-11-26',
  statedBy: { name: 'Dana Reyes', role: 'rep' as const },
  statedAt: '2026-11-20T10:00:00.000Z',
  status: 'open' as const,
};
const score = {
  id: 's1',
  dealKey: deal.key,
  dimension: 'discovery' as const,
  value: 3,
  by: manager,
  at: '2026-11-20T10:01:00.000Z',
  rubricVersion: '2026.1',
  source: { kind: 'sidebar' as const },
};
const note = {
  id: 'n1',
  dealKey: deal.key,
  body: { kind: 'free' as const, text: 'Ask about the paper process.' },
  diagnosis: 'knowledge' as const,
  by: manager,
  at: '2026-11-20T10:02:00.000Z',
};

const nextStep = {
  dealKey: deal.key,
  text: 'Send the mutual action plan',
  due: '2026-11-27',
  source: 'crm' as const,
  textChangedAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};
// a deal Dealside never validated (no snapshot): the v5 backfill skips it, as the scorecard did
const badDeal = { key: 'salesforce:0065g00000BrokenQA', lastSeenAt: '2026-11-20T10:00:00.000Z' };
// v7: Salesforce keys name the org, from the host the deal was read on
const ORG_KEY = 'salesforce:acme/0065g00000AcmeQAAS';
// a note draft on the deal, and one on the deal that failed validation (its key stays)
const draft = { key: `note:${deal.key}`, value: { text: 'half a thought' }, updatedAt: '2026-11-20T10:03:00.000Z' };
const badDealDraft = { key: `note:${badDeal.key}`, value: { text: 'kept as written' }, updatedAt: '2026-11-20T10:03:00.000Z' };
// from v3 on, a call review linked to the deal
const review = {
  id: 'r1',
  callKey: 'gong:123',
  provider: 'gong',
  callId: '123',
  title: 'Acme discovery',
  url: 'https://app.gong.io/call?id=123',
  dealKey: deal.key,
  status: 'draft',
  by: manager,
  rubricVersion: '2026.1',
  startedAt: '2026-11-20T10:04:00.000Z',
  updatedAt: '2026-11-20T10:04:00.000Z',
  history: [],
  scores: {},
  pins: [],
  diagnosis: undefined,
};

async function writeAtVersion(name: string, version: number) {
  const db = await openDB(name, version, {
    async upgrade(db, oldVersion, _new, tx) {
      for (let v = oldVersion; v < version; v++) await MIGRATIONS[v]!(db as never, tx as never);
    },
  });
  // from v7 on, Dealside wrote Salesforce deals under the key with the org
  const key = version >= 7 ? ORG_KEY : deal.key;
  const d = { ...deal, key };
  const onDeal = <T extends object>(r: T) => ({ ...r, dealKey: key });
  const tx = db.transaction(['deals', 'commitments', 'scores', 'notes', 'settings', 'nextSteps', 'drafts'], 'readwrite');
  await tx.objectStore('drafts').put({ ...draft, key: `note:${key}` });
  await tx.objectStore('drafts').put(badDealDraft);
  await tx.objectStore('deals').put(d);
  await tx.objectStore('deals').put(badDeal as never);
  await tx.objectStore('nextSteps').put(onDeal(nextStep));
  // from v2 on, Dealside itself wrote the rep on each record
  const rep = version >= 2 ? { repId: deal.repId } : {};
  await tx.objectStore('commitments').put(onDeal({ ...commitment, ...rep }));
  await tx.objectStore('scores').put(onDeal({ ...score, ...rep }));
  await tx.objectStore('notes').put(onDeal({ ...note, ...rep }));
  await tx.objectStore('settings').put({ user: manager, weekStartsOn: 1 }, 'settings');
  await tx.done;
  // from v4 on, Dealside kept the scoreDays aggregate with every score write
  if (version >= 4 && version < 6) {
    const [day] = aggregateScores([{ ...score, ...rep }], userTimeZone()).values();
    await db.put('scoreDays' as never, day as never);
  }
  // from v6 on (scoreDays gone), the rep's weeks and pipeline rows with every write
  if (version >= 6) {
    const records = { commitments: [onDeal({ ...commitment, ...rep })], scores: [onDeal({ ...score, ...rep })], notes: [onDeal({ ...note, ...rep })] };
    for (const week of repWeeksOfRecords(records, userTimeZone())) await db.put('repWeeks', week);
    for (const bucket of repPipelinesOf([pipelineEntryOf(d as DealRecord, onDeal(nextStep))], dealsSeenSince(Date.now()))) await db.put('repPipelines', bucket);
  }
  // from v13 on, the rep's open promises by due day with every commitment write
  if (version >= 13) for (const record of repOpenDuesOf([onDeal({ ...commitment, ...rep })] as Commitment[])) await db.put('repOpenDues', record);
  // from v5 on, the pipeline summary with every deal and next-step write
  if (version >= 5) await db.put('pipeline', pipelineEntryOf(d as DealRecord, onDeal(nextStep)));
  if (version >= 3) await db.put('callReviews', onDeal(review) as never);
  db.close();
}

describe('migrations', () => {
  // v6 keeps deals seen in the 30 days before the upgrade: run it on a fixed day
  beforeAll(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-25T12:00:00.000Z') }));
  afterAll(() => vi.useRealTimers());

  it('are numbered from 1 with no gaps', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBeGreaterThanOrEqual(5);
  });

  for (let from = 1; from < DB_VERSION; from++) {
    it(`upgrade a database written at v${from} to v${DB_VERSION} without losing data`, async () => {
      const name = `migrate-from-${from}`;
      await writeAtVersion(name, from);
      const db = await openDealsideDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(
        ['callReviews', 'commitments', 'deals', 'drafts', 'nextSteps', 'notes', 'pipeline', 'repOpenDues', 'repPipelines', 'repWeeks', 'reps', 'scores', 'settings'].sort(),
      );
      expect((await getDeal(db, ORG_KEY))?.snapshot.name).toBe('Acme Corp — Platform Renewal');
      // v7: the deal and every record naming it moved to the key with the org; nothing is left under the old one
      expect(await db.get('deals', deal.key)).toBeUndefined();
      expect(await db.getAllFromIndex('commitments', 'byDeal', deal.key)).toEqual([]);
      expect(await db.get('nextSteps', deal.key)).toBeUndefined();
      expect(await db.get('nextSteps', ORG_KEY)).toEqual({ ...nextStep, dealKey: ORG_KEY });
      expect(await db.get('drafts', draft.key)).toBeUndefined();
      expect(await db.get('drafts', `note:${ORG_KEY}`)).toEqual({ ...draft, key: `note:${ORG_KEY}` });
      // the deal that never validated has no host to take the org from: it and its draft keep their keys
      expect(await db.get('deals', badDeal.key)).toEqual(badDeal);
      expect(await db.get('drafts', badDealDraft.key)).toEqual(badDealDraft);
      if (from >= 3) expect((await db.getAllFromIndex('callReviews', 'byDeal', ORG_KEY)).map((r) => r.id)).toEqual(['r1']);
      expect(await db.count('pipeline')).toBe(1);
      const [c] = await commitmentsForDeal(db, ORG_KEY);
      expect(c?.text).toBe(commitment.text);
      // v2's backfill: the rep is known even on records v1 wrote without it
      expect(c?.repId).toBe('salesforce:Dana Reyes');
      expect((await scoresForDeal(db, ORG_KEY)).map((s) => s.repId)).toEqual(['salesforce:Dana Reyes']);
      expect((await notesForDeal(db, ORG_KEY))[0]?.repId).toBe('salesforce:Dana Reyes');
      // the per-rep indexes answer key-range queries
      const week = await db.getAllFromIndex(
        'commitments',
        'byRepDue',
        IDBKeyRange.bound(['salesforce:Dana Reyes', '2026-11-23'], ['salesforce:Dana Reyes', '2026-11-29']),
      );
      expect(week.map((x) => x.id)).toEqual(['c1']);
      expect(db.transaction('callReviews').store.indexNames.contains('byDeal')).toBe(true);
      // v4: date indexes for the weekly scorecard
      expect(db.transaction('callReviews').store.indexNames.contains('byCompletedAt')).toBe(true);
      expect((await db.getAllFromIndex('commitments', 'byDue', IDBKeyRange.bound('2026-11-23', '2026-11-29'))).map((x) => x.id)).toEqual(['c1']);
      expect((await db.getAllFromIndex('notes', 'byAt', IDBKeyRange.lowerBound('2026-11-20'))).map((x) => x.id)).toEqual(['n1']);
      // v6: repWeeks backfilled from the stored commitment, score and note (v4's scoreDays dropped)
      const dana = 'salesforce:Dana Reyes';
      const commitmentWeek = await db.get('repWeeks', ['2026-11-23', dana]);
      expect(dayCountsAt(commitmentWeek!, 3).due).toEqual({ open: 1, kept: 0, missed: 0, renegotiated: 0, dropped: 0 }); // Thu Nov 26
      const scoredOn = isoDateOfInstant(score.at, userTimeZone()); // Nov 20 in any zone from UTC−10 to UTC+13
      const scoreWeek = await db.get('repWeeks', [mondayOf(scoredOn), dana]);
      expect(dayCountsAt(scoreWeek!, daysBetween(mondayOf(scoredOn), scoredOn)).scores.discovery).toEqual({ sum: 3, count: 1 });
      expect([0, 1, 2, 3, 4, 5, 6].reduce((n, i) => n + dayCountsAt(scoreWeek!, i).diagnoses.knowledge, 0)).toBe(1);
      expect(await db.count('repWeeks')).toBe(2);
      // v13: the rep's open promise counted on its due day, whichever version wrote it
      expect(await db.get('repOpenDues', dana)).toEqual({ repId: dana, days: ['2026-11-26'], counts: [1] });
      // v6: the rep's pipeline bucket, from the summary (the deal was seen within 30 days of the upgrade)
      expect((await db.get('repPipelines', dana))?.rows.map((r) => r[0])).toEqual([ORG_KEY]);
      // v5: the pipeline summary, backfilled from the valid deals and their next steps, by last seen
      const pipeline = await db.getAllFromIndex('pipeline', 'byLastSeen', IDBKeyRange.lowerBound('2026-11-01'));
      expect(pipeline).toEqual([
        {
          dealKey: ORG_KEY,
          repId: 'salesforce:Dana Reyes',
          lastSeenAt: deal.lastSeenAt,
          name: deal.snapshot.name,
          url: deal.snapshot.url,
          step: { text: nextStep.text, due: nextStep.due, textChangedAt: nextStep.textChangedAt },
        },
      ]);
      db.close();
    });
  }

  it('v7 keeps the more recent of two records that meet at one key (a later backup restored into v6)', async () => {
    const name = 'migrate-meeting-keys';
    await writeAtVersion(name, 6);
    const raw = await openDB(name, 6);
    // what a restore of a later Dealside's backup into v6 would have added beside v6's own records
    const restoredDeal = { ...deal, key: ORG_KEY, lastSeenAt: '2026-11-21T10:00:00.000Z', snapshot: { ...deal.snapshot, name: 'Acme (restored, newer)' } };
    await raw.put('deals', restoredDeal);
    const olderStep = { ...nextStep, dealKey: ORG_KEY, text: 'older step', updatedAt: '2026-11-19T10:00:00.000Z' };
    await raw.put('nextSteps', olderStep);
    raw.close();
    const db = await openDealsideDB(name);
    expect((await getDeal(db, ORG_KEY))?.snapshot.name).toBe('Acme (restored, newer)');
    expect((await db.get('nextSteps', ORG_KEY))?.text).toBe(nextStep.text); // v6's own, updated later
    expect(await db.get('deals', deal.key)).toBeUndefined();
    expect(await db.get('nextSteps', deal.key)).toBeUndefined();
    db.close();
  });

  it('v8 moves a Dynamics 365 deal and every record naming it to the key with its environment', async () => {
    const name = 'migrate-dynamics';
    await writeAtVersion(name, 7);
    const GUID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
    const OLD = `dynamics:${GUID}`;
    const NEW = `dynamics:contoso-uat/${GUID}`;
    const host = 'contoso-uat.crm4.dynamics.com';
    const dyn = {
      ...deal,
      key: OLD,
      repId: 'dynamics:Dana Reyes',
      snapshot: { ...deal.snapshot, crm: 'dynamics', recordId: GUID, host, url: `https://${host}/main.aspx?pagetype=entityrecord&etn=opportunity&id=${GUID}`, name: 'Contoso — 500 seats' },
    };
    const raw = await openDB(name, 7);
    await raw.put('deals', dyn);
    await raw.put('nextSteps', { ...nextStep, dealKey: OLD });
    await raw.put('commitments', { ...commitment, id: 'dc1', dealKey: OLD, repId: dyn.repId });
    await raw.put('scores', { ...score, id: 'ds1', dealKey: OLD, repId: dyn.repId });
    await raw.put('notes', { ...note, id: 'dn1', dealKey: OLD, repId: dyn.repId });
    await raw.put('drafts', { ...draft, key: `note:${OLD}` });
    await raw.put('pipeline', pipelineEntryOf(dyn as DealRecord, { ...nextStep, dealKey: OLD } as never));
    await raw.put('repPipelines', { repId: dyn.repId, rows: [[OLD, 'x']] } as never);
    raw.close();

    const db = await openDealsideDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect((await getDeal(db, NEW))?.snapshot.name).toBe('Contoso — 500 seats');
    expect(await db.get('deals', OLD)).toBeUndefined();
    expect((await db.get('nextSteps', NEW))?.dealKey).toBe(NEW);
    expect((await commitmentsForDeal(db, NEW)).map((c) => c.id)).toEqual(['dc1']);
    expect((await scoresForDeal(db, NEW)).map((x) => x.id)).toEqual(['ds1']);
    expect((await notesForDeal(db, NEW)).map((x) => x.id)).toEqual(['dn1']);
    expect(await db.get('drafts', `note:${NEW}`)).toMatchObject({ key: `note:${NEW}` });
    expect(await db.get('drafts', `note:${OLD}`)).toBeUndefined();
    expect((await db.get('pipeline', NEW))?.dealKey).toBe(NEW);
    expect((await db.get('repPipelines', dyn.repId))?.rows[0]?.[0]).toBe(NEW);
    // the Salesforce deal keyed by v7 is untouched
    expect((await getDeal(db, ORG_KEY))?.snapshot.name).toBe('Acme Corp — Platform Renewal');
    db.close();
  });

  it('v9 keys a review of a long page address by its start and a digest, from the address it stores', async () => {
    const name = 'migrate-long-media';
    await writeAtVersion(name, 8);
    const long = `https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=${'%2FRecordings'.repeat(30)}-20260301-Meeting%20Recording.mp4`;
    const cut = `${long.slice(0, 290)}`; // as Dealside before v9 keyed it
    const raw = await openDB(name, 8);
    await raw.put('callReviews', { ...review, id: 'r-long', provider: 'media', callId: cut, callKey: `media:${cut}`, url: long } as never);
    await raw.put('callReviews', { ...review, id: 'r-short', provider: 'media', callId: 'https://example.com/v', callKey: 'media:https://example.com/v', url: 'https://example.com/v' } as never);
    raw.close();
    const db = await openDealsideDB(name);
    const moved = await db.get('callReviews', 'r-long');
    expect(moved?.callKey).toBe(genericCallAddress(long)!.callKey);
    expect(moved?.callKey).not.toBe(`media:${cut}`);
    expect((await db.getAllFromIndex('callReviews', 'byCall', genericCallAddress(long)!.callKey)).map((r) => r.id)).toEqual(['r-long']);
    expect((await db.get('callReviews', 'r-short'))?.callKey).toBe('media:https://example.com/v');
    expect((await db.get('callReviews', 'r1'))?.callKey).toBe(review.callKey); // a Gong review: untouched
    db.close();
  });

  it("v10 gives back from the rep's weeks a call review's scores superseded by its later completion", async () => {
    const name = 'migrate-superseded-review-scores';
    await writeAtVersion(name, 9);
    const dana = 'salesforce:Dana Reyes';
    const fromCall = (id: string, value: number, at: string, dealKey: string) => ({
      ...score,
      id,
      value,
      at,
      dealKey,
      repId: dana,
      source: { kind: 'call' as const, reviewId: 'r1' },
    });
    // completed on one deal, then again on another after it moved, then with the score changed (the day of `score`, in any zone the test above allows)
    const given = [
      fromCall('c1', 2, '2026-11-20T10:05:00.000Z', ORG_KEY),
      fromCall('c2', 2, '2026-11-20T10:06:00.000Z', 'hubspot:42'),
      fromCall('c3', 4, '2026-11-20T10:07:00.000Z', 'hubspot:42'),
    ];
    const raw = await openDB(name, 9);
    for (const s of given) await raw.put('scores', s as never);
    // as Dealside before v10 kept the weeks: every score counted
    const records = { commitments: [], notes: [], scores: [{ ...score, dealKey: ORG_KEY, repId: dana }, ...given] };
    await raw.clear('repWeeks');
    for (const week of repWeeksOfRecords(records, userTimeZone())) await raw.put('repWeeks', week as never);
    raw.close();
    const db = await openDealsideDB(name);
    const scoredOn = isoDateOfInstant(score.at, userTimeZone());
    const week = await db.get('repWeeks', [mondayOf(scoredOn), dana]);
    // the sidebar's score (3) and the review's last (4); its two earlier ones given back
    expect(dayCountsAt(week!, daysBetween(mondayOf(scoredOn), scoredOn)).scores.discovery).toEqual({ sum: 7, count: 2 });
    expect(await db.count('scores')).toBe(4); // every record kept
    expect((await db.getAllFromIndex('scores', 'byReview', 'r1')).map((s) => s.id).sort()).toEqual(['c1', 'c2', 'c3']);
    db.close();
  });

  it('v11 moves a Pipedrive deal read on an added site, and every record naming it, to the key with its host', async () => {
    const name = 'migrate-added-pipedrive';
    await writeAtVersion(name, 10);
    const raw = await openDB(name, 10);
    const pd = (host: string) => ({ ...deal, key: 'pipedrive:sales-42', repId: 'pipedrive:Sam Ortiz', snapshot: { ...deal.snapshot, crm: 'pipedrive', recordId: 'sales-42', host, url: `https://${host}/deal/42`, owner: 'Sam Ortiz' } });
    await raw.put('deals', pd('sales.example.com') as never);
    await raw.put('deals', { ...pd('acme.pipedrive.com'), key: 'pipedrive:acme-7', snapshot: { ...pd('acme.pipedrive.com').snapshot, recordId: 'acme-7' } } as never);
    await raw.put('notes', { ...note, id: 'n-pd', dealKey: 'pipedrive:sales-42' } as never);
    await raw.put('notes', { ...note, id: 'n-pd2', dealKey: 'pipedrive:acme-7' } as never);
    raw.close();
    const db = await openDealsideDB(name);
    expect(await db.get('deals', 'pipedrive:sales-42')).toBeUndefined();
    expect((await db.get('deals', 'pipedrive:sales.example.com/sales-42'))?.snapshot.host).toBe('sales.example.com');
    expect((await db.get('notes', 'n-pd'))?.dealKey).toBe('pipedrive:sales.example.com/sales-42');
    // on pipedrive.com itself: as it was
    expect((await db.get('deals', 'pipedrive:acme-7'))?.snapshot.host).toBe('acme.pipedrive.com');
    expect((await db.get('notes', 'n-pd2'))?.dealKey).toBe('pipedrive:acme-7');
    db.close();
  });

  it('v12 keys a review of a page by its address without tracking parameters, from the address it stores', async () => {
    const name = 'migrate-tracking-media';
    await writeAtVersion(name, 11);
    const file = 'https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=%2FRecordings%2FAcme.mp4';
    const fromTeams = `${file}&referrer=Teams.TEAMS-ELECTRON&referrerScenario=MeetingChicletGetLink.view`;
    const fromStream = `${file}&ga=1`;
    const raw = await openDB(name, 11);
    await raw.put('callReviews', { ...review, overallNote: '', timeSpentMs: 0, id: 'r-teams', provider: 'media', callId: fromTeams, callKey: `media:${fromTeams}`, url: fromTeams, updatedAt: '2026-11-20T10:04:00.000Z' } as never);
    await raw.put('callReviews', { ...review, overallNote: '', timeSpentMs: 0, id: 'r-stream', provider: 'media', callId: fromStream, callKey: `media:${fromStream}`, url: fromStream, updatedAt: '2026-11-20T10:09:00.000Z' } as never);
    await raw.put('callReviews', { ...review, id: 'r-plain', provider: 'media', callId: 'https://example.com/v?x=1', callKey: 'media:https://example.com/v?x=1', url: 'https://example.com/v?x=1' } as never);
    raw.close();
    const db = await openDealsideDB(name);
    // both reviews of the one recording are kept, under its one key; the call opens the later edited
    expect((await db.getAllFromIndex('callReviews', 'byCall', `media:${file}`)).map((r) => r.id).sort()).toEqual(['r-stream', 'r-teams']);
    expect((await getReviewByCall(db, `media:${file}`))?.id).toBe('r-stream');
    expect(await db.getAllFromIndex('callReviews', 'byCall', `media:${fromTeams}`)).toEqual([]);
    expect((await db.get('callReviews', 'r-teams'))?.url).toBe(fromTeams);
    expect((await db.get('callReviews', 'r-plain'))?.callKey).toBe('media:https://example.com/v?x=1');
    expect((await db.get('callReviews', 'r1'))?.callKey).toBe(review.callKey); // a Gong review: untouched
    db.close();
  });

  it("v13 counts each rep's promises still open by due day, and finds them by rep and status, the ones stored before it too", async () => {
    const name = 'migrate-open-by-status';
    await writeAtVersion(name, 12); // Dana's open promise, due 2026-11-26
    const db = await openDealsideDB(name);
    const open = await db.getAllFromIndex('commitments', 'byRepStatusDue', IDBKeyRange.bound(['salesforce:Dana Reyes', 'open', ''], ['salesforce:Dana Reyes', 'open', '9999']));
    expect(open.map((c) => c.id)).toEqual(['c1']);
    expect(await db.get('repOpenDues', 'salesforce:Dana Reyes')).toEqual({ repId: 'salesforce:Dana Reyes', days: ['2026-11-26'], counts: [1] });
    expect(await db.count('repOpenDues')).toBe(1);
    db.close();
  });

  describe('v14: reps whose names differ only in case or spacing are one rep', () => {
    const DANA = 'salesforce:Dana Reyes';
    const VARIANT = 'salesforce:dana  reyes';
    const BETA = 'salesforce:acme/0065g00000BetaQAAA';
    const danaRep = { id: DANA, crm: 'salesforce', name: 'Dana Reyes', firstSeenAt: deal.firstSeenAt };
    // seen a day after Dana: the scorecard showed it as a second row
    const variantRep = { id: VARIANT, crm: 'salesforce', name: 'dana  reyes', firstSeenAt: '2026-11-21T09:00:00.000Z' };
    // the same name in another CRM is another person: kept apart
    const hubspotRep = { id: 'hubspot:dana reyes', crm: 'hubspot', name: 'dana reyes', firstSeenAt: '2026-11-19T09:00:00.000Z' };
    const STORES = ['callReviews', 'commitments', 'deals', 'drafts', 'nextSteps', 'notes', 'pipeline', 'repOpenDues', 'repPipelines', 'repWeeks', 'reps', 'scores', 'settings'] as const;
    const dumpOf = async (db: { getAll(store: string): Promise<unknown[]> }) =>
      Object.fromEntries(await Promise.all(STORES.map(async (store) => [store, await db.getAll(store)] as const)));
    /** the derived stores as Dealside kept them on write, for every valid record now stored (the variant's rows under its own id) */
    async function deriveAsKept(raw: Awaited<ReturnType<typeof openDB>>) {
      const valid = async <T,>(schema: { safeParse(v: unknown): { data?: T } }, store: string) => (await raw.getAll(store)).flatMap((r) => schema.safeParse(r).data ?? []);
      const derived = derivedRecordsOf(
        {
          deals: await valid(dealRecordSchema, 'deals'),
          nextSteps: await valid(nextStepSchema, 'nextSteps'),
          commitments: await valid(commitmentSchema, 'commitments'),
          scores: await valid(scoreSchema, 'scores'),
          notes: await valid(noteSchema, 'notes'),
        },
        { now: new Date(), timeZone: userTimeZone() },
      );
      for (const store of ['pipeline', 'repPipelines', 'repWeeks', 'repOpenDues'] as const) {
        await raw.clear(store);
        for (const record of derived[store]) await raw.put(store, record);
      }
    }

    it('moves every record of the later rep to the first seen, deletes it, and the scorecard counts both as one', async () => {
      const name = 'migrate-rep-variants';
      await writeAtVersion(name, 13); // Dana's deal, open promise c1 (due Thu Nov 26), score s1, note n1 (knowledge), review r1
      const beta = {
        ...deal,
        key: BETA,
        repId: VARIANT,
        snapshot: { ...deal.snapshot, recordId: '0065g00000BetaQAAA', url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000BetaQAAA/view', name: 'Beta', owner: 'dana  reyes' },
        firstSeenAt: variantRep.firstSeenAt,
        lastSeenAt: variantRep.firstSeenAt,
      };
      const onBeta = { dealKey: BETA, repId: VARIANT };
      const c2 = { ...commitment, ...onBeta, id: 'c2', text: 'the security questionnaire back' }; // open, due Thu Nov 26 too
      const s2 = { ...score, ...onBeta, id: 's2', value: 5, at: '2026-11-20T10:05:00.000Z' }; // the day of s1
      const n2 = { ...note, ...onBeta, id: 'n2', diagnosis: 'skill' as const, at: '2026-11-20T10:06:00.000Z' };
      const linked = { repId: VARIANT, repName: 'dana  reyes', dealKey: BETA };
      const r2 = {
        ...review,
        ...onBeta,
        id: 'r2',
        callKey: 'gong:456',
        callId: '456',
        url: 'https://app.gong.io/call?id=456',
        repName: 'dana  reyes',
        status: 'completed',
        scores: { discovery: 5 },
        overallNote: '',
        timeSpentMs: 0,
        updatedAt: '2026-11-21T10:00:00.000Z',
        completedAt: '2026-11-21T10:00:00.000Z',
        history: [{ scores: { discovery: 4 }, overallNote: '', pins: [], timeSpentMs: 0, completedAt: '2026-11-20T10:07:00.000Z', supersededAt: '2026-11-21T09:30:00.000Z', linked }],
      };
      const raw = await openDB(name, 13);
      for (const rep of [danaRep, variantRep, hubspotRep]) await raw.put('reps', rep);
      await raw.put('deals', beta);
      await raw.put('commitments', c2);
      await raw.put('scores', s2);
      await raw.put('notes', n2);
      await raw.put('callReviews', r2);
      await deriveAsKept(raw);
      // as it stood: the variant had its own row on the card
      expect(await raw.get('repOpenDues', VARIANT)).toEqual({ repId: VARIANT, days: ['2026-11-26'], counts: [1] });
      const before = await dumpOf(raw);
      raw.close();

      const db = await openDealsideDB(name);
      // one rep left of the two (the other CRM's is another person)
      expect(await db.getAll('reps')).toEqual([hubspotRep, danaRep]);
      // every record of the variant is Dana's; nothing else about any record changed
      const kept = <T extends { repId?: unknown }>(r: T) => (r.repId === VARIANT ? { ...r, repId: DANA } : r);
      expect(await db.getAll('deals')).toEqual((before.deals as (typeof beta)[]).map(kept));
      expect(await db.get('deals', BETA)).toEqual({ ...beta, repId: DANA });
      expect(await db.getAll('commitments')).toEqual((before.commitments as (typeof c2)[]).map(kept));
      expect((await db.get('commitments', 'c2'))?.repId).toBe(DANA);
      expect(await db.getAll('scores')).toEqual((before.scores as (typeof s2)[]).map(kept));
      expect((await db.get('scores', 's2'))?.repId).toBe(DANA);
      expect(await db.getAll('notes')).toEqual((before.notes as (typeof n2)[]).map(kept));
      expect((await db.get('notes', 'n2'))?.repId).toBe(DANA);
      // the review and the version it completed on the variant's deal (its rep's name as it was shown)
      expect(await db.get('callReviews', 'r2')).toEqual({ ...r2, repId: DANA, history: [{ ...r2.history[0], linked: { ...linked, repId: DANA } }] });
      expect(await db.get('callReviews', 'r1')).toEqual(before.callReviews!.find((r) => (r as { id: string }).id === 'r1'));
      for (const store of ['nextSteps', 'drafts', 'settings'] as const) expect(await db.getAll(store)).toEqual(before[store]);
      expect(await db.getAllFromIndex('deals', 'byRep', VARIANT)).toEqual([]);
      expect((await db.getAllFromIndex('deals', 'byRep', DANA)).map((d) => d.key)).toEqual([ORG_KEY, BETA]);

      // the scorecard: one row, counting both reps' records; none left under the variant's id
      for (const store of ['pipeline', 'repPipelines', 'repWeeks', 'repOpenDues'] as const) {
        expect((await db.getAll(store)).map((r) => (r as { repId: string }).repId).filter((id) => id !== DANA)).toEqual([]);
      }
      const dueWeek = await db.get('repWeeks', ['2026-11-23', DANA]);
      expect(dayCountsAt(dueWeek!, 3).due).toEqual({ open: 2, kept: 0, missed: 0, renegotiated: 0, dropped: 0 }); // c1 and c2, Thu Nov 26
      const scoredOn = isoDateOfInstant(score.at, userTimeZone());
      const scoreWeek = await db.get('repWeeks', [mondayOf(scoredOn), DANA]);
      expect(dayCountsAt(scoreWeek!, daysBetween(mondayOf(scoredOn), scoredOn)).scores.discovery).toEqual({ sum: 8, count: 2 });
      const diagnoses = [0, 1, 2, 3, 4, 5, 6].map((i) => dayCountsAt(scoreWeek!, i).diagnoses);
      expect([diagnoses.reduce((n, d) => n + d.knowledge, 0), diagnoses.reduce((n, d) => n + d.skill, 0)]).toEqual([1, 1]);
      expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-11-26'], counts: [2] });
      expect((await db.get('repPipelines', DANA))?.rows.map((r) => r[0]).sort()).toEqual([ORG_KEY, BETA]);
      expect((await db.get('pipeline', BETA))?.repId).toBe(DANA);
      db.close();
    });

    it("folds the merged rep's scorecard counts into the kept rep's and leaves every other rep's as they were written", async () => {
      const name = 'migrate-rep-variants-fold';
      await writeAtVersion(name, 13);
      const raw = await openDB(name, 13);
      for (const rep of [danaRep, variantRep]) await raw.put('reps', rep);
      // counts kept on write, in the zone of each write: a rebuild from the records (in the zone of the
      // upgrade, and with no record behind Lee's) would not give these back
      const LEE = 'salesforce:Lee Park';
      const week = (repId: string, slot: number, n: number) => {
        const counts = new Array<number>(7 * 15).fill(0);
        counts[slot] = n;
        return { week: '2026-11-16', repId, counts };
      };
      await raw.put('repWeeks', week(LEE, 5, 7)); // Lee: a discovery sum of 7 on Monday, no record behind it
      await raw.put('repWeeks', week(DANA, 0, 2)); // Dana: 2 open due Monday
      await raw.put('repWeeks', week(VARIANT, 0, 1)); // the variant: 1 more that Monday
      await raw.put('repOpenDues', { repId: LEE, days: ['2026-01-05'], counts: [4] });
      await raw.put('repOpenDues', { repId: DANA, days: ['2026-11-16'], counts: [2] });
      await raw.put('repOpenDues', { repId: VARIANT, days: ['2026-11-09', '2026-11-16'], counts: [1, 1] });
      const row = (deal: string, seen: string) => [deal, seen, 'Prospecting', deal, `https://x.example/${deal}`, '', '', '', ''];
      await raw.put('repPipelines', { repId: DANA, rows: [row('a', '2026-11-20T00:00:00.000Z'), row('b', '2026-11-19T00:00:00.000Z')] } as never);
      await raw.put('repPipelines', { repId: VARIANT, rows: [row('b', '2026-11-21T00:00:00.000Z'), row('c', '2026-11-18T00:00:00.000Z')] } as never);
      const leeBefore = [await raw.get('repWeeks', ['2026-11-16', LEE]), await raw.get('repOpenDues', LEE)];
      raw.close();

      const db = await openDealsideDB(name);
      expect([await db.get('repWeeks', ['2026-11-16', LEE]), await db.get('repOpenDues', LEE)]).toEqual(leeBefore);
      expect((await db.get('repWeeks', ['2026-11-16', DANA]))?.counts[0]).toBe(3);
      expect(await db.get('repWeeks', ['2026-11-16', VARIANT])).toBeUndefined();
      expect(await db.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-11-09', '2026-11-16'], counts: [1, 3] });
      expect(await db.get('repOpenDues', VARIANT)).toBeUndefined();
      // one row per deal, the one seen last where both had it
      const rows = (await db.get('repPipelines', DANA))!.rows.map((r) => [r[0], r[1]]).sort();
      expect(rows).toEqual([['a', '2026-11-20T00:00:00.000Z'], ['b', '2026-11-21T00:00:00.000Z'], ['c', '2026-11-18T00:00:00.000Z']]);
      expect(await db.get('repPipelines', VARIANT)).toBeUndefined();
      db.close();
    });

    it('writes nothing when no two reps of one CRM share a name (case and spacing aside)', async () => {
      const name = 'migrate-rep-no-variants';
      await writeAtVersion(name, 13);
      const raw = await openDB(name, 13);
      for (const rep of [danaRep, hubspotRep, { ...variantRep, id: 'salesforce:Dana Reye', name: 'Dana Reye' }]) await raw.put('reps', rep);
      // a damaged rep record is no rep to merge: left as it is
      await raw.put('reps', { id: 'salesforce:DANA REYES', firstSeenAt: 'yesterday' } as never);
      // a derived row a rebuild would drop: with nothing to merge, nothing is rebuilt either
      await raw.put('repOpenDues', { repId: 'salesforce:Gone', days: ['2026-01-05'], counts: [1] });
      const before = await dumpOf(raw);
      raw.close();
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const db = await openDealsideDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect(await dumpOf(db)).toEqual(before);
      db.close();
      vi.restoreAllMocks();
    });
  });

  it('a fresh install creates the latest schema', async () => {
    const db = await openDealsideDB('fresh');
    expect(db.version).toBe(DB_VERSION);
    expect(db.transaction('scores').store.indexNames.contains('byRepAt')).toBe(true);
    expect(db.transaction('pipeline').store.indexNames.contains('byLastSeen')).toBe(true);
    expect(db.transaction('commitments').store.indexNames.contains('byRepStatusDue')).toBe(true);
    expect(db.objectStoreNames.contains('repWeeks')).toBe(true);
    expect(db.objectStoreNames.contains('repOpenDues')).toBe(true);
    expect(db.objectStoreNames.contains('scoreDays')).toBe(false);
    db.close();
  });
});
