// Stage two of the CRM content script (stage one: entrypoints/crm-watch.ts):
// loaded on demand into the content script's isolated world, where it
// registers the deal reader. Web-accessible only on CRM hosts; it holds code,
// never data.
import { createDealReader } from './reader';

export default defineUnlistedScript(() => {
  // the layout the first stage asked for, if it did: the reader's first sidebar takes it
  const earlyPrefs = globalThis.__dealsideEarlyPrefs;
  globalThis.__dealsideEarlyPrefs = undefined;
  globalThis.__dealsideReader ??= createDealReader(earlyPrefs);
  // Back (or forward) to this page from the back-forward cache, scripts and all: the tab was
  // elsewhere meanwhile, so the background's record of its deal, and the token for its frame,
  // are a later page's. A reader started afresh asks for both again and reports the deal.
  addEventListener('pageshow', (e) => {
    if (!e.persisted || !e.isTrusted) return;
    globalThis.__dealsideReader?.stop();
    (globalThis.__dealsideReader = createDealReader()).sync(location.href);
  });
});
