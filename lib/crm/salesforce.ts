/**
 * Salesforce Opportunity records, Lightning and Classic.
 *
 * Addresses: `/lightning/r/Opportunity/{id}/view`, `/lightning/r/{id}/view`
 * (006 ids only), `/one/one.app#/sObject/{id}/view`, Classic `/{id}`; on
 * `*.lightning.force.com` (sandboxes `org--sbx.sandbox.…` included),
 * `*.my.salesforce.com`, `na1.salesforce.com`-style pods (the only hosts where
 * the Classic `/{id}` is read), and the same hosts behind the `*.mcas.ms` proxy. Query strings (console `?ws=…`) are ignored.
 *
 * Record ids: an 18-character id is kept exactly as shown. A 15-character id
 * (Classic addresses, old links) is extended to its 18-character form with
 * Salesforce's own case checksum, so both forms of one record give the same
 * recordId. (The suffix of an 18-character id is not re-checked.)
 *
 * Reading (Lightning): only the ACTIVE page host is read. Lightning keeps the
 * pages of records visited earlier in the DOM, hidden; reading the first match
 * in the document would report a stale record. While the active host shows
 * another record id (the address changed first), or no host is active,
 * nothing is read. While the record is open for editing (every field an input
 * until saved), nothing is reported (`editing`).
 */
import { NAMES_THIS_RECORD, type DealAddress } from './types';
import { cssEscape, defineCrm, firstVisible, isHidden, pageBody, pageTitle, scopeOf, textOf, type FieldReaders, type Scope } from './dom';

const ID = /^006[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** 15-character id → 18-character id (Salesforce's case-insensitive form). */
export function salesforceId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let flags = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[chunk + i]!)) flags |= 1 << i;
    suffix += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'[flags];
  }
  return id15 + suffix;
}

function opportunityId(raw: string | undefined): string | null {
  const id = raw ? decodeURIComponent(raw) : '';
  return ID.test(id) ? (id.length === 15 ? salesforceId18(id) : id) : null;
}

/**
 * Where a Classic record address (`/{id}`) is one: an org's My Domain (sandbox, develop,
 * scratch, trailblaze… orgs too) or an instance pod (`na1`, `cs42`, `eu12`). Not other salesforce.com sites (AppExchange, Help…),
 * where a link to `/{006 id}` must not be read as that org's deal.
 */
const CLASSIC_HOST = /^(?:[^.]+\.(?:[a-z]+\.)?my|[a-z]{2,4}\d+)\.salesforce\.com(?:\.mcas\.ms)?$/;

