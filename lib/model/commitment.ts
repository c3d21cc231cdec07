import { z } from 'zod';
import { dealKeySchema, idSchema, isoDate, isoInstant, personSchema, repIdSchema, shortText } from './common';

export const commitmentStatusSchema = z.enum(['open', 'kept', 'missed', 'renegotiated', 'dropped']);
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;

/**
 * One promise, in the rep's words, by a date. Resolution is recorded on the
 * record and never erased. Renegotiating closes this promise as
 * `renegotiated` (with reason and new date) and opens a new one that points
 * back through `renegotiatedFrom`, so the old promise stays in history.
 */
export const commitmentSchema = z.object({
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
  resolution: z
    .object({
      outcome: z.enum(['kept', 'missed', 'renegotiated', 'dropped']),
      note: z.string().trim().max(2000),
      by: personSchema,
      at: isoInstant,
      /** renegotiated: the new date and the reason */
      newDue: isoDate.optional(),
      reason: z.string().trim().max(2000).optional(),
      /** renegotiated: id of the commitment that replaced this one */
      replacedBy: idSchema.optional(),
    })
    .optional(),
});
export type Commitment = z.infer<typeof commitmentSchema>;
