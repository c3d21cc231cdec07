/**
 * Pipedrive deal records: `https://{company}.pipedrive.com/deal/{id}`.
 * recordId = `{company}-{id}`: deal ids are per company, so two companies'
 * deal 42 stay apart. No confirmed DOM facts: reads ARIA labels and visible
 * field labels (English), the page title for the name as a fallback.
 */
import { attributeText, defineCrm, firstVisible, pageBody, textOf, titleWithout, valueByAria, valueByLabel } from './dom';

const LABELS = 'label,dt,[role="rowheader"],[data-field-label]';
const TITLE = 'h1,[role="heading"][aria-level="1"]';
const root = (doc: Document) => doc.querySelector('main,[role="main"]') ?? pageBody(doc);

export const pipedrive = defineCrm({
  id: 'pipedrive',
  label: 'Pipedrive',
  host: /^(?!(?:www|app|api|developers|support|status|marketplace|oauth)\.)[a-z0-9][a-z0-9-]*\.pipedrive\.com$/,
  parse(url) {
    const m = /^\/deal\/(\d{1,15})\/?$/.exec(url.pathname);
    return m ? { crm: 'pipedrive', recordId: `${url.hostname.split('.')[0]}-${m[1]}` } : null;
  },
  read(doc) {
    const r = root(doc);
    if (!r) return {};
    const label = (...l: string[]) => () => valueByLabel(r, l, LABELS);
    return {
      name: () => textOf(firstVisible(r, TITLE), 'button,svg') || titleWithout(doc, /\s+[-|–]\s+Pipedrive\s*$/i),
      amount: () => valueByAria(r, ['Deal value']) ?? valueByLabel(r, ['Value'], LABELS),
      stage: () => {
        const step = firstVisible(r, '[aria-current="step"]');
        return attributeText(step, 'title') || textOf(step) || valueByLabel(r, ['Stage'], LABELS);
      },
      closeDate: label('Expected close date'),
      owner: () => valueByAria(r, ['Owner']) ?? valueByLabel(r, ['Owner'], LABELS),
      nextStep: label('Next step'),
    };
  },
  rendered(doc) {
    const r = root(doc);
    return !!r && !!firstVisible(r, TITLE) && !!r.querySelector('[aria-label="Deal value"],dt,label');
  },
});
