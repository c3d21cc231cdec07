/**
 * Zoho CRM deal records ("Potentials" is the Deals module's internal name):
 * `https://crm.zoho.{com,eu,in,com.au,com.cn,jp}/crm/org{orgId}/tab/Potentials/{id}`, and
 * `crm.zohocloud.ca` (the data centres Zoho CRM's multi-DC API documentation lists).
 * recordId = `{orgId}-{id}` (just `{id}` on old addresses without the org).
 * Reads visible field labels (English), heading/title fallback for the name.
 */
import { defineCrm, firstVisible, pageBody, textOf, titleWithout, valueByLabel } from './dom';

const LABELS = 'label,dt,[role="rowheader"],[id^="label_"]';
const root = (doc: Document) => doc.querySelector('[role="main"],main') ?? pageBody(doc);

export const zoho = defineCrm({
  id: 'zoho',
  label: 'Zoho CRM',
  host: /^crm\.(?:zoho\.(?:com(?:\.au|\.cn)?|eu|in|jp)|zohocloud\.ca)$/,
  parse(url) {
    const m = /^\/crm\/(?:org(\d{1,15})\/)?tab\/Potentials\/(\d{1,25})\/?$/.exec(url.pathname);
    return m ? { crm: 'zoho', recordId: m[1] ? `${m[1]}-${m[2]}` : m[2]! } : null;
  },
  read(doc) {
    const r = root(doc);
    if (!r) return {};
    const label = (...l: string[]) => () => valueByLabel(r, l, LABELS);
    return {
      name: () =>
        valueByLabel(r, ['Deal Name'], LABELS) ||
        textOf(firstVisible(r, 'h1'), 'button') ||
        titleWithout(doc, /\s*[-|]\s*Zoho CRM\s*$|^Zoho CRM\s*-\s*.*$/i),
      amount: label('Amount'),
      stage: label('Stage'),
      closeDate: label('Closing Date'),
      owner: label('Deal Owner'),
      nextStep: label('Next Step'),
    };
  },
  rendered(doc) {
    const r = root(doc);
    return !!r && valueByLabel(r, ['Deal Name', 'Amount'], LABELS) !== undefined;
  },
});
