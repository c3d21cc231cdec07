/**
 * What a restore does with the backup's settings, given this browser's:
 * `restoredSettings` decides it (a profile only into a browser naming no user;
 * CRM sites and learned date orders only added). Pure.
 */
import { mergeLearnedDateOrders, DEFAULT_SETTINGS, type Settings } from '../model';
import { MAX_CRM_SITES, parseSiteAddress } from '../crm/crm-sites';

/** What a restore did with the backup's settings (when it held any it could read): see `restoredSettings`. */
export interface SettingsRestore {
  /** the backup named a user and this browser none: the backup's name and role, week start and theme were taken */
  tookProfile: boolean;
  /**
   * the backup's week start, theme and date order were taken: with its profile, or because this
   * browser stored no settings at all (a new install), when the backup names no user too
   */
  tookSettings: boolean;
  /** CRM sites from the backup added to this browser's list (each may still need the browser's access here) */
  sitesAdded: number;
  /** sites whose date order (learned from their close dates) the backup knew and this browser did not */
  dateOrdersAdded: number;
}

/**
 * The settings a restore stores, given this browser's (`local`, null when none)
 * and the backup's. The rule:
 * - this browser's settings name no user (a new install: only the sidebar
 *   layout, or nothing, was saved yet) and the backup's do: the backup's
 *   settings are taken — name and role, week start, theme, date order —
 *   keeping this browser's sidebar layout and its covered-click protection
 *   (`refuseCoveredClicks`: never from a file, which could switch off the
 *   frames' guard against pages drawn over them), each at its default when
 *   nothing was stored here;
 * - nothing is stored here and the backup names no user: its settings are
 *   taken the same way, without a profile (there is none to give), as there
 *   are no settings here to keep;
 * - they name a user: they are kept as they are;
 * - either way, every CRM site listed here stays, and the backup's sites at
 *   origins not listed here are added (up to MAX_CRM_SITES). A site added so
 *   may lack the browser's access here: Options lists it with "Grant access"
 *   (a restore asks for no permission); and the date orders the backup
 *   learned per site are added for sites this browser has not learned.
 * `settings` is null when nothing changes.
 */
export function restoredSettings(local: Settings | null, theirs: Settings): { settings: Settings | null } & SettingsRestore {
  // a safety setting is never taken from a file: this browser's own, or on
  const refuseCoveredClicks = local?.refuseCoveredClicks ?? DEFAULT_SETTINGS.refuseCoveredClicks;
  // the profile is taken when the backup names a user and these do not (a backup naming none has
  // no profile to give: "taken from the backup" would be untrue, and the first save would still ask)
  const tookProfile = !local?.user && !!theirs.user;
  // nothing stored here: the backup's settings are all there is to have (the layout fits this browser's screen, so its own default)
  const tookSettings = tookProfile || !local;
  const base = tookSettings ? { ...theirs, sidebar: local?.sidebar ?? DEFAULT_SETTINGS.sidebar, refuseCoveredClicks } : local;
  const sites = [...(local?.crmSites ?? [])];
  const origins = new Set(sites.map((s) => s.origin));
  let sitesAdded = 0;
  for (const site of theirs.crmSites) {
    if (sites.length >= MAX_CRM_SITES) break;
    if (origins.has(site.origin)) continue;
    // held to what Options takes (an IP address, or a host Dealside runs on anyway, is refused there)
    const checked = parseSiteAddress(site.origin);
    if (!checked.ok || checked.origin !== site.origin) continue;
    origins.add(site.origin);
    sites.push(site);
    sitesAdded++;
  }
  const known = local?.dateOrderBySite ?? {};
  const dateOrderBySite = mergeLearnedDateOrders(theirs.dateOrderBySite, known);
  // counted in what is kept: the merge keeps the most recent sites only
  const dateOrdersAdded = Object.keys(dateOrderBySite).filter((host) => !(host in known)).length;
  const changed = tookSettings || sitesAdded > 0 || dateOrdersAdded > 0;
  if (!changed) return { settings: null, tookProfile, tookSettings, sitesAdded, dateOrdersAdded };
  return { settings: { ...base, crmSites: sites, dateOrderBySite }, tookProfile, tookSettings, sitesAdded, dateOrdersAdded };
}
