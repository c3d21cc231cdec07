/** Senders of runtime messages as the browser describes them, for the router's tests (test/unit/messages). */

export const self = { id: 'ourid', origin: 'chrome-extension://ourid' };
export const CRM = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';

export const senders = {
  content: { id: 'ourid', url: CRM, tab: { id: 4 }, frameId: 0 },
  sidebar: { id: 'ourid', url: 'chrome-extension://ourid/sidebar.html', tab: { id: 4 }, frameId: 7 },
  popup: { id: 'ourid', url: 'chrome-extension://ourid/popup.html' },
  otherExtension: { id: 'evil', url: 'chrome-extension://evil/x.html' },
  noId: { url: CRM, tab: { id: 4 } },
  sidebarTopLevel: { id: 'ourid', url: 'chrome-extension://ourid/sidebar.html', tab: { id: 4 }, frameId: 0 },
  popupFramed: { id: 'ourid', url: 'chrome-extension://ourid/popup.html', tab: { id: 4 }, frameId: 3 },
  fileUrl: { id: 'ourid', url: 'file:///etc/passwd', tab: { id: 4 } },
  // Chromium: the page the tab shows, and a page rendered ahead, unseen, in the same tab (its own frame id)
  contentShown: { id: 'ourid', url: CRM, tab: { id: 4 }, frameId: 0, documentLifecycle: 'active' },
  contentPrerendered: { id: 'ourid', url: CRM, tab: { id: 4 }, frameId: 697, documentLifecycle: 'prerender' },
  contentCached: { id: 'ourid', url: CRM, tab: { id: 4 }, frameId: 0, documentLifecycle: 'cached' },
  sidebarInPrerendered: { id: 'ourid', url: 'chrome-extension://ourid/sidebar.html', tab: { id: 4 }, frameId: 698, documentLifecycle: 'prerender' },
  contentInSubframe: { id: 'ourid', url: CRM, tab: { id: 4 }, frameId: 5, documentLifecycle: 'active' },
};
