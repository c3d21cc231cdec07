/**
 * The shortcut table's headings, as a screen reader reads them: "Keys" and "What it does" head
 * the columns, and each group's heading ("In the sidebar") heads the rows of its group only (a
 * row group, not a column group: there are no column groups). Rendered to a string (no DOM here),
 * with the browser's toggle keys taken as already known.
 */
import { vi } from 'vitest';
vi.hoisted(() => {
  const g = globalThis as Record<string, unknown>;
  g.navigator ??= { platform: 'Linux', language: 'en-US' };
});
vi.mock('react', async (importOriginal) => {
  const real = await importOriginal<typeof import('react')>();
  return { ...real, useState: () => ['Alt+Shift+D', () => undefined], useEffect: () => undefined };
});
import { renderToString } from 'react-dom/server';
import { KeyboardShortcuts } from '../../../components/KeyboardShortcuts';
import { keyboardShortcuts } from '../../../lib/shortcuts';

const html = renderToString(<KeyboardShortcuts />).replaceAll('<!-- -->', '');
const groups = keyboardShortcuts('Alt+Shift+D', false);

describe('the keyboard shortcut table', () => {
  it('heads its two columns "Keys" and "What it does"', () => {
    expect(html).toMatch(/<table[^>]*aria-label="Keyboard shortcuts"[^>]*><thead><tr><th scope="col">Keys<\/th><th scope="col">What it does<\/th><\/tr><\/thead>/);
  });

  it('gives each group its own row group, headed by a heading for that row group (was: scope="colgroup", no column group)', () => {
    expect(html).not.toContain('colgroup');
    const bodies = [...html.matchAll(/<tbody>(.*?)<\/tbody>/g)].map((m) => m[1]!);
    expect(bodies).toHaveLength(groups.length);
    bodies.forEach((body, i) => {
      expect(body.startsWith(`<tr><th colSpan="2" scope="rowgroup">${groups[i]!.where}</th></tr>`), body).toBe(true);
      // and its rows only: the keys and what they do
      expect(body.match(/<tr>/g)).toHaveLength(groups[i]!.rows.length + 1);
    });
    expect(html).toContain('<td><span><kbd>Alt+Shift+D</kbd></span></td><td>Show or hide the sidebar');
  });
});
