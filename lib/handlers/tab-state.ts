import { browser } from 'wxt/browser';
import { dealSnapshotSchema, type DealSnapshotData } from '../model';

/**
 * Which deal each tab shows. Kept in storage.session, not in memory: the
 * service worker can be stopped at any time, and the sidebar frame must still
 * learn its deal when it wakes it. Session storage is cleared with the browser
 * session and is not reachable from content scripts (default access level).
 */
const key = (tabId: number) => `dealside:tab:${tabId}`;

export interface TabDeal {
  dealKey: string;
  snapshot: DealSnapshotData;
}

/** What the tab shows: its deal, or (none) why the deal its page reported was refused. */
export interface TabShown {
  deal: TabDeal | null;
  refused?: string;
}

export async function getTabShown(tabId: number): Promise<TabShown> {
  const got = (await browser.storage.session.get(key(tabId)))[key(tabId)] as (Partial<TabDeal> & { refused?: unknown }) | undefined;
  const snapshot = dealSnapshotSchema.safeParse(got?.snapshot);
  if (snapshot.success && typeof got?.dealKey === 'string') return { deal: { dealKey: got.dealKey, snapshot: snapshot.data } };
  return typeof got?.refused === 'string' ? { deal: null, refused: got.refused } : { deal: null };
}

export async function getTabDeal(tabId: number): Promise<TabDeal | null> {
  return (await getTabShown(tabId)).deal;
}

export async function setTabDeal(tabId: number, value: TabDeal | null): Promise<void> {
  if (value) await browser.storage.session.set({ [key(tabId)]: value });
  else await browser.storage.session.remove(key(tabId));
}

/** The tab shows no deal, and says why: kept where its deal would be, so the next deal recorded (or a new page) replaces it. */
export async function setTabRefused(tabId: number, refused: string): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: { refused } });
}

export function forgetClosedTabDeals(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void setTabDeal(tabId, null).catch(() => {});
  });
}
