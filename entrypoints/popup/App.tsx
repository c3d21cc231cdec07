import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { onChange, onlyADraft, send, whenListening } from '../../lib/messages/client';
import { THIS_WEEK_REQUEST } from '../../lib/messages/early-week';
import { afterPaint, takeFreshEarly, takeKept, writtenSince } from './first-week';
import type { ScorecardWeek } from '../../lib/messages/protocol';
import { ReviewThisCallButton } from '../call-review/ReviewThisCallButton';
import { ScorecardTable } from './ScorecardTable';
import { RepView } from './RepView';
import { ShareButtons } from './ShareButtons';
import { cardSummary, shiftDay } from '../../lib/scorecard/format';

/** A week that could not be read; `n` counts failures, so the same words failing again are a new alert (announced again). */
interface Failure {
  message: string;
  n: number;
}
type State =
  | { kind: 'loading' }
  /** the first week could not be read: nothing to show but why */
  | { kind: 'error'; failure: Failure }
  /**
   * kept: the card the background kept, shown while the fresh answer comes.
   * failure: the week asked for last could not be read; `data` is the last card read, shown with
   * the error so the week navigation (and ← → Home, which need its thisWeekStart) stays.
   */
  | { kind: 'ready'; data: ScorecardWeek; kept?: boolean; failure?: Failure };

/** Marked once, when the first week's table (or its empty state) is on screen: the benchmark reads it. */
export const RENDERED_MARK = 'dealside:scorecard-rendered';
/** Marked when the first week's data arrived (the benchmark splits waiting from rendering with it). */
const DATA_MARK = 'dealside:scorecard-data';

