// Launch helpers for call-review.spec.ts, on top of the shared harness (CRM
// routing, first run, the deal sidebar).
import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { ACME_NAME, ACME, ACME_KEY, launch, sidebarShowing } from './harness';

export { ROOT } from './harness';

export interface CallReviewApp {
  context: BrowserContext;
  extensionId: string;
  /** first-run: the local user's name and role */
  setUser(user: { name: string; role: 'manager' | 'rep' }): Promise<void>;
  /** visit the Acme deal so it is "seen"; returns its deal key */
  visitDeal(): Promise<string>;
  /** the sidebar landmark of the deal visited by visitDeal */
  dealSidebar(): Promise<Locator>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<CallReviewApp> {
  // Media plays without a user gesture in these tests.
  const app = await launch(['--autoplay-policy=no-user-gesture-required']);
  let dealPage: Page | null = null;
  return {
    context: app.context,
    extensionId: app.extensionId,
    setUser: (user) => app.setUser(user),
    async visitDeal() {
      dealPage = await app.open(ACME);
      await sidebarShowing(dealPage, app.extensionId, ACME_NAME);
      return ACME_KEY;
    },
    async dealSidebar() {
      if (!dealPage) throw new Error('visitDeal first');
      await dealPage.bringToFront();
      return sidebarShowing(dealPage, app.extensionId, ACME_NAME);
    },
    close: () => app.close(),
  };
}

export type { Frame };
