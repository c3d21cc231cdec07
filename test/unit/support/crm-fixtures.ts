/**
 * The CRM fixture pages the reader tests share: the manifest of fixture files with
 * the real CRM addresses they stand for, each file loaded as Chromium would parse it
 * (declarative shadow roots attached), and Lightning's navigation replayed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { adapterFor, parseDealAddress } from '../../../lib/crm/registry';
import type { CrmAdapter, DealAddress } from '../../../lib/crm/types';
import { enrichSnapshot } from '../../../lib/crm/values';

/** What the background stores: the adapter's texts, parsed by enrichSnapshot. */
export const readEnriched = (a: CrmAdapter, ...args: Parameters<CrmAdapter['readDeal']>) => enrichSnapshot(a.readDeal(...args));

export const DIR = join(__dirname, '../../fixtures/crm');

export interface Expect {
  name?: string;
  amountText?: string;
  amountValue?: number;
  currency?: string;
  stage?: string;
  closeDateText?: string;
  closeDateIso?: string;
  owner?: string;
  nextStepText?: string;
  nextStepDateIso?: string;
}
export interface Entry {
  file: string;
  url: string;
  crm: string;
  recordId?: string;
  deal?: false;
  expect?: Expect;
}

export const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Entry[];

/** What Chromium does while parsing: `<template shadowrootmode>` becomes an open shadow root. */
function hydrateShadowRoots(root: Document | ShadowRoot): void {
  for (const t of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = t.parentElement;
    if (!host) continue;
    const sr = host.attachShadow({ mode: 'open' });
    sr.innerHTML = t.innerHTML;
    t.remove();
    hydrateShadowRoots(sr);
  }
}

/** A fixture page as Chromium would parse it; `dir`: another fixture folder (the recording pages' test/fixtures/calls). */
export function load(file: string, dir = DIR): Document {
  const { document } = parseHTML(readFileSync(join(dir, file), 'utf8'));
  hydrateShadowRoots(document as unknown as Document);
  return document as unknown as Document;
}

/**
 * What the Lightning shell's script does on navigation (linkedom runs no
 * scripts): every page host loses `active` and is hidden; the record's host
 * moves last, visible and active; the title follows.
 */
export function showLightningRecord(doc: Document, recordId: string): void {
  const stage = doc.getElementById('stage')!;
  let target: Element | null = null;
  for (const host of Array.from(stage.querySelectorAll('.lafPageHost'))) {
    host.classList.remove('active');
    host.setAttribute('hidden', '');
    if (host.getAttribute('data-record-id')?.slice(0, 15) === recordId.slice(0, 15)) target = host;
  }
  if (!target) throw new Error(`no page host for ${recordId}`);
  stage.appendChild(target);
  target.removeAttribute('hidden');
  target.classList.add('active');
  doc.title = target.getAttribute('data-title') ?? doc.title;
}

export function fixtureFor(entry: Entry): { doc: Document; adapter: CrmAdapter; address: DealAddress; url: URL } {
  const url = new URL(entry.url);
  const doc = load(entry.file);
  const adapter = adapterFor(url)!;
  const address = parseDealAddress(url)!;
  if (entry.file === 'salesforce-lightning-opportunity.html') showLightningRecord(doc, address.recordId);
  return { doc, adapter, address, url };
}
