/**
 * What a screen reader hears from the sidebar's date fields and disabled Save buttons: a date
 * typed and not accepted (not a date, or refused) marks its field invalid, and the hint saying
 * why describes the field; a Save button disabled with one of its fields filled and another not
 * is described by a short hint saying what is missing (so is the first-run "Save" with no name).
 * Rendered with react-dom/client into linkedom; what was typed comes in as the stored draft (as
 * after a reload), the background's answers mocked; the date parser loaded before rendering.
 */
import { vi } from 'vitest';
import { parseHTML } from 'linkedom';
import type { ReactElement } from 'react';
import type { RequestType } from '../../../lib/messages/protocol';
import type { Commitment, Person } from '../../../lib/model';
import { commitmentDraftKey, nextStepDraftKey, outcomeDraftKey } from '../../../lib/model/keys';

// The DOM first: the sidebar's modules are loaded below it (the dock's line listens on the window as it loads).
const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
Object.assign(window, { location: { href: 'chrome-extension://dealside/sidebar.html#0123abcd', hash: '#0123abcd', protocol: 'chrome-extension:' } });
Object.assign(globalThis, {
  window,
  document,
  navigator: { platform: 'Linux', language: 'en-US', userAgent: 'Node' },
  location: window.location,
  HTMLElement: window.HTMLElement,
  Node: window.Node,
  IS_REACT_ACT_ENVIRONMENT: true,
  addEventListener: () => {},
  removeEventListener: () => {},
});

/** The stored drafts, by key: what was typed in each form. */
let drafts: Record<string, Record<string, string>> = {};
const send = vi.fn(async (request: { type: RequestType; key?: string }) => {
  if (request.type === 'draft/get') return drafts[request.key!] ? { key: request.key, value: drafts[request.key!], updatedAt: '2026-10-30T15:00:00.000Z' } : null;
  return new Promise(() => {}); // nothing else is answered here
});
vi.mock('../../../lib/messages/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/messages/client')>()),
  send: (r: { type: RequestType; key?: string }) => send(r),
  onChange: () => () => {},
  onExtensionGone: () => () => {},
}));

const { createElement } = await import('react');
const { act } = await import('react');
const { createRoot } = await import('react-dom/client');
const { loadDueParser } = await import('../../../entrypoints/sidebar/hooks/useDueParser');
const { NextStepSection } = await import('../../../entrypoints/sidebar/sections/NextStepSection');
const { CommitmentSection } = await import('../../../entrypoints/sidebar/sections/CommitmentSection');
const { FirstRunForm } = await import('../../../components/FirstRunForm');
await loadDueParser();

const DEAL = 'hubspot:1';
const rep: Person = { name: 'Dana Reyes', role: 'rep' };

let root: ReturnType<typeof createRoot>;
beforeEach(() => {
  drafts = {};
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')! as unknown as Element);
});
afterEach(async () => {
  await act(async () => root.unmount());
});
const render = async (el: ReactElement) => {
  await act(async () => root.render(el));
  // the stored drafts arrive, and the forms they open render
  await act(async () => {});
};

