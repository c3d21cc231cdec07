import { describe, expect, it } from 'vitest';
import { EAGER_COMPILED, EAGER_COMPILE_HINT, eagerCompileHint, withEagerCompileHint } from '../../../scripts/vite-compile-hints';

describe("the CRM content scripts carry V8's eager compile hint", () => {
  it('puts the hint on the first line, once', () => {
    const out = withEagerCompileHint('var crmReader=(function(){})();');
    expect(out.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(withEagerCompileHint(out)).toBe(out);
  });

  it('touches only the files it is given', () => {
    const bundle = {
      'crm-reader.js': { type: 'chunk', fileName: 'crm-reader.js', code: 'a()' },
      'crm-watch.js': { type: 'chunk', fileName: 'crm-watch.js', code: 'b()' },
      // the calls script is left as it is: the hint measured no gain on a recording page (13 visits each)
      'calls.js': { type: 'chunk', fileName: 'calls.js', code: 'c()' },
    };
    const plugin = eagerCompileHint(EAGER_COMPILED);
    (plugin.generateBundle as unknown as (o: unknown, b: typeof bundle) => void)({}, bundle);
    expect(bundle['crm-reader.js'].code).toBe(`${EAGER_COMPILE_HINT}a()`);
    expect(bundle['crm-watch.js'].code).toBe(`${EAGER_COMPILE_HINT}b()`);
    expect(bundle['calls.js'].code).toBe('c()');
  });
});
