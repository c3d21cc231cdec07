import { useEffect, useState } from 'react';

type ParseDue = typeof import('../../../lib/due-date').parseDue;

let parser: ParseDue | null = null;
let loading: Promise<ParseDue> | null = null;

/** chrono-node is large: fetch it after the sidebar's first render, once per frame. */
export function loadDueParser(): Promise<ParseDue> {
  return (loading ??= import('../../../lib/due-date').then((m) => (parser = m.parseDue)));
}

/** The due-date parser, or null for the moment it is still loading. */
export function useDueParser(): ParseDue | null {
  const [parse, setParse] = useState<ParseDue | null>(() => parser);
  useEffect(() => {
    if (!parse) void loadDueParser().then((p) => setParse(() => p));
  }, [parse]);
  return parse;
}
