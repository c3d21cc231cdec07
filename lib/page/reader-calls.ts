/**
 * The two things the background asks of the deal reader in a CRM tab: toggle
 * the sidebar (the keyboard shortcut) and look again at which CRM an added site
 * runs (Options changed it). They run in the tab with
 * `scripting.executeScript({ func })`, in the content script's isolated world
 * where the reader registered itself (entrypoints/crm-reader/index.ts), so the
 * CRM page holds no `runtime.onMessage` listener at all: nothing there for a
 * message to reach, and about 1 ms less on every deal page load (README,
 * Benchmarks). The shortcut runs under the `activeTab` grant the command gives;
 * a site's call under the access Dealside holds for it.
 *
 * Each function is sent as source and run on its own in the page: it may use
 * nothing from its module.
 */
type ReaderCalls = { __dealsideReader?: { toggleSidebar(): void; siteChanged(): void } };

export function toggleSidebarInPage(): void {
  (globalThis as ReaderCalls).__dealsideReader?.toggleSidebar();
}

export function siteChangedInPage(): void {
  (globalThis as ReaderCalls).__dealsideReader?.siteChanged();
}
