/**
 * The 1–5 group's keys and clicks, called on its handlers without a DOM (the hooks stubbed):
 * every press scores, the current level included (a score given again this week), but not a
 * held key's repeats or a double click's second click.
 */
import { vi } from 'vitest';
vi.mock('react', async (importOriginal) => {
  const real = await importOriginal<typeof import('react')>();
  return {
    ...real,
    useId: () => 'g',
    useRef: (v: unknown) => ({ current: v }),
    useState: (init: unknown) => [typeof init === 'function' ? (init as () => unknown)() : init, () => undefined],
  };
});
import type { ReactElement, ReactNode } from 'react';
import { ScoreGroup } from '../../../components/ScoreGroup';

type Props = { onKeyDown?: (e: unknown) => void; onClick?: (e: unknown) => void; type?: string; value?: number; children?: ReactNode };
const key = (k: string, repeat = false) => ({ key: k, repeat, altKey: false, ctrlKey: false, metaKey: false, preventDefault: () => undefined });
const group = (value: number | undefined, onChange: (n: number) => void) =>
  ScoreGroup({ label: 'Discovery', value, onChange, levels: ['a', 'b', 'c', 'd', 'e'] }) as ReactElement<Props>;

/** The radio of level `n` in the group's element tree. */
function radio(el: ReactElement<Props>, n: number): Props {
  const found: Props[] = [];
  const walk = (node: ReactNode): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object' || !('props' in node)) return;
    const props = (node as ReactElement<Props>).props;
    if ((node as ReactElement).type === 'input' && props.type === 'radio' && props.value === n) found.push(props);
    walk(props.children);
  };
  walk(el);
  return found[0]!;
}

describe('ScoreGroup', () => {
  it('a digit scores the group, the current level too', () => {
    const onChange = vi.fn();
    group(3, onChange).props.onKeyDown!(key('4'));
    group(3, onChange).props.onKeyDown!(key('3'));
    expect(onChange.mock.calls).toEqual([[4], [3]]);
  });
  it("a held digit's repeats score nothing more", () => {
    const onChange = vi.fn();
    group(3, onChange).props.onKeyDown!(key('3', true));
    group(undefined, onChange).props.onKeyDown!(key('2', true));
    expect(onChange).not.toHaveBeenCalled();
  });
  it('a click or Space on the checked level scores it again; a double click once; another level only through its change', () => {
    const onChange = vi.fn();
    const el = group(3, onChange);
    radio(el, 3).onClick!({ detail: 1 }); // a click
    radio(el, 3).onClick!({ detail: 0 }); // Space
    radio(el, 3).onClick!({ detail: 2 }); // a double click's second
    radio(el, 4).onClick!({ detail: 1 }); // the browser sends that level's change (onChange) instead
    expect(onChange.mock.calls).toEqual([[3], [3]]);
  });
});
