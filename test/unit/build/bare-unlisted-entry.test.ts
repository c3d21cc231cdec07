import { describe, expect, it, vi } from 'vitest';
import { assertNoRuntimePlugins, bareEntryCode, bareUnlistedEntry } from '../../../scripts/vite-bare-unlisted-entry';

type Hook = (id: string) => string | undefined;

describe("unlisted scripts start from a bare entry, not WXT's wrapper", () => {
  const plugin = bareUnlistedEntry();
  const resolveId = plugin.resolveId as unknown as Hook;
  const load = plugin.load as unknown as Hook;

  it("takes over WXT's entry of an unlisted script, and nothing else", () => {
    const id = resolveId('virtual:wxt-unlisted-script-entrypoint?/repo/entrypoints/crm-watch.ts');
    expect(id).toBe('\0dealside-bare-unlisted-entry?/repo/entrypoints/crm-watch.ts');
    expect(load(id!)).toBe(bareEntryCode('/repo/entrypoints/crm-watch.ts'));
    // the background and content-script entries stay WXT's, and so does any other module
    expect(resolveId('virtual:wxt-background-entrypoint?/repo/entrypoints/background.ts')).toBeUndefined();
    expect(resolveId('/repo/lib/crm/dom.ts')).toBeUndefined();
    expect(load('/repo/lib/crm/dom.ts')).toBeUndefined();
  });

  it('a path written with backslashes (Windows) is imported with forward slashes', () => {
    expect(bareEntryCode('C:\\repo\\entrypoints\\crm-watch.ts')).toContain('import definition from "C:/repo/entrypoints/crm-watch.ts";');
  });

  it('a build with a WXT runtime plugin fails: the bare entry would not run it', () => {
    expect(() => assertNoRuntimePlugins([])).not.toThrow();
    expect(() => assertNoRuntimePlugins(['wxt-module-analytics/client-plugin'])).toThrow(/analytics.*not run/);
  });

  it('the entry runs the script once and exports what main() returns', async () => {
    const main = vi.fn(() => 'started');
    const code = bareEntryCode('/repo/entrypoints/crm-watch.ts');
    expect(code).toContain('import definition from "/repo/entrypoints/crm-watch.ts";');
    // the module's code run with the import bound to a definition
    const body = code.replace(/^import definition from [^\n]+\n/, '').replace('export default ', 'return ');
    const run = new Function('definition', body) as (d: { main(): unknown }) => unknown;
    expect(run({ main })).toBe('started');
    expect(main).toHaveBeenCalledTimes(1);
  });
});
