import { z } from 'zod';
import { dealKeySchema, idSchema, isoDate, isoInstant, personSchema, repIdSchema, shortText } from './common';

export const commitmentStatusSchema = z.enum(['open', 'kept', 'missed', 'renegotiated', 'dropped']);
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;

/** How an open promise ended: recorded once, never overwritten. */
export const commitmentResolutionSchema = z.object({
  outcome: z.enum(['kept', 'missed', 'renegotiated', 'dropped']),
  note: z.string().trim().max(2000),
  by: personSchema,
  at: isoInstant,
  /** renegotiated: the new date and the reason */
  newDue: isoDate.optional(),
  reason: z.string().trim().max(2000).optional(),
  /** renegotiated: id of the commitment that replaced this one */
  replacedBy: idSchema.optional(),
});
export type CommitmentResolution = z.infer<typeof commitmentResolutionSchema>;

/**
 * One promise, in the rep's words, by a date. Resolution is recorded on the
 * record and never erased. Renegotiating closes this promise as
 * `renegotiated` (with reason and new date) and opens a new one that points
 * back through `renegotiatedFrom`, so the old promise stays in history.
 *
 * The status and the resolution agree, or the record is invalid (skipped on
 * read, counted invalid by a restore): an `open` promise has no resolution
 * (one that had could be resolved again, overwriting its outcome); any other
 * status has the resolution of that outcome; `renegotiated` names its new
 * date, reason and replacement; `dropped` says why.
 */
export const commitmentSchema = z
  .object({
    id: idSchema,
    dealKey: dealKeySchema,
    repId: repIdSchema.optional(),
    text: shortText,
    due: isoDate,
    /** what the person typed for the date ("by Thursday"), kept for the record */
    dueInput: z.string().max(100).optional(),
    /** who made the promise: the rep (a manager may record it for them in a 1:1) */
    statedBy: personSchema,
    statedAt: isoInstant,
    /** set when someone other than `statedBy` typed it in, e.g. the manager in a 1:1 */
    recordedBy: personSchema.optional(),
    status: commitmentStatusSchema,
    renegotiatedFrom: idSchema.optional(),
    resolution: commitmentResolutionSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const r = c.resolution;
    const issue = (message: string, path: (string | number)[] = ['resolution']) => ctx.addIssue({ code: 'custom', message, path });
    if (c.status === 'open') {
      if (r) issue('an open commitment has no resolution');
      return;
    }
    if (!r) return issue(`a ${c.status} commitment records its resolution`);
    if (r.outcome !== c.status) issue(`the resolution (${r.outcome}) does not match the status (${c.status})`, ['resolution', 'outcome']);
    if (c.status === 'renegotiated') {
      if (!r.newDue) issue('a renegotiated commitment names its new due date', ['resolution', 'newDue']);
      if (!r.reason) issue('a renegotiated commitment gives its reason', ['resolution', 'reason']);
      if (!r.replacedBy) issue('a renegotiated commitment names the commitment that replaced it', ['resolution', 'replacedBy']);
    }
    if (c.status === 'dropped' && !r.reason) issue('a dropped commitment gives its reason', ['resolution', 'reason']);
  });
export type Commitment = z.infer<typeof commitmentSchema>;
