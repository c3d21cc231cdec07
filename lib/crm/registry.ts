/**
 * Every CRM adapter, and the two questions the content script asks of an
 * address: which adapter owns this host, and is this a deal record.
 */
import { dynamics } from './dynamics';
import { hubspot } from './hubspot';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import type { CrmAdapter, DealAddress } from './types';
import { zoho } from './zoho';

export const ADAPTERS: readonly CrmAdapter[] = [salesforce, hubspot, pipedrive, dynamics, zoho];

/** The adapter that owns this host (hostname test only), or null. */
export const adapterFor = (url: URL): CrmAdapter | null => ADAPTERS.find((a) => a.matchesHost(url)) ?? null;

/** A built-in CRM's adapter, for a site the user added in Options and said runs that CRM. */
export const adapterForUserSite = (crm: string): CrmAdapter | null => ADAPTERS.find((a) => a.id === crm)?.onUserSite() ?? null;

/** The deal record this address shows, or null for every other page. */
export const parseDealAddress = (url: URL): DealAddress | null => adapterFor(url)?.parseDealAddress(url) ?? null;