function parse(url: URL): DealAddress | null {
  const path = url.pathname;
  const m =
    /^\/lightning\/r\/(?:opportunity\/)?([^/]+)\/view\/?$/i.exec(path) ??
    (/^\/one\/one\.app\/?$/.test(path) ? /^#\/sObject\/([^/?]+)(?:\/view)?\/?(?:\?.*)?$/.exec(url.hash) : null) ??
    (CLASSIC_HOST.test(url.hostname) ? /^\/([^/]+)\/?$/.exec(path) : null);
  const id = opportunityId(m?.[1]);
  return id ? { crm: 'salesforce', recordId: id } : null;
}

type Field = 'Name' | 'Amount' | 'StageName' | 'CloseDate' | 'OwnerId' | 'NextStep';

/** Layout labels (user language; English first, then German): Lightning's layout items and Classic's label cells. */
const LABELS: Record<Field, string[]> = {
  Name: ['Opportunity Name', 'Opportunity-Name'],
  Amount: ['Amount', 'Betrag'],
  StageName: ['Stage', 'Phase'],
  CloseDate: ['Close Date', 'Schlusstermin'],
  OwnerId: ['Opportunity Owner', 'Opportunity-Inhaber'],
  NextStep: ['Next Step', 'Nächster Schritt'],
};

const FORMATTED = 'text,number,date-time,rich-text,name,url,email,phone'.replace(/[^,]+/g, 'lightning-formatted-$&');
/** Text in a field that is not its value: assistive text, edit buttons, labels, help. */
const SKIP = '.slds-assistive-text,.assistiveText,button,lightning-helptext,.test-id__field-label';
const NAME_FIELD = '[data-target-selection-name="sfdc:RecordField.Opportunity.Name"]';
/**
 * The record open for editing: Lightning's inline edit turns every field of the layout into
 * an input at once, under a docked footer with Cancel and Save (`SaveEdit`), until saved.
 * A view-mode checkbox field is a disabled checkbox.
 */
const CONTROL = ':is(input:not([type=hidden],[type=checkbox]),textarea,select):not([disabled],[readonly])';
const SAVE_EDIT = 'button[name="SaveEdit"]';
const FIELDS = Object.keys(LABELS) as Field[];

/** The active page host: classes `active` + `lafPageHost`/`windowViewMode-*`; the last visible one. */
export function activePageHost(doc: Document): Element | null {
  return (
    Array.from(doc.querySelectorAll('.active.lafPageHost,.active[class*="windowViewMode-"]'))
      .reverse()
      .find((el) => /(?:^|\s)(?:lafPageHost|windowViewMode-\S+)(?:\s|$)/.test(el.className) && !isHidden(el)) ?? null
  );
}

/** Lightning page hosts exist but none is active: a navigation is in progress. */
const betweenPages = (doc: Document) => !!doc.querySelector('.lafPageHost,[class*="windowViewMode-"]');

function valueIn(container: Element): string {
  const value = scopeOf(container).query('.test-id__field-value') ?? container;
  const s = scopeOf(value);
  return textOf(s.query(FORMATTED) ?? s.query('a') ?? value, SKIP);
}

/** Where a field of the record may be shown, in the order they are tried: its Lightning target, then its layout label. */
function* fieldContainers(scope: Scope, f: Field): Generator<Element> {
  yield* scope.each(`[data-target-selection-name="sfdc:RecordField.Opportunity.${f}"]`);
  for (const l of LABELS[f])
    for (const item of scope.each(`records-record-layout-item[field-label="${cssEscape(l)}"]`))
      yield scopeOf(item).query('slot[name="outputField"]') ?? item;
}

/**
 * A field of the record in `scope`: its value, '' when present but blank, undefined when absent.
 * The first shown container with a value wins; later ones (and the shadow roots they
 * may sit in) are looked for only when the earlier ones have none.
 */
function field(scope: Scope, f: Field): string | undefined {
  let present = false;
  for (const c of fieldContainers(scope, f)) {
    if (isHidden(c)) continue;
    present = true;
    const v = valueIn(c);
    if (v) return v;
  }
  return present ? '' : undefined;
}

/**
 * Does the active host show this record? From its own `data-record-id`, else from the
 * records named inside it: this one anywhere is a match; another opportunity named first
 * is another record's page. Lookups and hover cards inside the record name accounts,
 * contacts and users (ids not starting 006) and say nothing. Else links carrying the id.
 */
function hostShows(host: Element, address: DealAddress): 'match' | 'other' | 'unknown' {
  const id15 = address.recordId.slice(0, 15);
  const own = host.getAttribute('data-record-id');
  if (own) return own.slice(0, 15) === id15 ? 'match' : 'other';
  let firstOpportunity: string | undefined;
  for (const el of host.querySelectorAll('[data-record-id]')) {
    const id = el.getAttribute('data-record-id') ?? '';
    if (id.slice(0, 15) === id15) return 'match';
    firstOpportunity ??= id.startsWith('006') ? id : undefined;
  }
  if (firstOpportunity) return 'other';
  return host.querySelector(`a[href*="${cssEscape(id15)}"]`) ? 'match' : 'unknown';
}

/** "Acme — Renewal | Opportunity | Salesforce" → "Acme — Renewal". */
function titleName(doc: Document): string {
  const parts = pageTitle(doc).split(' | ');
  if (/^salesforce\b/i.test(parts[parts.length - 1] ?? '')) parts.pop();
  if (parts.length > 1) parts.pop(); // the object label
  return parts.join(' | ');
}

function readLightning(doc: Document, address: DealAddress): FieldReaders {
  const host = activePageHost(doc);
  if (host ? hostShows(host, address) === 'other' : betweenPages(doc)) return {};
  const root = host ?? pageBody(doc);
  if (!root) return {};
  const scope = scopeOf(root);
  const f = (name: Field) => () => field(scope, name);
  return {
    name: () => field(scope, 'Name') || textOf(scope.queryAll('[slot="primaryField"]').find((el) => !isHidden(el)), SKIP) || titleName(doc),
    amount: f('Amount'),
    stage: f('StageName'),
    closeDate: f('CloseDate'),
    owner: f('OwnerId'),
    nextStep: f('NextStep'),
  };
}

/**
 * Classic detail page: `td.labelCol` → next `td.dataCol`. Labels are in the user's language:
 * any listed for the field, in the list's order (English first), so a custom field that happens
 * to be called "Phase" on an English layout does not pass for the stage.
 */
function readClassic(doc: Document, body: Element): FieldReaders {
  const labels = [...body.querySelectorAll('.labelCol')];
  const cell = (f: Field) =>
    LABELS[f]
      .map((name) => labels.find((l) => textOf(l).replace(/\s*[:*]$/, '') === name))
      .find((l) => l)
      ?.nextElementSibling?.closest('.dataCol');
  // undefined when the layout has no such field, '' when its cell is blank
  const f = (name: Field) => () => {
    const c = cell(name);
    return c && textOf(c, 'img');
  };
  return {
    name: () => f('Name')() || textOf(body.querySelector('h2.pageDescription')) || titleName(doc),
    amount: f('Amount'),
    stage: f('StageName'),
    closeDate: f('CloseDate'),
    // the owner cell also holds "[Change]": the user link is the value
    owner: () => {
      const c = cell('OwnerId');
      return textOf(c?.querySelector('a') ?? c);
    },
    nextStep: f('NextStep'),
  };
}

const isClassic = (body: Element | null) => !!body?.querySelector('.labelCol,h2.pageDescription');

export const salesforce = defineCrm({
  id: 'salesforce',
  label: 'Salesforce',
  host: /^(?!(?:www|help|trailhead|developer|login|test|status)\.).+\.(?:lightning\.force|salesforce)\.com(?:\.mcas\.ms)?$/,
  parse,
  read(doc, address) {
    const body = pageBody(doc);
    return !activePageHost(doc) && body && isClassic(body) ? readClassic(doc, body) : readLightning(doc, address);
  },
  rendered(doc, address) {
    const host = activePageHost(doc);
    if (host) {
      const shows = hostShows(host, address);
      return shows !== 'other' && !!scopeOf(host).query(`${NAME_FIELD},[slot="primaryField"],records-record-layout-item`) && (shows !== 'match' || NAMES_THIS_RECORD);
    }
    const body = pageBody(doc);
    if (isClassic(body)) return true;
    return !betweenPages(doc) && !!body && scopeOf(body).queryAll(NAME_FIELD).some((el) => !isHidden(el));
  },
  editing(doc) {
    // Lightning's: Classic's inline edit opens one cell at a time, in a box of its own.
    // Both signs are required, and a field counts only when none of its containers shows a
    // value: a form beside the record (a quick action updating it, the activity composer)
    // has inputs for its fields, and a Save button of its own, while the record shows them.
    // Containers are looked in as a read does (in order, shadow roots only past the light
    // DOM's), and for the footer only once a field is an input.
    // (A host showing another record is not read at all: whether it is being edited does not matter.)
    const body = pageBody(doc);
    const root = activePageHost(doc) ?? (isClassic(body) ? null : body);
    if (!root) return false;
    const scope = scopeOf(root);
    const asInput = (f: Field) => {
      let input = false;
      for (const c of fieldContainers(scope, f)) {
        if (isHidden(c)) continue;
        if (firstVisible(c, CONTROL)) input = true;
        else if (valueIn(c)) return false;
      }
      return input;
    };
    return FIELDS.some(asInput) && !!firstVisible(root, SAVE_EDIT);
  },
});
