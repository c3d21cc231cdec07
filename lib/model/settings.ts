import { z } from 'zod';
import { personSchema } from './common';

export const settingsSchema = z.object({
  /** unset until the first-run form is filled */
  user: personSchema.optional(),
  /** 1 = Monday … 7 = Sunday (ISO weekday) */
  weekStartsOn: z.number().int().min(1).max(7).default(1),
  sidebar: z
    .object({
      width: z.number().int().min(280).max(720).default(360),
      collapsed: z.boolean().default(false),
    })
    .default({ width: 360, collapsed: false }),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
