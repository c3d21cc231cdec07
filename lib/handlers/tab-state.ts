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

export async function getTabDeal(tabId: number): Promise<TabDeal | null> {
  const got = (await browser.storage.session.get(key(tabId)))[key(tabId)] as Partial<TabDeal> | undefined;
  const snapshot = dealSnapshotSchema.safeParse(got?.snapshot);
  return snapshot.success && typeof got?.dealKey === 'string' ? { dealKey: got.dealKey, snapshot: snapshot.data } : null;
}

export async function setTabDeal(tabId: number, value: TabDeal | null): Promise<void> {
  if (value) await browser.storage.session.set({ [key(tabId)]: value });
  else await browser.storage.session.remove(key(tabId));
}

export function forgetClosedTabDeals(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void setTabDeal(tabId, null).catch(() => {});
  });
}
