import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { DateOrder } from '../../../lib/model';

type DueDates = typeof import('../../../lib/due-date');
type ParseDue = DueDates['parseDue'];
/** The parser as the sections use it: the typed-date order already applied. */
export type DueParser = (input: string, now: Date, timeZone: string) => ReturnType<ParseDue>;
/** Why the parser refused what was typed, when it can say better than "not a date" (the order applied). */
export type DueRefusal = (input: string, now: Date, timeZone: string) => string | null;

/**
 * Which way round the user types "3/12/2026": the date order set in Options when
 * one is, else the browser's own locale (numericDateOrderOf). Provided by App.
 */
export const TypedDateOrder = createContext<DateOrder>('month-first');

/** "12/3/2026" or "3/12/2026": an example date written the way the user types one. */
export function useExampleDate(): string {
  return useContext(TypedDateOrder) === 'day-first' ? '3/12/2026' : '12/3/2026';
}

let parser: DueDates | null = null;
let loading: Promise<DueDates> | null = null;

/** chrono-node is large: fetch it after the sidebar's first render, once per frame. */
export function loadDueParser(): Promise<DueDates> {
  return (loading ??= import('../../../lib/due-date').then(
    (m) => (parser = m),
    (e: unknown) => {
      loading = null; // a failed fetch (a file gone after an update, say) is tried again, not kept
      throw e;
    },
  ));
}

/** Long enough for the first paint to be done; short enough to be ready before anyone types. */
const PRELOAD_AFTER_MS = 400;

export interface DueParserState {
  /** the parser, or null while it loads (or failed to) */
  parse: DueParser | null;
  /** with the parser: why it refused an input, if it can say */
  refusal: DueRefusal | null;
  /** what a date field says while `parse` is null */
  waiting: string;
}

/**
 * The due-date parser, or null while it is still loading. It loads a moment
 * after the first paint, or at once when a date field is focused. Should its
 * code fail to load, the fields say so (not "Reading the date…" for ever), and
 * the next focus in the sidebar tries again.
 */
export function useDueParser(): DueParserState {
  const [parse, setParse] = useState<DueDates | null>(() => parser);
  const [failed, setFailed] = useState(false);
  const order = useContext(TypedDateOrder);
  useEffect(() => {
    if (parse) return;
    let live = true;
    const adopt = () =>
      void loadDueParser().then(
        (p) => live && setParse(() => p),
        () => live && setFailed(true),
      );
    // after a failure, only a person's next focus tries again
    const timer = failed ? undefined : setTimeout(adopt, PRELOAD_AFTER_MS);
    // a field focused before the timer: load now
    if (!failed) void loading?.then(() => live && adopt(), () => undefined);
    const onFocus = () => {
      setFailed(false);
      adopt();
    };
    window.addEventListener('focusin', onFocus, { once: true });
    return () => {
      live = false;
      clearTimeout(timer);
      window.removeEventListener('focusin', onFocus);
    };
  }, [parse, failed]);
  const withOrder = useCallback<DueParser>((input, now, timeZone) => parse!.parseDue(input, now, timeZone, order), [parse, order]);
  const refusal = useCallback<DueRefusal>((input, now, timeZone) => parse!.dueRefusal(input, now, timeZone, order), [parse, order]);
  return {
    parse: parse ? withOrder : null,
    refusal: parse ? refusal : null,
    waiting: failed ? 'Dates cannot be read just now: click in the sidebar to try again, or reload the page.' : 'Reading the date…',
  };
}
