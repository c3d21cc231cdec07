/**
 * What a read of the record took its values from, and whether a mutation can
 * have changed that. The snapshot watcher reads again only for mutations that
 * touch the footprint: on a record page that keeps loading other things
 * (related lists, an activity feed) most mutations do not.
 *
 * A mutation touches it when it is
 *  - inside an element a value was read from (text edited, children replaced),
 *  - an attribute change on one of their ancestors (shown, hidden, restyled),
 *  - a removal of one of them or of an ancestor (re-rendered, replaced).
 * Children added beside them elsewhere do not. Ancestry crosses open shadow
 * roots: values often sit in them. No browser calls beyond the DOM nodes given.
 */
export interface MutationLike {
  type: string;
  target: Node;
  removedNodes: ArrayLike<Node>;
}

export interface ReadFootprint {
  /** the elements values were read from */
  readonly readFrom: ReadonlySet<Node>;
  /** their ancestors, across shadow roots up to the document (not themselves) */
  readonly ancestors: ReadonlySet<Node>;
  touchedBy(record: MutationLike): boolean;
}

/** A node's parent, or a shadow root's host. */
const up = (n: Node): Node | null => n.parentNode ?? (n as ShadowRoot).host ?? null;

export function readFootprint(elements: Iterable<Element>): ReadFootprint {
  const read = new Set<Node>(elements);
  const ancestry = new Set<Node>();
  for (const el of read) for (let n: Node | null = el; n && !ancestry.has(n); n = up(n)) ancestry.add(n);
  const ancestors = new Set([...ancestry].filter((n) => !read.has(n)));
  return {
    readFrom: read,
    ancestors,
    touchedBy(record) {
      for (let n: Node | null = record.target; n; n = up(n)) if (read.has(n)) return true;
      if (record.type === 'attributes' && ancestry.has(record.target)) return true;
      for (let i = 0; i < record.removedNodes.length; i++) if (ancestry.has(record.removedNodes[i]!)) return true;
      return false;
    },
  };
}
