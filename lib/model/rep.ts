import { z } from 'zod';
import { crmIdSchema, isoInstant, repIdSchema } from './common';

/** A rep is the owner name a CRM shows; created the first time that owner is seen. */
export const repSchema = z.object({
  id: repIdSchema,
  crm: crmIdSchema,
  name: z.string().trim().min(1).max(120),
  firstSeenAt: isoInstant,
});
export type Rep = z.infer<typeof repSchema>;
