/**
 * Dynamics 365 opportunity records:
 * `https://{org}.crm{N}.dynamics.com/main.aspx?…&pagetype=entityrecord&etn=opportunity&id={guid}`
 * (or `/apps/{app URL suffix}/main.aspx?…`).
 * recordId = the GUID, lowercased, without braces. Reads the form's field
 * controls (`[data-id="{field}.fieldControl-…"]`) and visible labels; title
 * fallback for the name.
 */
import { defineCrm, fieldText, firstVisible, pageBody, titleWithout, valueByLabel } from './dom';

const root = (doc: Document) => doc.querySelector('[data-id="editFormRoot"],[role="main"],main') ?? pageBody(doc);

export const dynamics = defineCrm({
  id: 'dynamics',
  label: 'Dynamics 365',
  host: /^[a-z0-9][a-z0-9-]*\.crm\d{0,2}\.dynamics\.com$/,
  parse(url) {
    const q = (k: string) => (url.searchParams.get(k) ?? '').toLowerCase();
    const m = /^\{?([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})\}?$/.exec(q('id'));
    // a model-driven app with an app URL suffix serves its pages under /apps/{suffix}/
    return /^(?:\/apps\/[^/]+)?\/main\.aspx$/i.test(url.pathname) && q('pagetype') === 'entityrecord' && q('etn') === 'opportunity' && m
      ? { crm: 'dynamics', recordId: m[1]! }
      : null;
  },
  read(doc) {
    const r = root(doc);
    if (!r) return {};
    // a field by its logical name, else by its label
    const f = (logical: string, ...labels: string[]) => () =>
      fieldText(firstVisible(r, `[data-id^="${logical}.fieldControl"]`)).replace(/^-+$/, '') || valueByLabel(r, labels);
    return {
      // the header's title attribute is the name alone; its text adds the save state, in the user's language
      name: (h = firstVisible(r, '[data-id="header_title"],h1')) =>
        h?.getAttribute('title')?.trim() ||
        fieldText(h).replace(/\s*-\s*(?:Saved|Unsaved)$/i, '') ||
        f('name')() ||
        titleWithout(doc, /^(?:Opportunity:\s*)+|\s+-\s+Dynamics 365.*$/gi),
      amount: f('estimatedvalue', 'Est. Revenue'),
      stage: f('stepname', 'Pipeline Phase'),
      closeDate: f('estimatedclosedate', 'Est. Close Date'),
      owner: f('ownerid', 'Owner'),
      nextStep: f('nextstep', 'Next Step'),
    };
  },
  rendered: (doc) => !!firstVisible(doc, '[data-id="header_title"],[data-id^="name.fieldControl"]'),
});
