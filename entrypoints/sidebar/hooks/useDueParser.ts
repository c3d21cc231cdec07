import { useEffect, useState } from 'react';

type ParseDue = typeof import('../../../lib/due-date').parseDue;

let parser: ParseDue | null = null;
let loading: Promise<ParseDue> | null = null;

/** chrono-node is large: fetch it after the sidebar's first render, once per frame. */
export function loadDueParser(): Promise<ParseDue> {
  return (loading ??= import('../../../lib/due-date').then((m) => (parser = m.parseDue)));
}

/** Long enough for the first paint to be done; short enough to be ready before anyone types. */
const PRELOAD_AFTER_MS = 400;

/**
 * The due-date parser, or null while it is still loading. It loads a moment
 * after the first paint, or at once when a date field is focused (call
 * loadDueParser from onFocus).
 */
export function useDueParser(): ParseDue | null {
  const [parse, setParse] = useState<ParseDue | null>(() => parser);
  useEffect(() => {
    if (parse) return;
    let live = true;
    const adopt = () => void loadDueParser().then((p) => live && setParse(() => p));
    const timer = setTimeout(adopt, PRELOAD_AFTER_MS);
    // a field focused before the timer: load now
    void loading?.then(() => live && adopt());
    const onFocus = () => adopt();
    window.addEventListener('focusin', onFocus, { once: true });
    return () => {
      live = false;
      clearTimeout(timer);
      window.removeEventListener('focusin', onFocus);
    };
  }, [parse]);
  return parse;
}
