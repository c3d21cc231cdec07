import type { z } from 'zod';

/**
 * Stored records are untrusted too (an older build, a bad restore, a bug):
 * every read goes through the record's zod schema. A record that fails is
 * skipped — never "repaired" in place, never deleted — and reported once, so
 * one bad row cannot blank a sidebar or corrupt a rollup.
 */
export function keepValid<S extends z.ZodType>(schema: S, rows: unknown[], store: string): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
    else console.warn(`Dealside: skipped an invalid ${store} record`, parsed.error.issues[0]?.message);
  }
  return out;
}

/**
 * The same for the background's own aggregates, checked by a hand-written
 * guard on hot paths (the scorecard reads hundreds per popup open).
 */
export function keepChecked<T>(rows: unknown[], check: (x: unknown) => x is T, store: string): T[] {
  const out = rows.filter(check);
  if (out.length < rows.length) console.warn(`Dealside: skipped ${rows.length - out.length} invalid ${store} record(s)`);
  return out;
}

export function validOrNull<S extends z.ZodType>(schema: S, row: unknown, store: string): z.infer<S> | null {
  if (row === undefined) return null;
  return keepValid(schema, [row], store)[0] ?? null;
}
