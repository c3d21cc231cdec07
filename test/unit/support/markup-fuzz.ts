/**
 * What the seeded fuzzes of page markup share (test/unit/crm/fuzz-markup.test.ts,
 * test/unit/calls/fuzz-recording-pages.test.ts): the odd texts a page may show, and the
 * mutations of one element of a page (removed, moved, copied, given an odd text or
 * attribute, wrapped, or made the host of an open shadow root). Each mutation says
 * what it did, so a failure lists the page's changes in order. The generator is
 * ./fuzz.ts's.
 */
import { pick, type Rng } from './fuzz';

/** Texts a page may show where a value belongs. */
export const ODD_TEXTS = [
  '',
  ' ',
  ' \t\n\r\u00a0\u2007\u2009\u202f\u2028\u3000 ',
  'lorem ipsum '.repeat(834).slice(0, 10_000),
  '9'.repeat(10_000),
  '1/'.repeat(5_000),
  'x' + '💰'.repeat(5_000), // clipped at an even length: through the middle of an emoji
  '\u202eevitcA\u202c שלום עולם \u0627\u0644\u0639\u0631\u0628\u064a\u0629',
  '\u200b\u200c\u200d\u2060\ufeff',
  '💰🚀 👩‍👩‍👧‍👦 🇺🇸',
  'NaN',
  '-',
  '--',
  '$',
  '1e309',
  '-$1e309',
  '12/31/99999',
  '31.12.99999',
  '\ud800 lone surrogate',
  '\u0000\u0007\u001b[31m control',
  '<b>not markup</b>',
];

/** A value as a failure shows it: quoted, long ones cut. */
export const short = (s: string) => JSON.stringify(s.length > 24 ? `${s.slice(0, 24)}…(${s.length})` : s);

/**
 * What a mutation may pick: every element of the document and of its open shadow roots
 * (`all`, in document order), and those matching `selector` with their children (`read`).
 */
export function elementsOf(doc: Document, selector: string): { all: Element[]; read: Element[] } {
  const all: Element[] = [];
  const read: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll(selector))) read.push(el, ...Array.from(el.children));
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(doc);
  return { all, read };
}

/** An element, or its parent (a shadow root's host from the top of its tree). */
export const up = (el: Element): Element => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host as Element | undefined) ?? el;

/** Is `node` `other` or inside it, across shadow boundaries? */
export function inside(node: Node, other: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (n === other) return true;
  return false;
}

/** `#index <tag#id.class.class key="value">`: the element as a failure names it; `keys`: the attributes worth naming, first found shown. */
export function describeElement(el: Element, all: Element[], keys: readonly string[]): string {
  const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 2);
  const key = keys.find((a) => el.hasAttribute(a));
  const where = el.getRootNode() !== el.ownerDocument ? ' (in a shadow root or detached)' : '';
  return `#${all.indexOf(el)} <${el.localName}${el.id ? '#' + el.id : ''}${cls.map((c) => '.' + c).join('')}${key ? ` ${key}="${el.getAttribute(key)!.slice(0, 40)}"` : ''}>${where}`;
}

const SHADOW_HOSTS = /^(?:[a-z][a-z0-9]*-[a-z0-9-]*|article|aside|blockquote|body|div|footer|h[1-6]|header|main|nav|p|section|span)$/;

/** How many kinds of mutation `mutateElement` knows: draw one with `Math.floor(rng() * MUTATION_KINDS)`. */
export const MUTATION_KINDS = 7;

export interface MutationOptions {
  /** attribute name → the values it may be given */
  attrs: Record<string, readonly string[]>;
  /** the tags an element may be wrapped in */
  wrappers: readonly string[];
  /** the element as a failure names it */
  describe: (el: Element) => string;
  /** where attribute `name` is set (the page's language goes on the root element); `el` by default */
  attrOn?: (name: string, el: Element) => Element;
}

/**
 * Applies mutation `kind` (0 … MUTATION_KINDS − 1) to `el`, one of `all` (elementsOf), drawing what
 * else it needs from `rng`; returns what it did. The root element is only removed, changed or
 * given a shadow root.
 */
export function mutateElement(doc: Document, rng: Rng, el: Element, all: Element[], kind: number, opts: MutationOptions): string {
  const what = opts.describe(el);
  const nested = el.parentNode !== doc;
  switch (kind) {
    case 0:
      el.remove();
      return `remove ${what}`;
    case 1: {
      const to = pick(rng, all);
      if (!nested || inside(to, el)) return `move ${what}: no place (skipped)`;
      const before = pick(rng, [null, ...Array.from(to.childNodes)]);
      to.insertBefore(el, before);
      return `move ${what} into ${opts.describe(to)}, child ${Array.from(to.childNodes).indexOf(el)} of its nodes`;
    }
    case 2:
      if (!nested) return `duplicate ${what}: the root element (skipped)`;
      el.after(el.cloneNode(true));
      return `duplicate ${what}`;
    case 3: {
      const text = pick(rng, ODD_TEXTS);
      if (el.localName === 'input') el.setAttribute('value', text);
      else el.textContent = text;
      return `text of ${what} = ${short(text)}`;
    }
    case 4: {
      const own = Array.from(el.attributes).map((a) => a.name);
      if (own.length && rng() < 0.3) {
        const name = pick(rng, own);
        el.removeAttribute(name);
        return `remove ${name} from ${what}`;
      }
      const name = pick(rng, Object.keys(opts.attrs));
      const value = pick(rng, opts.attrs[name]!);
      const on = opts.attrOn?.(name, el) ?? el;
      on.setAttribute(name, value);
      return `set ${name}=${short(value)} on ${on === el ? what : `<${on.localName}>`}`;
    }
    case 5: {
      if (!nested) return `wrap ${what}: the root element (skipped)`;
      const wrapper = doc.createElement(pick(rng, opts.wrappers));
      el.before(wrapper);
      wrapper.append(el);
      return `wrap ${what} in <${wrapper.localName}>`;
    }
    default: {
      if (el.shadowRoot || !SHADOW_HOSTS.test(el.localName)) return `shadow root on ${what}: not a host (skipped)`;
      const root = el.attachShadow({ mode: 'open' });
      const kids = Array.from(el.childNodes);
      const moved = kids.slice(0, Math.ceil(rng() * kids.length));
      root.append(...moved);
      const slot = rng() < 0.5;
      if (slot) root.append(doc.createElement('slot'));
      return `open shadow root on ${what}, ${moved.length} of ${kids.length} children moved in${slot ? ', a <slot> after them' : ''}`;
    }
  }
}
