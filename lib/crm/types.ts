/**
 * The one interface every CRM adapter implements. Adapters run inside the
 * content script, so this file and every adapter must stay free of React, zod
 * and browser extension APIs: plain DOM + URL only, and small.
 */

export type CrmId =
  | 'salesforce'
  | 'hubspot'
  | 'pipedrive'
  | 'dynamics'
  | 'zoho'
  | 'custom';

/** A value the page shows, kept verbatim, plus what could be parsed from it without guessing. */
export interface AmountRead {
  /** exactly as shown, e.g. "$120,000.00", "€1.234,56", "£1.2M" */
  text: string;
  /** parsed number, only when unambiguous */
  value?: number;
  /** ISO 4217 code, only when unambiguous */
  currency?: string;
}

export interface DateRead {
  /** exactly as shown, e.g. "12/31/2026", "31.12.2026", "Dec 31, 2026" */
  text: string;
  /** YYYY-MM-DD, only when unambiguous */
  iso?: string;
}

export interface NextStepRead {
  /** '' when the page shows the field blank (cleared in the CRM) */
  text: string;
  date?: DateRead;
}

/**
 * What the content script reads from a deal page. Plain data; the background
 * validates it with zod (lib/model/deal.ts `dealSnapshotSchema`) before use.
 */
export interface DealSnapshot {
  crm: CrmId;
  /** the CRM's record id, e.g. "0065g00000AbCdEAAZ" or "1234567890" */
  recordId: string;
  /** host the record was read on, e.g. "acme.lightning.force.com" (links back to the CRM) */
  host: string;
  url: string;
  name?: string;
  amount?: AmountRead;
  stage?: string;
  closeDate?: DateRead;
  owner?: string;
  nextStep?: NextStepRead;
  /** the page's declared language (e.g. "de-DE"): how its numbers and dates are written */
  locale?: string;
  /** ISO instant the fields were read */
  readAt: string;
}

/** What an address alone says: is this a deal record, and which one. */
export interface DealAddress {
  crm: CrmId;
  recordId: string;
}

export interface CrmAdapter {
  id: CrmId;
  /** Human name, e.g. "Salesforce". */
  label: string;
  /** Does this adapter own this host at all? (cheap: hostname test only) */
  matchesHost(url: URL): boolean;
  /** Deal record address → id, or null for any other page (lists, contacts, settings…). */
  parseDealAddress(url: URL): DealAddress | null;
  /**
   * Read the visible record's fields. Must never throw; returns whatever it
   * could read (possibly just id + url). `doc` is passed in for testability.
   */
  readDeal(doc: Document, address: DealAddress, url: URL): Omit<DealSnapshot, 'readAt'>;
  /**
   * Is the record's content on the page yet? (SPA: the address changes before
   * fields arrive.) Used to wait before the first read. `NAMES_THIS_RECORD`:
   * rendered, and the page names this very record by its id, so what it shows
   * is this record's even when every field equals the deal before's (a clone).
   */
  isRecordRendered(doc: Document, address: DealAddress): Rendered;
  /**
   * Is the record open for editing on the page (its fields shown as form inputs
   * until saved or cancelled)? What a read finds meanwhile is the form — labels,
   * blanks, half-typed values — not the record, so nothing is reported until it
   * is saved. False for CRMs whose pages always show fields as inputs (Dynamics).
   */
  isRecordBeingEdited(doc: Document, address: DealAddress): boolean;
  /**
   * The same adapter on a site the user added in Options (their CRM at an
   * address of its own): owns every https host, reads the same way.
   */
  onUserSite(): CrmAdapter;
}

/** A record rendered whose page names it by its id (CrmAdapter.isRecordRendered). */
export const NAMES_THIS_RECORD = 2;
export type Rendered = boolean | typeof NAMES_THIS_RECORD;
