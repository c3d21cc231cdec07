// Stage two of the CRM content script (see crm.content/index.ts): loaded on
// demand into the content script's isolated world, where it registers the
// deal reader. Web-accessible only on CRM hosts; it holds code, never data.
import { createDealReader } from './crm.content/reader';

export default defineUnlistedScript(() => {
  globalThis.__dealsideReader ??= createDealReader();
});