/** The control a label names (by its text). */
function field(label: string): HTMLElement {
  const l = [...document.querySelectorAll('label')].find((x) => x.textContent!.trim() === label);
  expect(l, `a label "${label}"`).toBeDefined();
  const el = document.getElementById(l!.getAttribute('for')!);
  expect(el, `the control labelled "${label}"`).not.toBeNull();
  return el as HTMLElement;
}
const button = (name: string) => {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent!.trim() === name);
  expect(b, `a button "${name}"`).toBeDefined();
  return b as HTMLButtonElement;
};
/** What aria-describedby gives as an element's description: each id's text, in order, the empty ones left out. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => {
      const target = document.getElementById(id);
      expect(target, `aria-describedby names #${id}, which is not in the document`).not.toBeNull();
      return target!.textContent!.trim();
    })
    .filter(Boolean)
    .join(' ');
const invalid = (el: Element) => el.getAttribute('aria-invalid') === 'true';

describe('the next step’s date', () => {
  const withTyped = (date: string) => {
    drafts[nextStepDraftKey(DEAL)] = { editing: 'yes', text: 'Call the CFO', date, basis: '' };
    return render(createElement(NextStepSection, { now: new Date(), dealKey: DEAL, step: null, crmLabel: 'HubSpot', dateOrder: 'auto' }));
  };

  it('not a date: the field is marked invalid, and described by the hint saying so', async () => {
    await withTyped('blorp');
    const date = field('Next step date');
    expect(invalid(date)).toBe(true);
    expect(description(date)).toBe('Not a date Dealside understands.');
  });

  it('a date it reads: not invalid, and described by the date it was read as', async () => {
    await withTyped('next Tuesday');
    const date = field('Next step date');
    expect(invalid(date)).toBe(false);
    expect(description(date)).toMatch(/^→ Tue/);
  });

  it('nothing typed: not invalid', async () => {
    await withTyped('');
    expect(invalid(field('Next step date'))).toBe(false);
  });

  it('its Save button, disabled, is described by why: the date not read', async () => {
    await withTyped('blorp');
    const save = button('Save next step');
    expect(save.disabled).toBe(true);
    expect(description(save)).toContain('Not a date Dealside understands.');
  });
});

describe('a new commitment', () => {
  const withTyped = (text: string, due: string) => {
    drafts[commitmentDraftKey(DEAL)] = { text, due };
    return render(createElement(CommitmentSection, { dealKey: DEAL, commitments: [], user: rep, owner: 'Dana Reyes', now: new Date() }));
  };

  it('a due date it cannot read: "Due" is marked invalid, and still described by the hint saying so', async () => {
    await withTyped('send the MSA', 'blorp');
    const due = field('Due');
    expect(invalid(due)).toBe(true);
    expect(description(due)).toMatch(/^Not a date Dealside understands\./);
  });

  it('a past date is allowed (and said): not invalid', async () => {
    await withTyped('send the MSA', '1/5/2020');
    const due = field('Due');
    expect(invalid(due)).toBe(false);
    expect(description(due)).toMatch(/already past/);
    expect(button('Save commitment').disabled).toBe(false);
  });

  it('the words typed and no date: "Save commitment", disabled, says a due date is wanted', async () => {
    await withTyped('send the MSA', '');
    const save = button('Save commitment');
    expect(save.disabled).toBe(true);
    expect(description(save)).toBe('Add a due date to save.');
    expect(invalid(field('Due'))).toBe(false);
  });

  it('a date typed and no words: "Save commitment", disabled, says the commitment is wanted', async () => {
    await withTyped('', 'next Friday');
    const save = button('Save commitment');
    expect(save.disabled).toBe(true);
    expect(description(save)).toMatch(/^Type the commitment to save\./);
  });

  it('nothing typed, or both typed: no such hint', async () => {
    await withTyped('', '');
    expect(description(button('Save commitment'))).not.toMatch(/to save/);
    await act(async () => root.unmount());
    root = createRoot(document.getElementById('root')! as unknown as Element);
    await withTyped('send the MSA', 'next Friday');
    expect(button('Save commitment').disabled).toBe(false);
    expect(description(button('Save commitment'))).not.toMatch(/to save/);
  });
});

describe('renegotiating a due promise', () => {
  const due: Commitment = {
    id: 'c1',
    dealKey: DEAL,
    text: 'send the MSA',
    due: '2020-01-01',
    statedBy: rep,
    statedAt: '2019-12-20T10:00:00.000Z',
    status: 'open',
  } as Commitment;
  // a renegotiation half typed opens its fields again when shown
  const withTyped = (newDue: string, reason: string) => {
    drafts[outcomeDraftKey(DEAL)] = { 'c1/newDue': newDue, 'c1/reason': reason };
    return render(createElement(CommitmentSection, { dealKey: DEAL, commitments: [due], user: rep, owner: 'Dana Reyes', now: new Date() }));
  };

  it('a date already past is refused: "New due date" is marked invalid, and described by the hint saying so', async () => {
    await withTyped('yesterday', 'Legal is slow');
    const newDue = field('New due date');
    expect(invalid(newDue)).toBe(true);
    expect(description(newDue)).toMatch(/has passed: agree a date from today on\.$/);
  });

  it('not a date: marked invalid, and described by the hint saying so', async () => {
    await withTyped('blorp', 'Legal is slow');
    const newDue = field('New due date');
    expect(invalid(newDue)).toBe(true);
    expect(description(newDue)).toBe('Not a date Dealside understands.');
  });

  it('a date it takes: not invalid', async () => {
    await withTyped('in two weeks', 'Legal is slow');
    expect(invalid(field('New due date'))).toBe(false);
    expect(button('Save new date').disabled).toBe(false);
  });

  it('a new date and no reason: "Save new date", disabled, says a reason is wanted', async () => {
    await withTyped('in two weeks', '');
    const save = button('Save new date');
    expect(save.disabled).toBe(true);
    expect(description(save)).toMatch(/^Add a reason to save\./);
  });

  it('a reason and no new date: "Save new date", disabled, says a date is wanted', async () => {
    await withTyped('', 'Legal is slow');
    const save = button('Save new date');
    expect(save.disabled).toBe(true);
    expect(description(save)).toBe('Add a new due date to save.');
  });

  it('a refused date: "Save new date", disabled, is described by why', async () => {
    await withTyped('yesterday', 'Legal is slow');
    const save = button('Save new date');
    expect(save.disabled).toBe(true);
    expect(description(save)).toMatch(/has passed: agree a date from today on\./);
  });
});

describe('the first-run form', () => {
  it('no name yet: "Save", disabled, says to type one', async () => {
    await render(createElement(FirstRunForm, {}));
    const save = button('Save');
    expect(save.disabled).toBe(true);
    expect(description(save)).toBe('Type your name to save.');
  });

  it('a name: "Save" enabled, with no such hint', async () => {
    await render(createElement(FirstRunForm, { initial: { name: 'Dana Reyes', role: 'rep' } }));
    const save = button('Save');
    expect(save.disabled).toBe(false);
    expect(description(save)).toBe('');
    expect(document.body.textContent).not.toContain('to save');
  });
});
