import { afterEach, describe, expect, it } from 'vitest';
import { fixedBoxAt, roomFor } from '../../../lib/page/widget-room';

/**
 * A window of 1000 × 800 whose page fixes the given boxes (what `elementsFromPoint` hits there,
 * topmost first), beside plain content that is not fixed. Each box is one fixed element.
 */
function page(boxes: { left: number; top: number; width: number; height: number }[]) {
  const el = (box: (typeof boxes)[number] | null, parent: unknown = null) => ({
    box,
    parentElement: parent,
    getBoundingClientRect: () => (box ? { ...box, right: box.left + box.width, bottom: box.top + box.height } : null),
  });
  const html = el(null);
  const body = el(null, html);
  const fixed = boxes.map((b) => el(b, body));
  // the widget's own content inside it: the walk finds the fixed ancestor
  const inner = fixed.map((f) => el(null, f));
  const g = globalThis as Record<string, unknown>;
  g.innerHeight = 800;
  g.getComputedStyle = (e: { box: unknown }) => ({ position: e.box ? 'fixed' : 'static' });
  g.document = {
    body,
    elementsFromPoint: (x: number, y: number) => [
      ...boxes.flatMap((b, i) => (x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height ? [inner[i], fixed[i]] : [])),
      body,
      html,
    ],
  };
}

afterEach(() => {
  for (const k of ['innerHeight', 'getComputedStyle', 'document']) delete (globalThis as Record<string, unknown>)[k];
});

const SIDEBAR = { left: 640, right: 1000 };

describe('room for a widget the page keeps over a panel', () => {
  it('a button in the bottom corner: the panel ends above it; nothing at the top', () => {
    page([{ left: 900, top: 700, width: 64, height: 64 }]);
    expect(roomFor(SIDEBAR)).toEqual([0, 100]);
  });

  it('a button in the top corner: the panel starts below it', () => {
    page([{ left: 900, top: 60, width: 64, height: 64 }]);
    expect(roomFor(SIDEBAR)).toEqual([124, 0]);
  });

  it('a widget over the middle, or beside the panel, is not made room for', () => {
    page([
      { left: 800, top: 380, width: 64, height: 64 },
      { left: 100, top: 700, width: 64, height: 64 },
    ]);
    expect(roomFor(SIDEBAR)).toEqual([0, 0]);
  });

  it('each end is held to a quarter of the window, however far a found box reaches', () => {
    // each shorter than a quarter (200 px), found in its quarter, reaching past it
    page([
      { left: 700, top: 150, width: 64, height: 190 },
      { left: 700, top: 450, width: 64, height: 190 },
    ]);
    expect(roomFor(SIDEBAR)).toEqual([200, 200]);
  });

  it('what is window-sized (a fixed frame around the whole app) is no widget', () => {
    page([{ left: 0, top: 0, width: 1000, height: 800 }]);
    expect(fixedBoxAt(900, 750)).toBeUndefined();
    expect(roomFor(SIDEBAR)).toEqual([0, 0]);
  });

  it('a widget narrower than the search step can fall between its columns (40 px or more is found)', () => {
    page([{ left: 925, top: 740, width: 30, height: 30 }]);
    // columns at 640, 680, …, 920, 960: none within 925–955
    expect(roomFor(SIDEBAR)).toEqual([0, 0]);
    page([{ left: 925, top: 740, width: 40, height: 30 }]);
    expect(roomFor(SIDEBAR)).toEqual([0, 60]);
  });
});
