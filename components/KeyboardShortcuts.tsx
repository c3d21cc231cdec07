import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { keyboardShortcuts, toggleKeysOf } from '../lib/shortcuts';

const isMac = () => /mac/i.test(navigator.platform);

/**
 * The shortcut list (lib/shortcuts.ts) as a table, with the sidebar toggle's
 * keys as the browser has them now (the user may have changed them).
 */
export function KeyboardShortcuts() {
  /** undefined: still asking the browser; '' none set */
  const [toggleKeys, setToggleKeys] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    Promise.resolve(browser.commands?.getAll?.() ?? [])
      .then((commands) => live && setToggleKeys(toggleKeysOf(commands)))
      .catch(() => live && setToggleKeys(''));
    return () => {
      live = false;
    };
  }, []);

  if (toggleKeys === undefined) return <p className="muted">Loading shortcuts…</p>;
  // Each group (where the keys work) is a row group of its own, headed by a heading for that group only.
  return (
    <table className="shortcuts" aria-label="Keyboard shortcuts">
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">What it does</th>
        </tr>
      </thead>
      {keyboardShortcuts(toggleKeys, isMac()).map((group) => (
        <tbody key={group.where}>
          <tr>
            <th colSpan={2} scope="rowgroup">
              {group.where}
            </th>
          </tr>
          {group.rows.map((row) => (
            <tr key={row.does}>
              <td>
                {row.keys.length === 0 && 'None'}
                {row.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{row.does}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
