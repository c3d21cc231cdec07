/**
 * Who sent a runtime message (Bitwarden-style sender classification). Pure:
 * the extension's id and origin are passed in, so it is unit-tested with
 * plain objects. Anything not positively recognised is 'untrusted'.
 */
export type SenderKind =
  /** our CRM or calls content script, in a web page tab */
  | 'content'
  /** the sidebar frame (sidebar.html) inside a CRM tab */
  | 'sidebar'
  /** the call-review frame (call-review.html) inside a recording tab */
  | 'call-panel'
  /** popup, options, or another page of ours not framed in a web page */
  | 'extension-page'
  | 'untrusted';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chromium's: 'active' for the page the tab shows; 'prerender' or 'cached' for a page of the tab not shown */
  documentLifecycle?: string;
}

export interface Self {
  id: string;
  /** e.g. "chrome-extension://abc…" (no trailing slash) */
  origin: string;
}

export function classifySender(sender: SenderLike, self: Self): SenderKind {
  // Other extensions (and web pages via externally_connectable, which we do not declare) carry another id.
  if (!sender || sender.id !== self.id) return 'untrusted';
  // A page of the tab that is not the one shown (Chromium renders pages ahead, unseen, in the
  // tab: a prerender) shares the shown page's tab id: its reports and its frames' asks would be
  // taken for the shown page's, and move the tab's deal or call (and its frame token) under it.
  // Its own content scripts wait until it is shown (lib/page/when-shown.ts). Firefox says none.
  if (sender.documentLifecycle !== undefined && sender.documentLifecycle !== 'active') return 'untrusted';
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return 'untrusted';
  }
  // Not URL.origin: for non-web schemes such as chrome-extension: some runtimes answer "null".
  if (`${url.protocol}//${url.host}` === self.origin) {
    const inTab = typeof sender.tab?.id === 'number' && sender.tab.id >= 0;
    // A frame of ours inside a web page: the sidebar or the call panel.
    const framed = inTab && (sender.frameId ?? 0) !== 0;
    if (url.pathname === '/sidebar.html') return framed ? 'sidebar' : 'untrusted';
    if (url.pathname === '/call-review.html') return framed ? 'call-panel' : 'untrusted';
    return framed ? 'untrusted' : 'extension-page';
  }
  // A content script: same extension id, a web page's URL, and a tab; only ever in the page the tab
  // shows (no manifest entry or injection of ours runs in a page's own frames), whose frame is 0.
  if ((url.protocol === 'https:' || url.protocol === 'http:') && typeof sender.tab?.id === 'number' && (sender.frameId ?? 0) === 0) {
    return 'content';
  }
  return 'untrusted';
}
