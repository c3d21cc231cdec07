import { keyboardShortcuts, toggleKeysOf } from '../../lib/shortcuts';

const rowFor = (groups: ReturnType<typeof keyboardShortcuts>, does: RegExp) => groups.flatMap((g) => g.rows).find((r) => does.test(r.does));

describe('keyboard shortcut list', () => {
  it("shows the sidebar toggle's keys as the browser reports them", () => {
    const groups = keyboardShortcuts('Alt+Shift+D', false);
    expect(rowFor(groups, /^Show or hide the sidebar/)?.keys).toEqual(['Alt+Shift+D']);
    // rebound by the user: the new keys
    expect(rowFor(keyboardShortcuts('Ctrl+Shift+Y', false), /^Show or hide/)?.keys).toEqual(['Ctrl+Shift+Y']);
  });

  it('says so, and where to set them, when the user cleared the keys', () => {
    for (const none of ['', '  ', null, undefined]) {
      const row = rowFor(keyboardShortcuts(none, false), /^Show or hide/);
      expect(row?.keys).toEqual([]);
      expect(row?.does).toMatch(/no keys are set; choose some in the browser’s extension shortcuts/);
    }
  });

  it('names the Command key on a Mac and Ctrl elsewhere', () => {
    expect(rowFor(keyboardShortcuts('', true), /coaching note/)?.keys).toEqual(['⌘+Enter']);
    expect(rowFor(keyboardShortcuts('', false), /coaching note/)?.keys).toEqual(['Ctrl+Enter']);
  });

  it('lists every key Dealside handles, grouped by where it works', () => {
    const groups = keyboardShortcuts('Alt+Shift+D', false);
    expect(groups.map((g) => g.where)).toEqual(['On a deal page', 'In the sidebar', 'In the weekly scorecard (toolbar button)', 'Reviewing a call']);
    expect(groups.flatMap((g) => g.rows.flatMap((r) => r.keys))).toEqual(['Alt+Shift+D', '1 – 5', '←', '→', 'Space', 'Ctrl+Enter', '←', '→', '←', '→', 'Home', 'Esc', 'Alt+P', 'Enter']);
  });

  it("picks the toggle command out of the browser's command list", () => {
    expect(toggleKeysOf([{ name: '_execute_action', shortcut: 'Alt+Shift+S' }, { name: 'toggle-sidebar', shortcut: 'Alt+Shift+D' }])).toBe('Alt+Shift+D');
    expect(toggleKeysOf([{ name: 'toggle-sidebar' }])).toBe('');
    expect(toggleKeysOf([])).toBe('');
  });
});
