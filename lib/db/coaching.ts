/**
 * The per-deal coaching records: commitments, next step, scores, notes and
 * drafts. Each is append-only or versioned by the rules in lib/rules; this
 * module only reads and writes, validating on the way out.
 */
import {
  commitmentSchema,
  draftSchema,
  nextStepSchema,
  noteSchema,
  scoreSchema,
  type Commitment,
  type Draft,
  type NextStep,
  type Note,
  type Score,
} from '../model';
import type { DB } from './open';
import { keepValid, validOrNull } from './validate';
import { applyToRepWeeks } from './rep-weeks';
import { applyToRepOpenDues } from './rep-open-dues';
import { commitmentChanges, noteChanges, scoreChanges } from '../scorecard/rep-weeks';
import { userTimeZone } from '../dates';
import { PIPELINE_STORES, pipelineStoresOf, refreshPipelineEntry } from './pipeline';

export async function commitmentsForDeal(db: DB, dealKey: string): Promise<Commitment[]> {
  const rows = await db.getAllFromIndex('commitments', 'byDeal', dealKey);
  return keepValid(commitmentSchema, rows, 'commitment');
}

export async function getCommitment(db: DB, id: string): Promise<Commitment | null> {
  return validOrNull(commitmentSchema, await db.get('commitments', id), 'commitment');
}

/**
 * `add`, not `put`: a commitment is never replaced by a new one with the same
 * id. Counted on its due day in the scorecard's aggregate, atomically.
 */
export async function addCommitment(db: DB, c: Commitment): Promise<void> {
  const tx = db.transaction(['commitments', 'repWeeks', 'repOpenDues'], 'readwrite');
  const changes = commitmentChanges(null, c);
  await Promise.all([
    tx.objectStore('commitments').add(c),
    applyToRepWeeks(tx.objectStore('repWeeks'), changes),
    applyToRepOpenDues(tx.objectStore('repOpenDues'), changes),
    tx.done,
  ]);
}

/**
 * Replace an open commitment with its resolved form, only if it is still the
 * version we read (no other tab resolved it meanwhile): resolution is never
 * overwritten.
 */
export async function resolveCommitmentRecord(db: DB, resolved: Commitment, opened?: Commitment): Promise<boolean> {
  const tx = db.transaction(['commitments', 'repWeeks', 'repOpenDues'], 'readwrite');
  const store = tx.objectStore('commitments');
  const current = validOrNull(commitmentSchema, await store.get(resolved.id), 'commitment');
  if (!current || current.status !== 'open') {
    tx.abort();
    await tx.done.catch(() => {});
    return false;
  }
  await store.put(resolved);
  if (opened) await store.add(opened);
  // the scorecard's counts move with the records: open → resolved on the old due day, the new promise on its own
  const changes = [...commitmentChanges(current, resolved), ...commitmentChanges(null, opened)];
  await applyToRepWeeks(tx.objectStore('repWeeks'), changes);
  await applyToRepOpenDues(tx.objectStore('repOpenDues'), changes);
  await tx.done;
  return true;
}

export async function getNextStep(db: DB, dealKey: string): Promise<NextStep | null> {
  return validOrNull(nextStepSchema, await db.get('nextSteps', dealKey), 'next step');
}

/**
 * Read a deal's next step, change it and write it back with its pipeline summary
 * (lib/db/pipeline.ts), in one transaction: a page's report (a new CRM step, or its field shown blank) cannot land
 * between the read and the write and be undone by it. `change` may throw to write nothing.
 */
export async function changeNextStep(db: DB, dealKey: string, change: (existing: NextStep | null) => NextStep): Promise<NextStep> {
  const tx = db.transaction(PIPELINE_STORES, 'readwrite');
  const existing = validOrNull(nextStepSchema, await tx.objectStore('nextSteps').get(dealKey), 'next step');
  let step: NextStep;
  try {
    step = change(existing);
  } catch (e) {
    tx.abort();
    await tx.done.catch(() => {});
    throw e;
  }
  await tx.objectStore('nextSteps').put(step);
  await refreshPipelineEntry(pipelineStoresOf(tx), step.dealKey, { step }, step.updatedAt);
  await tx.done;
  return step;
}

export async function scoresForDeal(db: DB, dealKey: string): Promise<Score[]> {
  const rows = keepValid(scoreSchema, await db.getAllFromIndex('scores', 'byDeal', dealKey), 'score');
  return rows.sort((a, b) => a.at.localeCompare(b.at));
}

/** Append a score and fold it into its day of the scorecard's aggregate (repWeeks), atomically. */
export async function addScore(db: DB, s: Score, timeZone = userTimeZone()): Promise<void> {
  const tx = db.transaction(['scores', 'repWeeks'], 'readwrite');
  await Promise.all([tx.objectStore('scores').add(s), applyToRepWeeks(tx.objectStore('repWeeks'), scoreChanges([s], timeZone)), tx.done]);
}

export async function notesForDeal(db: DB, dealKey: string): Promise<Note[]> {
  const rows = keepValid(noteSchema, await db.getAllFromIndex('notes', 'byDeal', dealKey), 'note');
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

/** The same draft text: the same non-empty fields (a composer shows absent fields as empty). */
export function sameDraftValue(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const filled = (v: Readonly<Record<string, string>>) => Object.entries(v).filter(([, s]) => s !== '');
  const x = filled(a);
  return x.length === filled(b).length && x.every(([k, s]) => b[k] === s);
}

/**
 * Save a note and clear its draft in one transaction: the text is never in neither. A diagnosis
 * counts on the note's day in the scorecard's aggregate. The draft is kept when it is no longer
 * the text the adding composer showed (`shown`): another tab's composer saved more since, which
 * the note does not hold. Without `shown`, the draft is cleared.
 */
export async function addNoteClearingDraft(
  db: DB,
  note: Note,
  draftKey: string,
  timeZone = userTimeZone(),
  shown?: Readonly<Record<string, string>>,
): Promise<{ draftKept: boolean }> {
  const tx = db.transaction(['notes', 'drafts', 'repWeeks'], 'readwrite');
  await tx.objectStore('notes').add(note);
  const drafts = tx.objectStore('drafts');
  const stored = shown ? validOrNull(draftSchema, await drafts.get(draftKey), 'draft') : null;
  const draftKept = shown !== undefined && stored !== null && !sameDraftValue(stored.value, shown);
  if (!draftKept) await drafts.delete(draftKey);
  await applyToRepWeeks(tx.objectStore('repWeeks'), noteChanges([note], timeZone));
  await tx.done;
  return { draftKept };
}

export async function getDraft(db: DB, key: string): Promise<Draft | null> {
  return validOrNull(draftSchema, await db.get('drafts', key), 'draft');
}

export async function putDraft(db: DB, draft: Draft): Promise<void> {
  await db.put('drafts', draft);
}

export async function deleteDraft(db: DB, key: string): Promise<void> {
  await db.delete('drafts', key);
}
