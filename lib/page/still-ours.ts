/**
 * Does this content script still belong to a running extension? An extension
 * reload or update leaves the old copy running in open pages without a
 * runtime: its calls then throw ("Extension context invalidated"), so it stops.
 * `api`: the extension API object, looked up by the caller (the CRM's first
 * stage touches `chrome` only when needed; see entrypoints/crm-watch.ts).
 */
export function stillOurs(api: () => { runtime?: { id?: string } } | undefined): boolean {
  try {
    return !!api()?.runtime?.id;
  } catch {
    return false;
  }
}
