import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readFootprint, type MutationLike } from '../../../lib/page/read-footprint';

function page() {
  const { document } = parseHTML(`<html><body>
    <div id="host" class="active">
      <section id="details"><div id="amount-row"><span id="amount">$120,000.00</span></div></section>
      <div id="feed"><article id="item1">Call logged</article></div>
      <records-section id="shadow-host"></records-section>
    </div>
    <nav id="global">Home</nav>
  </body></html>`);
  const sr = document.getElementById('shadow-host')!.attachShadow({ mode: 'open' });
  sr.innerHTML = '<div id="next-row"><span id="next">Send the plan</span></div>';
  const get = (id: string) => (document.getElementById(id) ?? sr.querySelector(`#${id}`))!;
  return { document, sr, get };
}

const attr = (target: Node): MutationLike => ({ type: 'attributes', target, removedNodes: [] });
const children = (target: Node, removed: Node[] = []): MutationLike => ({ type: 'childList', target, removedNodes: removed });
const text = (target: Node): MutationLike => ({ type: 'characterData', target, removedNodes: [] });

describe('read footprint', () => {
  it('is touched by a change inside an element a value was read from', () => {
    const { get } = page();
    const fp = readFootprint([get('amount'), get('next')]);
    expect(fp.touchedBy(text(get('amount').firstChild!))).toBe(true);
    expect(fp.touchedBy(children(get('amount')))).toBe(true);
    // inside an open shadow root
    expect(fp.touchedBy(text(get('next').firstChild!))).toBe(true);
  });

  it('is touched by an attribute change on an ancestor (shown, hidden), shadow boundaries included', () => {
    const { get, document } = page();
    const fp = readFootprint([get('amount'), get('next')]);
    expect(fp.touchedBy(attr(get('details')))).toBe(true);
    expect(fp.touchedBy(attr(get('host')))).toBe(true);
    expect(fp.touchedBy(attr(document.body))).toBe(true);
    expect(fp.touchedBy(attr(get('shadow-host')))).toBe(true);
  });

  it('is touched when a read element or one of its ancestors is removed', () => {
    const { get } = page();
    const fp = readFootprint([get('amount'), get('next')]);
    const row = get('amount-row');
    row.remove();
    expect(fp.touchedBy(children(get('details'), [row]))).toBe(true);
    const nextRow = get('next-row');
    expect(fp.touchedBy(children(nextRow.parentNode!, [nextRow]))).toBe(true);
  });

  it('is not touched by what happens elsewhere: a feed growing, children added beside, other attributes', () => {
    const { get, document } = page();
    const fp = readFootprint([get('amount'), get('next')]);
    const item = document.createElement('article');
    get('feed').append(item);
    expect(fp.touchedBy(children(get('feed')))).toBe(false);
    expect(fp.touchedBy(attr(item))).toBe(false);
    expect(fp.touchedBy(text(get('item1').firstChild!))).toBe(false);
    expect(fp.touchedBy(attr(get('global')))).toBe(false);
    // a new sibling added to an ancestor, nothing removed
    expect(fp.touchedBy(children(get('host')))).toBe(false);
    // something else removed from an ancestor
    const old = get('item1');
    old.remove();
    expect(fp.touchedBy(children(get('feed'), [old]))).toBe(false);
  });

  it('lists what to watch: the elements read from, and their ancestors to the document', () => {
    const { get, document, sr } = page();
    const fp = readFootprint([get('amount'), get('next')]);
    expect([...fp.readFrom]).toEqual([get('amount'), get('next')]);
    for (const n of [get('amount-row'), get('details'), get('host'), document.body, document.documentElement, document, get('next-row'), sr, get('shadow-host')]) {
      expect(fp.ancestors.has(n)).toBe(true);
    }
    expect(fp.ancestors.has(get('amount'))).toBe(false);
    expect(fp.ancestors.has(get('feed'))).toBe(false);
  });

  it('with nothing read, nothing touches it (the watcher then reads on every mutation instead)', () => {
    const { get } = page();
    expect(readFootprint([]).touchedBy(attr(get('host')))).toBe(false);
  });
});
