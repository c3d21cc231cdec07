import { z } from 'zod';
import { isoInstant, personSchema } from './common';
import { CRM_SITE_CHOICES, MAX_CRM_SITES, SITE_ORIGIN } from '../crm/crm-sites';

/** A CRM site the user added in Options: their CRM at an address Dealside does not know. */
export const crmSiteSchema = z.object({
  origin: z.string().regex(SITE_ORIGIN),
  crm: z.enum(CRM_SITE_CHOICES.map((c) => c.id)),
  addedAt: isoInstant,
});
export type CrmSite = z.infer<typeof crmSiteSchema>;

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
  /**
   * A stored entry that does not parse is dropped on its own: the rest of the
   * settings (the user's name and role above all) are never lost to it.
   */
  crmSites: z
    .array(z.unknown())
    .catch([])
    .default([])
    .transform((list) => list.flatMap((s) => {
      const site = crmSiteSchema.safeParse(s);
      return site.success ? [site.data] : [];
    }).slice(0, MAX_CRM_SITES)),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
/** Settings as a record in the database may hold them: any version's fields (parse with settingsSchema to read). */
export type SettingsStored = z.input<typeof settingsSchema>;
