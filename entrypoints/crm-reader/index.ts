// Stage two of the CRM content script (stage one: entrypoints/crm-watch.ts):
// loaded on demand into the content script's isolated world, where it
// registers the deal reader. Web-accessible only on CRM hosts; it holds code,
// never data.
import { createDealReader } from './reader';

export default defineUnlistedScript(() => {
  globalThis.__dealsideReader ??= createDealReader();
});
