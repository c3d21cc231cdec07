import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The palette (components/palette.css) in both schemes: text 4.5:1 on the backgrounds it
 * sits on (WCAG 1.4.3), the edges of controls and the focus ring 3:1 (1.4.11).
 */
const css = readFileSync(resolve(__dirname, '../../../components/palette.css'), 'utf8');
const token = (name: string, scheme: 0 | 1): string => {
  const m = new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(css);
  if (!m) throw new Error(`--${name} not found as light-dark(#rrggbb, #rrggbb)`);
  return m[1 + scheme]!;
};
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe.each([
  ['light', 0],
  ['dark', 1],
] as const)('the %s palette', (_name, scheme) => {
  it.each(['fg', 'muted', 'error', 'warn', 'ok', 'accent'])('text --%s reads at 4.5:1 or more on --bg, --panel and --chip', (fg) => {
    for (const bg of ['bg', 'panel', 'chip']) {
      expect(contrast(token(fg, scheme), token(bg, scheme)), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('control edges and the focus ring stand out at 3:1 or more from --bg and --panel', () => {
    for (const part of ['edge', 'focus']) {
      for (const bg of ['bg', 'panel']) {
        expect(contrast(token(part, scheme), token(bg, scheme)), `--${part} on --${bg}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('text on the accent (a primary button, a chosen score) reads at 4.5:1', () => {
    expect(contrast(token('accent-fg', scheme), token('accent', scheme))).toBeGreaterThanOrEqual(4.5);
  });
});
