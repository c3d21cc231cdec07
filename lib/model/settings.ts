import { z } from 'zod';
import { isoInstant, personSchema } from './common';
import { CRM_SITE_CHOICES, MAX_CRM_SITES, SITE_ORIGIN } from '../crm/crm-sites';

export const DATE_ORDERS = ['day-first', 'month-first'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
/** A host name as a page's address gives it (lowercase, with an optional port). */
const SITE_HOST = /^[a-z0-9.-]{1,253}(?::\d{1,5})?$/i;
/** Sites whose date order is remembered; the oldest learned goes first. */
export const MAX_DATE_ORDER_SITES = 50;

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
   * Refuse mouse clicks on the sidebar and the call panel while the page draws over them
   * (components/CoveredClickGuard.tsx). On unless the user turns it off in Options: a page
   * widget kept over a corner of the sidebar (a chat button, say) makes every click refused.
   */
  refuseCoveredClicks: z.boolean().catch(true).default(true),
  /**
   * How to read CRM dates such as 05/11/2026: 'auto' asks the evidence
   * (lib/crm/values.ts chooseDateOrder), the other two are the user's word.
   */
  dateOrder: z.enum(['auto', ...DATE_ORDERS]).catch('auto').default('auto'),
  /**
   * Per CRM site (host), the order its dates were last seen to prove (a slash
   * date with a part above 12). Learned by the background, never typed; a bad
   * entry is dropped on its own, and the map is kept small.
   */
  dateOrderBySite: z
    .record(z.string(), z.unknown())
    .catch({})
    .default({})
    .transform((map) =>
      Object.fromEntries(
        Object.entries(map)
          .filter((e): e is [string, DateOrder] => SITE_HOST.test(e[0]) && (DATE_ORDERS as readonly unknown[]).includes(e[1]))
          .slice(-MAX_DATE_ORDER_SITES),
      ),
    ),
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

/** Two maps of learned date orders as one: `newer` wins for a site both know; the most recent sites are kept. */
export function mergeLearnedDateOrders(older: Settings['dateOrderBySite'], newer: Settings['dateOrderBySite']): Settings['dateOrderBySite'] {
  const merged = { ...older };
  for (const [host, order] of Object.entries(newer)) {
    delete merged[host];
    merged[host] = order;
  }
  return Object.fromEntries(Object.entries(merged).slice(-MAX_DATE_ORDER_SITES));
}
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Settings read field by field: a field that fails its check (a damaged record, a value from a
 * later version) takes its default on its own, and the rest, the user's name and role above all,
 * is kept. The app reads stored settings so (lib/db/settings.ts `storedSettings`), and a backup
 * writes and restores them so, or one bad field would cost the whole record. Null for anything
 * that is no object at all: there are no settings in it to read.
 */
export function soundSettingsOf(value: unknown): Settings | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const parsed = settingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = settingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const sound = Object.entries(value).filter(([key, field]) => Object.hasOwn(fields, key) && fields[key]!.safeParse(field).success);
  return settingsSchema.safeParse(Object.fromEntries(sound)).data ?? null;
}
/** Settings as a record in the database may hold them: any version's fields (parse with settingsSchema to read). */
export type SettingsStored = z.input<typeof settingsSchema>;
