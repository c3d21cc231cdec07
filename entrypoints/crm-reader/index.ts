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
});
