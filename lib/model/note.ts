import { z } from 'zod';
import { dealKeySchema, diagnosisSchema, idSchema, isoInstant, personSchema, repIdSchema } from './common';

const field = z.string().trim().max(5000);

export const growSchema = z
  .object({ goal: field, reality: field, options: field, will: field })
  .refine((g) => g.goal || g.reality || g.options || g.will, 'a GROW note needs at least one part');

/** A coaching note: free text or GROW, with an optional diagnosis. */
export const noteSchema = z.object({
  id: idSchema,
  dealKey: dealKeySchema,
  repId: repIdSchema.optional(),
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('free'), text: z.string().trim().min(1).max(10_000) }),
    z.object({ kind: z.literal('grow'), grow: growSchema }),
  ]),
  diagnosis: diagnosisSchema.optional(),
  by: personSchema,
  at: isoInstant,
});
export type Note = z.infer<typeof noteSchema>;

/** An unsent note, saved as the person types (key: `note:${dealKey}` etc.). */
export const draftSchema = z.object({
  key: z.string().min(1).max(400),
  value: z.record(z.string(), z.string().max(10_000)),
  updatedAt: isoInstant,
});
export type Draft = z.infer<typeof draftSchema>;

export { noteDraftKey } from './keys';
