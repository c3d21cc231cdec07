import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Gives the keyboard back to the control that started an action which failed.
 * A button disabled while its action runs loses focus (Chromium blurs it, and
 * focus falls to the frame's body), so after a failure a keyboard user would
 * start again from the top of the sidebar, just as the error is announced.
 *
 * `started()` as the action begins (the focused control is noted), `failed()`
 * once the error is shown and the control enabled again: focus returns to it
 * after that render, if it is still in the page.
 */
export function useFocusBack(): { started: () => void; failed: () => void } {
  const control = useRef<HTMLElement | null>(null);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures && control.current?.isConnected) control.current.focus();
  }, [failures]);
  const started = useCallback(() => {
    const active = document.activeElement;
    control.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, []);
  const failed = useCallback(() => setFailures((n) => n + 1), []);
  return { started, failed };
}
