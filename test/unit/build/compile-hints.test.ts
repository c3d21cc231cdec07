import { describe, expect, it } from 'vitest';
import { EAGER_COMPILE_HINT, eagerCompileHint, withEagerCompileHint } from '../../../scripts/vite-compile-hints';

describe("the deal reader carries V8's eager compile hint", () => {
  it('puts the hint on the first line, once', () => {
    const out = withEagerCompileHint('var crmReader=(function(){})();');
    expect(out.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(withEagerCompileHint(out)).toBe(out);
  });

  it('touches only the files it is given', () => {
    const bundle = {
      'crm-reader.js': { type: 'chunk', fileName: 'crm-reader.js', code: 'a()' },
      'crm-watch.js': { type: 'chunk', fileName: 'crm-watch.js', code: 'b()' },
    };
    const plugin = eagerCompileHint(['crm-reader.js']);
    (plugin.generateBundle as unknown as (o: unknown, b: typeof bundle) => void)({}, bundle);
    expect(bundle['crm-reader.js'].code).toBe(`${EAGER_COMPILE_HINT}a()`);
    expect(bundle['crm-watch.js'].code).toBe('b()');
  });
});