const THIS_WEEK = THIS_WEEK_REQUEST;
function applyTheme(theme: ScorecardWeek['theme']) {
  if (theme !== 'system') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  /** undefined = this week */
  const [weekStart, setWeekStart] = useState<string | undefined>(undefined);
  const [repId, setRepId] = useState<string | null>(null);
  const [onTrackOpen, setOnTrackOpen] = useState(false);
  const toggleOnTrack = useCallback(() => setOnTrackOpen((v) => !v), []);
  const lastRequest = useRef(0);
  const failures = useRef(0);
  /** "Try again" pressed and its answer not in yet: said on screen, as a retry looks like nothing happened */
  const [retrying, setRetrying] = useState(false);
  /**
   * Listening for changes connects a port to the background, which starts its
   * worker if stopped: not before a kept card is on screen (that start would
   * compete with the popup's first render), always before the fresh answer is
   * awaited (a write after it was read reloads the week).
   */
  const [listening, setListening] = useState(false);

  const load = useCallback(async (week: string | undefined, retry = false) => {
    const n = ++lastRequest.current;
    setBusy(true);
    setRetrying(retry);
    try {
      let fresh: Promise<ScorecardWeek>;
      if (week) fresh = send({ type: 'scorecard/week', weekStart: week });
      else {
        const keptWeek = await takeKept();
        if (keptWeek && n === lastRequest.current) {
          applyTheme(keptWeek.theme);
          setState({ kind: 'ready', data: keptWeek, kept: true });
          await afterPaint();
        }
        setListening(true);
        fresh = takeFreshEarly().then((answer) => answer ?? send(THIS_WEEK));
      }
      const data = await fresh;
      if (!performance.getEntriesByName(DATA_MARK).length) performance.mark(DATA_MARK);
      if (n !== lastRequest.current) return;
      applyTheme(data.theme);
      setState({ kind: 'ready', data });
    } catch (e) {
      if (n !== lastRequest.current) return;
      const failure = { message: (e as Error).message, n: ++failures.current };
      setState((s) => (s.kind === 'ready' ? { ...s, failure } : { kind: 'error', failure }));
    } finally {
      if (n === lastRequest.current) {
        setBusy(false);
        setRetrying(false);
      }
    }
  }, []);

  useEffect(() => {
    void load(weekStart);
  }, [load, weekStart]);

  // Data written elsewhere (a sidebar, a call review) shows up without reopening the popup.
  useEffect(() => {
    if (!listening) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onChange((event) => {
      if (onlyADraft(event)) return; // a note being typed somewhere: nothing the scorecard counts
      clearTimeout(timer);
      timer = setTimeout(() => void load(weekStart), 250);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [listening, load, weekStart]);

  // This week's first fresh answer was asked for before the port above was open (popup-early.js
  // asks before this code loads): a write committed in between was told to no port of ours. Once
  // the background has accepted the port (from then on every write is told here), after the card
  // is on screen, a generation moved on since means the week reloads. Read before the port was
  // accepted, the generation could miss a write the port missed too.
  const firstChecked = useRef(false);
  useEffect(() => {
    if (!listening || firstChecked.current || weekStart || state.kind !== 'ready' || state.kept) return;
    let current = true;
    const answer = state.data;
    void whenListening()
      .then(() => (current ? writtenSince(answer) : false))
      .then((written) => {
        if (!current) return;
        firstChecked.current = true;
        if (written) void load(undefined);
      });
    return () => {
      current = false; // another week or a newer answer is on screen (a newer one is checked instead)
    };
  }, [listening, state, weekStart, load]);

  const data = state.kind === 'ready' ? state.data : null;
  const shownWeek = data?.card.weekStart;
  // From the week asked for last, not the one on screen: ← then → pressed before the week
  // before has loaded comes back to this week (from the one on screen it went a week ahead).
  const thisWeekStart = data?.thisWeekStart;
  const goWeek = useCallback(
    (delta: number | 'this') => {
      if (!thisWeekStart) return;
      const target = delta === 'this' ? thisWeekStart : shiftDay(weekStart ?? thisWeekStart, 7 * delta);
      setWeekStart(target === thisWeekStart ? undefined : target);
    },
    [thisWeekStart, weekStart],
  );

  // Back from a 1:1 view: the keyboard returns to that rep's row (or, if it is folded
  // away, to the table's heading line), not to the page's body.
  const returnTo = useRef<string | null>(null);
  const closeRep = useCallback(() => {
    setRepId((id) => {
      returnTo.current = id;
      return null;
    });
  }, []);
  useEffect(() => {
    const id = returnTo.current;
    if (repId || !id) return;
    returnTo.current = null;
    const back = [...document.querySelectorAll<HTMLButtonElement>('button[data-rep]')].find((b) => b.dataset.rep === id);
    (back ?? document.querySelector<HTMLElement>('.week-label'))?.focus();
  }, [repId]);

  // Keyboard: ← / → move a week, Home goes back to this week; Escape leaves the 1:1 view. No
  // letter keys: a single-character shortcut fires on a stray key or a speech command (WCAG 2.1.4).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || t?.closest('input, textarea, select, [contenteditable]')) return;
      if (repId) {
        if (e.key === 'Escape') {
          e.preventDefault();
          closeRep();
        }
        return;
      }
      if (e.key === 'ArrowLeft') goWeek(-1);
      else if (e.key === 'ArrowRight') goWeek(1);
      else if (e.key === 'Home') goWeek('this');
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [goWeek, repId, closeRep]);

  const marked = useRef(false);
  useLayoutEffect(() => {
    if (state.kind !== 'loading' && !marked.current) {
      marked.current = true;
      performance.mark(RENDERED_MARK, {
        detail: state.kind === 'ready' ? { reps: state.data.card.rows.length, read: state.data.read, ms: state.data.ms, kept: !!state.kept } : { error: true },
      });
    }
  }, [state]);

  // A new answer can take away what the keyboard is on: ← / → / Home or a reload moves a rep's row
  // to the other group of the table, into the closed "On track" fold or away (a week with no reps),
  // and its button is drawn anew; "Try again" worked and its banner is gone. The browser would drop
  // the focus to the body: the element last focused is noted, and once an answer has removed it,
  // the keyboard goes to that rep's new button (else the fold's, for a rep folded away), to the
  // popup's heading from the banner, else to the week's label.
  const heading = useRef<HTMLHeadingElement>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const note = (e: FocusEvent) => {
      lastFocused.current = e.target instanceof HTMLElement ? e.target : null;
    };
    document.addEventListener('focusin', note);
    return () => document.removeEventListener('focusin', note);
  }, []);
  useLayoutEffect(() => {
    const was = lastFocused.current;
    if (!was || was.isConnected) return;
    const now = document.activeElement;
    if (now && now !== document.body) return; // the keyboard went somewhere already
    lastFocused.current = null;
    const rep = was.dataset.rep;
    const target = rep
      ? ([...document.querySelectorAll<HTMLElement>('button[data-rep]')].find((b) => b.dataset.rep === rep) ?? document.querySelector<HTMLElement>('button.disclosure'))
      : was.closest('.banner')
        ? heading.current
        : null;
    (target ?? document.querySelector<HTMLElement>('.week-label') ?? heading.current)?.focus();
  }, [state]);

  // Loading a week other than the one on screen, or trying again: said in words, not only aria-busy
  // (a reload of the week on screen, after a write elsewhere, says nothing: the card just updates).
  const asked = weekStart ?? thisWeekStart;
  const busyText = retrying ? 'Trying again…' : busy && asked !== shownWeek ? 'Loading…' : '';

  if (state.kind === 'loading') {
    return (
      <main className="popup">
        <p className="popup-loading" role="status">
          Loading…
        </p>
      </main>
    );
  }
  const retry = () => void load(weekStart, true);
  if (state.kind === 'error') {
    return (
      <main className="popup" aria-busy={busy}>
        <LoadFailed failure={state.failure} onRetry={retry} />
        <p className="popup-busy muted" role="status">
          {busyText}
        </p>
      </main>
    );
  }

  const { card } = state.data;
  const row = repId ? card.rows.find((r) => r.rep.id === repId) : undefined;
  const isThisWeek = shownWeek === state.data.thisWeekStart;
  // "This week" does nothing only when this week is both on screen and the week asked for (not
  // while another week loads, or after one failed to: it is the way back)
  const atThisWeek = isThisWeek && weekStart === undefined;
  const { failure } = state;
  return (
    <main className="popup" aria-busy={busy}>
      <header className="popup-head">
        <div className="row between">
          <h1 ref={heading} tabIndex={-1}>
            Dealside
          </h1>
          <ReviewThisCallButton />
        </div>
        {!row && (
          <nav className="week-nav row" aria-label="Week">
            {/* the arrows are drawn, not read: the buttons are named "Previous week" and "Next week" */}
            <button type="button" onClick={() => goWeek(-1)} aria-keyshortcuts="ArrowLeft">
              <span aria-hidden="true">←</span> Previous week
            </button>
            <strong className="week-label" aria-live="polite" tabIndex={-1}>
              {card.label}
              {isThisWeek ? ' (this week)' : ''}
            </strong>
            <button type="button" onClick={() => goWeek(1)} aria-keyshortcuts="ArrowRight">
              Next week <span aria-hidden="true">→</span>
            </button>
            {/* aria-disabled, not disabled: pressing it must not drop the keyboard's focus to the body */}
            <button type="button" onClick={() => !atThisWeek && goWeek('this')} aria-disabled={atThisWeek} aria-keyshortcuts="Home">
              This week
            </button>
            <span className="popup-busy muted" role="status">
              {busyText}
            </span>
          </nav>
        )}
      </header>
      {row && (
        <p className="popup-busy muted" role="status">
          {busyText}
        </p>
      )}
      {failure && (
        <LoadFailed failure={failure} onRetry={retry}>
          {shownWeek !== asked && ` Shown below: ${card.label}, the last week read.`}
        </LoadFailed>
      )}
      {row ? (
        <RepView card={card} row={row} onBack={closeRep} />
      ) : card.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <p className="summary muted">
            {cardSummary(card.rows, isThisWeek)} Use ← and → to change week, Home for this week.
          </p>
          <ScorecardTable card={card} onOpenRep={setRepId} showOnTrack={onTrackOpen} onToggleOnTrack={toggleOnTrack} />
          <ShareButtons card={card} />
        </>
      )}
    </main>
  );
}

/**
 * Why a week could not be read, and "Try again". Only the words are drawn anew for each failure
 * (keyed by its count): the alert is announced again when the same words fail again, and the
 * button, which may have the keyboard, stays.
 */
function LoadFailed({ failure, onRetry, children }: { failure: Failure; onRetry: () => void; children?: ReactNode }) {
  return (
    <div className="banner error" role="alert">
      <p key={failure.n}>
        <strong>Dealside could not read your scorecard data.</strong> Nothing was changed. {failure.message}
        {children}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

function EmptyState() {
  return (
    <section className="empty" aria-labelledby="empty-h">
      <h2 id="empty-h">No reps yet</h2>
      <p>
        Open a deal in Salesforce or HubSpot (or Pipedrive, Dynamics 365, Zoho): Dealside shows its sidebar beside the deal and records the deal's owner as a
        rep.
      </p>
      <p>Commitments, next steps, 1–5 scores and coaching notes you add there — and call reviews — build this weekly scorecard, one row per rep.</p>
    </section>
  );
}
