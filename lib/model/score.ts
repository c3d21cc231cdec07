import { z } from 'zod';
import { dealKeySchema, idSchema, isoInstant, personSchema, repIdSchema, scoreDimensionSchema } from './common';

/** One score. Never overwritten: the current score of a dimension is the latest. */
export const scoreSchema = z.object({
  id: idSchema,
  dealKey: dealKeySchema.optional(),
  repId: repIdSchema.optional(),
  dimension: scoreDimensionSchema,
  value: z.number().int().min(1).max(5),
  by: personSchema,
  at: isoInstant,
  rubricVersion: z.string().min(1).max(40),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sidebar') }),
    z.object({ kind: z.literal('call'), reviewId: idSchema }),
  ]),
});
export type Score = z.infer<typeof scoreSchema>;
