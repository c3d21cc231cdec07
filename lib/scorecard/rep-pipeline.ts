/**
 * The `repPipelines` aggregate (migration v6): per rep, ONE record holding a
 * row for each of the rep's deals seen in the last 30 days (when the record
 * was last written), with what next-step health needs. The scorecard reads
 * one record per rep instead of one `pipeline` summary per deal through an
 * index — on the benchmark's 50 reps × 40 deals that was most of the popup's
 * read time.
 *
 * Rows are arrays of strings ('' = absent) rather than objects: they read back
 * from IndexedDB several times faster. Built only from `pipeline` summaries
 * (lib/scorecard/pipeline.ts) by `withPipelineEntry`, on write, in the
 * migration and in the benchmark seeding alike.
 *
 * Pruning on write is safe: a row dropped because its deal was last seen
 * before `keepSince` (write time − 30 days) is also too old for any later
 * read, which keeps deals seen since read time − 30 days; a deal seen again is
 * written again.
 */
import { ISO_DATE, type PipelineEntry } from './pipeline';

/** [dealKey, lastSeenAt, stage, name, url, step text, step due, step textChangedAt ('' = no step), step doneAt] */
export type PipelineRow = [string, string, string, string, string, string, string, string, string];

export interface RepPipeline {
  repId: string;
  rows: PipelineRow[];
}

export function rowOf(e: PipelineEntry): PipelineRow {
  const s = e.step;
  return [e.dealKey, e.lastSeenAt, e.stage ?? '', e.name ?? '', e.url, s?.text ?? '', s?.due ?? '', s?.textChangedAt ?? '', s?.doneAt ?? ''];
}

/** The summary a row was made from (absent fields stay absent). */
export function entryOfRow(repId: string, row: PipelineRow): PipelineEntry {
  const [dealKey, lastSeenAt, stage, name, url, text, due, textChangedAt, doneAt] = row;
  return {
    dealKey,
    repId,
    lastSeenAt,
    ...(stage ? { stage } : {}),
    ...(name ? { name } : {}),
    url,
    ...(textChangedAt ? { step: { text, ...(due ? { due } : {}), textChangedAt, ...(doneAt ? { doneAt } : {}) } } : {}),
  };
}

/**
 * `bucket` (or a new one for `repId`) with the deal's row replaced by
 * `entry`'s, or removed when `entry` is null (the deal left this rep), and
 * rows last seen before `keepSince` dropped. Never mutates.
 */
export function withPipelineEntry(
  bucket: RepPipeline | null | undefined,
  repId: string,
  dealKey: string,
  entry: PipelineEntry | null,
  keepSince: string,
): RepPipeline {
  const rows = (bucket?.repId === repId ? bucket.rows : []).filter((r) => r[0] !== dealKey && r[1] >= keepSince);
  if (entry && entry.lastSeenAt >= keepSince) rows.push(rowOf(entry));
  return { repId, rows };
}

/** Buckets for many summaries at once (migration backfill, benchmark seeding). */
export function repPipelinesOf(entries: Iterable<PipelineEntry>, keepSince: string): RepPipeline[] {
  const byRep = new Map<string, RepPipeline>();
  for (const e of entries) {
    if (!e.repId) continue;
    byRep.set(e.repId, withPipelineEntry(byRep.get(e.repId), e.repId, e.dealKey, e, keepSince));
  }
  return [...byRep.values()];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function isRow(x: unknown): x is PipelineRow {
  if (!Array.isArray(x) || x.length !== 9 || !x.every((v) => typeof v === 'string')) return false;
  const [dealKey, lastSeenAt, , , url, , due, textChangedAt, doneAt] = x as string[];
  return (
    dealKey!.length > 0 &&
    ISO_INSTANT.test(lastSeenAt!) &&
    url!.length > 0 &&
    (due === '' || ISO_DATE.test(due!)) &&
    (textChangedAt === '' || ISO_INSTANT.test(textChangedAt!)) &&
    (doneAt === '' || ISO_INSTANT.test(doneAt!))
  );
}

/** Cheap structural check of a stored bucket (the background's own aggregate): a bad one is skipped whole. */
export function isRepPipeline(x: unknown): x is RepPipeline {
  if (typeof x !== 'object' || x === null) return false;
  const b = x as Partial<RepPipeline>;
  return typeof b.repId === 'string' && b.repId.length >= 3 && Array.isArray(b.rows) && b.rows.every(isRow);
}
