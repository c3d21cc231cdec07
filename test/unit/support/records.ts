/**
 * A database filled the way the app fills it: through the write functions the
 * handlers call, so the derived stores are the ones kept on write.
 */
import type { DB } from '../../../lib/db/open';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { addCommitment, addNoteClearingDraft, addScore, changeNextStep, putDraft, resolveCommitmentRecord } from '../../../lib/db/coaching';
import { putCompletedReview } from '../../../lib/db/call-reviews';
import { patchSettings } from '../../../lib/db/settings';
import type { CallReview, Commitment, DealSnapshotData, Note, Score } from '../../../lib/model';
import { isRepPipeline } from '../../../lib/scorecard/rep-pipeline';

export const NY = 'America/New_York';
export const ACME = 'salesforce:acme/0065g00000AcmeQAAS';
export const GLOBEX = 'salesforce:acme/0065g00000GlobxQAA';
export const DANA = 'salesforce:Dana Reyes';
export const LEE = 'salesforce:Lee Park';
export const manager = { name: 'Morgan Lead', role: 'manager' as const };
/** the moment the data is written; restores run a day later, inside the 30-day deal window */
export const WRITTEN_AT = '2026-10-30T15:00:00.000Z';
export const RESTORED_AT = new Date('2026-10-31T09:00:00.000Z');

export const snapshot = (recordId: string, owner: string, extra: Partial<DealSnapshotData> = {}): DealSnapshotData => ({
  crm: 'salesforce',
  recordId,
  host: 'acme.lightning.force.com',
  url: `https://acme.lightning.force.com/lightning/r/Opportunity/${recordId}/view`,
  name: `Deal ${recordId}`,
  stage: 'Negotiation',
  owner,
  readAt: WRITTEN_AT,
  ...extra,
});

export const commitment = (id: string, due: string, extra: Partial<Commitment> = {}): Commitment => ({
  id,
  dealKey: ACME,
  repId: DANA,
  text: `promise ${id}`,
  due,
  statedBy: { name: 'Dana Reyes', role: 'rep' },
  statedAt: '2026-10-20T12:00:00.000Z',
  status: 'open',
  ...extra,
});

export const score = (id: string, at: string, dimension: Score['dimension'], value: number, extra: Partial<Score> = {}): Score => ({
  id,
  dealKey: ACME,
  repId: DANA,
  dimension,
  value,
  by: manager,
  at,
  rubricVersion: '2026.1',
  source: { kind: 'sidebar' },
  ...extra,
});

export const note = (id: string, at: string, extra: Partial<Note> = {}): Note => ({
  id,
  dealKey: ACME,
  repId: DANA,
  body: { kind: 'free', text: `note ${id}` },
  by: manager,
  at,
  ...extra,
});

/** A completed call review of Dana's Acme call (Oct 29); `extra` overrides any field. */
export const completedReview = (extra: Partial<CallReview> = {}): CallReview => ({
  id: 'r1',
  callKey: 'gong:1',
  provider: 'gong',
  callId: '1',
  title: 'Acme discovery call',
  url: 'https://app.gong.io/call?id=1',
  repId: DANA,
  dealKey: ACME,
  status: 'completed',
  by: manager,
  rubricVersion: '2026.1',
  startedAt: '2026-10-29T14:00:00.000Z',
  updatedAt: '2026-10-29T15:00:00.000Z',
  completedAt: '2026-10-29T15:00:00.000Z',
  scores: { discovery: 4, nextStep: 2 },
  overallNote: 'Good questions.',
  pins: [],
  timeSpentMs: 600_000,
  history: [],
  ...extra,
});

/** Two deals (two reps), a next step, commitments (one kept), scores, notes, drafts, a completed call review, settings. */
export async function fillThroughApp(db: DB): Promise<void> {
  await recordSnapshot(db, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
  await recordSnapshot(db, snapshot('0065g00000GlobxQAA', 'Lee Park', { stage: 'Discovery' }), WRITTEN_AT);
  await changeNextStep(db, ACME, () => ({ dealKey: ACME, text: 'Send the MAP', due: '2026-11-03', source: 'sidebar', textChangedAt: WRITTEN_AT, updatedAt: WRITTEN_AT }));
  await addCommitment(db, commitment('c1', '2026-10-27'));
  await addCommitment(db, commitment('c2', '2026-11-04'));
  await addCommitment(db, commitment('c3', '2026-10-29', { dealKey: GLOBEX, repId: LEE }));
  const kept = commitment('c1', '2026-10-27', { status: 'kept', resolution: { outcome: 'kept', note: 'done', by: manager, at: WRITTEN_AT } });
  if (!(await resolveCommitmentRecord(db, kept))) throw new Error('fixture: c1 did not resolve');
  await addScore(db, score('s1', '2026-10-27T15:00:00.000Z', 'discovery', 3), NY);
  await addScore(db, score('s2', '2026-10-28T03:30:00.000Z', 'qualification', 5), NY); // Oct 27 in New York
  await addScore(db, score('s3', '2026-10-28T15:00:00.000Z', 'nextStep', 2, { dealKey: GLOBEX, repId: LEE }), NY);
  await addNoteClearingDraft(db, note('n1', '2026-10-28T12:00:00.000Z', { diagnosis: 'skill' }), 'note:x', NY);
  await addNoteClearingDraft(db, note('n2', '2026-10-29T12:00:00.000Z'), 'note:y', NY);
  await putDraft(db, { key: `note:${GLOBEX}`, value: { text: 'half a thought' }, updatedAt: WRITTEN_AT });
  await putCompletedReview(
    db,
    completedReview(),
    [score('s4', '2026-10-29T15:00:00.000Z', 'discovery', 4, { source: { kind: 'call', reviewId: 'r1' } }), score('s5', '2026-10-29T15:00:00.000Z', 'nextStep', 2, { source: { kind: 'call', reviewId: 'r1' } })],
    NY,
  );
  await patchSettings(db, { user: manager, weekStartsOn: 1, theme: 'dark' });
}

const ALL_STORES = ['deals', 'reps', 'commitments', 'nextSteps', 'scores', 'notes', 'callReviews', 'drafts', 'settings', 'pipeline', 'repPipelines', 'repWeeks', 'repOpenDues'] as const;

/**
 * Every store's contents. A rep's pipeline rows are sorted: their order is
 * the order of writes, which nothing reads (each row is a deal).
 */
export async function dump(db: DB): Promise<Record<(typeof ALL_STORES)[number], unknown[]>> {
  const out = {} as Record<(typeof ALL_STORES)[number], unknown[]>;
  for (const store of ALL_STORES) out[store] = await db.getAll(store);
  out.repPipelines = out.repPipelines.map((b) => (isRepPipeline(b) ? { ...b, rows: [...b.rows].sort((x, y) => x[0].localeCompare(y[0])) } : b));
  return out;
}
