import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { watchRecordFields } from '../../support/fields-watch.mjs';

/**
 * The sidebar benchmark's "fields on the page" moment (test/support/fields-watch.mjs),
 * on a page that does what the Lightning fixture's shell does: the record's markup is
 * there, active, as the page loads; the shell hides it, then shows it again later.
 * The budgeted moment is the showing; the first moment is kept apart.
 */
const HOST = `<div class="oneContent active lafPageHost" data-record-id="006A">
  <div data-target-selection-name="sfdc:RecordField.Opportunity.Name"><span>Acme renewal</span></div>
</div>`;

function page() {
  const { window, document } = parseHTML('<html><body><div id="stage"></div></body></html>');
  let clock = 1000;
  const win = Object.assign(window, { performance: { timeOrigin: 0, now: () => clock } }) as unknown as Window & {
    __fieldsAt: Record<string, number>;
    __firstFieldsAt: Record<string, number>;
  };
  watchRecordFields(win);
  const stage = document.getElementById('stage')!;
  /** lets the observer's callback run (linkedom delivers records in a microtask, as browsers do) */
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { win, document, stage, settle, at: (ms: number) => (clock = ms) };
}

describe('the sidebar benchmark: when a record counts as shown', () => {
  it('takes the moment the shell shows the record again, not the parse before it hid it', async () => {
    const { win, stage, settle, at } = page();
    at(100);
    stage.innerHTML = HOST; // the parse: active, with its Name field
    await settle();
    const host = stage.firstElementChild!;
    at(110);
    host.classList.remove('active'); // the shell starts: every host hidden
    host.setAttribute('hidden', '');
    await settle();
    at(260);
    host.removeAttribute('hidden'); // 150 ms later its fields "arrive"
    host.classList.add('active');
    await settle();
    expect(win.__fieldsAt['006A']).toBe(260);
    expect(win.__firstFieldsAt['006A']).toBe(100);
  });

  it('does not move while the record stays shown (an edit inside it is no new showing)', async () => {
    const { win, stage, settle, at } = page();
    at(300);
    stage.innerHTML = HOST;
    await settle();
    at(400);
    stage.querySelector('span')!.textContent = 'Acme renewal (edited)';
    stage.firstElementChild!.setAttribute('class', 'oneContent active lafPageHost slds-is-edited');
    await settle();
    expect(win.__fieldsAt['006A']).toBe(300);
  });

  it('counts a host shown without its Name field only once the field is in it', async () => {
    const { win, stage, settle, at, document } = page();
    at(500);
    stage.innerHTML = '<div class="oneContent active lafPageHost" data-record-id="006A"></div>';
    await settle();
    expect(win.__fieldsAt['006A']).toBeUndefined();
    at(540);
    const field = document.createElement('div');
    field.setAttribute('data-target-selection-name', 'sfdc:RecordField.Opportunity.Name');
    stage.firstElementChild!.append(field);
    await settle();
    expect(win.__fieldsAt['006A']).toBe(540);
  });
});
