/**
 * Which rep a call review is for, from the name typed (or picked) in its panel. Pure, so the
 * panel and its tests agree.
 */
import type { Rep } from '../model';

export interface RepChoice {
  id: string;
  name: string;
}

/**
 * The rep the review is linked to, while its name is the one shown: never re-chosen by name, as
 * two CRMs may each have an "Alex Kim" and a rep list that failed to load is empty. Else a known
 * rep of that name, of the linked deal's CRM first (rep ids and deal keys both start `{crm}:`).
 * Null: no known rep of that name (the name alone is kept).
 */
export function chooseRep(
  typed: string,
  linked: { repId?: string | undefined; repName?: string | undefined } | null,
  reps: readonly Pick<Rep, 'id' | 'name'>[],
  dealKey?: string,
): RepChoice | null {
  const name = typed.trim().toLowerCase();
  if (!name) return null;
  const named = (n: string | undefined) => n?.trim().toLowerCase() === name;
  if (linked?.repId && named(linked.repName)) return { id: linked.repId, name: linked.repName!.trim() };
  const crm = dealKey?.split(':')[0];
  const known = (crm && reps.find((r) => named(r.name) && r.id.startsWith(`${crm}:`))) || reps.find((r) => named(r.name));
  return known ? { id: known.id, name: known.name } : null;
}
