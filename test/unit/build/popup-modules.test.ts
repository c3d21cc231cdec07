import { describe, expect, it } from 'vitest';
import { modulesAfterEarlyScript } from '../../../scripts/vite-popup-modules-after-request';

// popup.html as Vite writes it for a build (hashes vary)
const BUILT = `<!DOCTYPE html>
<html lang="en">
  <head>
    <script src="/popup-early.js"></script>
    <script type="module" crossorigin src="/chunks/popup-AbC123.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/client-X1.js">
    <link rel="modulepreload" crossorigin href="/chunks/preload-helper-Y2.js">
    <link rel="stylesheet" crossorigin href="/assets/popup-Z3.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('popup.html: the module code loads after the early request', () => {
  it('moves the module script and its preloads onto the early script', () => {
    const out = modulesAfterEarlyScript(BUILT);
    expect(out).not.toContain('type="module"');
    expect(out).not.toContain('modulepreload');
    expect(out).toContain(
      '<script src="/popup-early.js" data-module="/chunks/popup-AbC123.js" data-preload="/chunks/client-X1.js /chunks/preload-helper-Y2.js"></script>',
    );
    // styles stay where they were
    expect(out).toContain('<link rel="stylesheet" crossorigin href="/assets/popup-Z3.css">');
  });

  it('fails the build when the page no longer has the shape it expects', () => {
    expect(() => modulesAfterEarlyScript(BUILT.replace('<script src="/popup-early.js"></script>', ''))).toThrow(/popup-early/);
    expect(() => modulesAfterEarlyScript(BUILT.replace(/<script type="module"[^\n]*\n/, ''))).toThrow(/module script/);
  });
});
