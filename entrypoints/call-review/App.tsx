// The call-review panel: its loading, error and no-call screens, and the review's parts put together.
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ScoreGroup } from './ScoreGroup';
import { DIMENSIONS } from './rubric';
import { useCallReview } from './useCallReview';
import { useMediaPosition } from './useMediaPosition';
import { ReviewHeader } from './ReviewHeader';
import { RepAndDeal, useDealSearch } from './RepAndDeal';
import { PinNoteForm, usePinNote } from './PinNoteForm';
import { PinnedNotes } from './PinnedNotes';
import { ExtensionGoneBanner, useExtensionGone } from '../../components/ExtensionGone';
import { askDockAgain } from '../../lib/page/dock-room';

export function App() {
  const gone = useExtensionGone();
  // one shape either way: the review below (and what was typed in it) stays mounted when the banner comes
  return (
    <>
      {gone && <ExtensionGoneBanner />}
      <Panel />
    </>
  );
}

// Each screen's landmark takes the keyboard (tabIndex -1): where it goes when what held it goes
// and nothing nearer is meant (the covered-clicks notice beside the panel: components/CoveredClickGuard.tsx).
function Panel() {
  const state = useCallReview();
  const { phase, setStatus } = state;
  const { media, setMedia, seek } = useMediaPosition(phase, setStatus);
  const dealSearch = useDealSearch(state.switchCount);
  const pinNote = usePinNote({ switchCount: state.switchCount, setMedia, addPin: state.addPin, setStatus });
  // the next call in the same page: room made for a widget of the call before is searched for again
  useEffect(askDockAgain, [state.switchCount]);
  // "Try again" goes with the screen it is on: once the review shows, the keyboard goes to its
  // title rather than falling to the frame's body.
  const retried = useRef(false);
  const focusHeading = () => document.querySelector<HTMLElement>('.panel h1')?.focus();
  useEffect(() => {
    if (phase.kind !== 'ready' || !retried.current) return;
    retried.current = false;
    focusHeading();
  }, [phase.kind]);

  // One key pins: Alt+P anywhere in the panel (Enter in the note box too).
  const onPanelKeyDown = (e: ReactKeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
      e.preventDefault();
      if (pinNote.noteText.trim()) void pinNote.pin();
      else pinNote.noteRef.current?.focus();
    }
  };

  if (phase.kind === 'loading') {
    return (
      <section aria-label="Call review" className="panel" tabIndex={-1}>
        <p role="status">Loading the review…</p>
      </section>
    );
  }
  if (phase.kind === 'error' || phase.kind === 'refused') {
    // Refused: framed where Dealside did not put it — why, and nothing to click.
    return (
      <section aria-label="Call review" className="panel" tabIndex={-1}>
        <p role="alert" className="error">
          {phase.message}
        </p>
        {phase.kind === 'error' && (
          <button
            type="button"
            onClick={() => {
              retried.current = true;
              void state.load();
            }}
          >
            Try again
          </button>
        )}
      </section>
    );
  }
  if (phase.kind === 'no-call') {
    return (
      <section aria-label="Call review" className="panel" tabIndex={-1}>
        <p>This page is not a recording Dealside knows. Use “Review this call” from the toolbar or the page’s menu.</p>
      </section>
    );
  }

  return (
    <section aria-label="Call review" className="panel" tabIndex={-1} onKeyDown={onPanelKeyDown}>
      <ReviewHeader call={phase.call} review={state.review} timerMs={state.timerMs} saveState={state.saveState} saveError={state.saveError} />
      {state.unsaved && (
        <div role="alert" className="error">
          <p>
            Your review of “{state.unsaved.title}” was not saved before the page moved on{state.unsaved.error ? ` (${state.unsaved.error})` : ''}.
            {state.unsaved.typed.length > 0 && <> What you typed there: {state.unsaved.typed.join(' — ')}</>}
          </p>
          <button
            type="button"
            className="small"
            onClick={() => {
              // the alert (and this button) goes: the keyboard goes to the review's title, as after "Try again"
              focusHeading();
              state.dismissUnsaved();
            }}
          >
            Dismiss
          </button>
        </div>
      )}

      <RepAndDeal
        repText={state.repText}
        reps={state.reps}
        deal={state.deal}
        search={dealSearch}
        onRepText={state.editRepText}
        onDeal={state.editDeal}
        setStatus={setStatus}
      />

      <div className="scores">
        {DIMENSIONS.map((d) => (
          <ScoreGroup
            key={d.key}
            label={d.label}
            hint={d.hint}
            levels={d.levels}
            value={state.scores[d.key]}
            onChange={(v) => state.setScore(d.key, v)}
          />
        ))}
      </div>

      <PinNoteForm pinNote={pinNote} media={media} />

      <PinnedNotes
        pins={state.pins}
        onSeek={(seconds) => void seek(seconds)}
        onRemove={state.removePin}
        focusPinBox={() => pinNote.noteRef.current?.focus()}
      />

      <label className="overall">
        Overall note
        <textarea value={state.overallNote} maxLength={10_000} rows={4} onChange={(e) => state.editOverallNote(e.target.value)} />
      </label>

      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() =>
            // said here, not sent: the background refuses it too (a stray click must not count on the scorecard)
            Object.values(state.scores).some((v) => v !== undefined)
              ? void state.save('complete')
              : setStatus('Give at least one score (discovery, next step or qualification) before completing the review.')
          }
        >
          Complete review
        </button>
      </div>
      <p role="status" className="status">
        {state.status}
      </p>
    </section>
  );
}
