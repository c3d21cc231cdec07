// The call-review panel: its loading, error and no-call screens, and the review's parts put together.
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ScoreGroup } from './ScoreGroup';
import { DIMENSIONS } from './rubric';
import { useCallReview } from './useCallReview';
import { useMediaPosition } from './useMediaPosition';
import { ReviewHeader } from './ReviewHeader';
import { RepAndDeal, useDealSearch } from './RepAndDeal';
import { PinNoteForm, usePinNote } from './PinNoteForm';
import { PinnedNotes } from './PinnedNotes';

export function App() {
  const {
    phase,
    review,
    scores,
    overallNote,
    pins,
    repText,
    reps,
    deal,
    status,
    setStatus,
    saveState,
    saveError,
    timerMs,
    switchCount,
    setScore,
    editOverallNote,
    editRepText,
    editDeal,
    addPin,
    removePin,
    save,
    load,
  } = useCallReview();
  const { media, setMedia, seek } = useMediaPosition(phase, setStatus);
  const dealSearch = useDealSearch();
  const pinNote = usePinNote({ switchCount, setMedia, addPin, setStatus });

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
      <section aria-label="Call review" className="panel">
        <p role="status">Loading the review…</p>
      </section>
    );
  }
  if (phase.kind === 'error') {
    return (
      <section aria-label="Call review" className="panel">
        <p role="alert" className="error">
          {phase.message}
        </p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </section>
    );
  }
  if (phase.kind === 'no-call') {
    return (
      <section aria-label="Call review" className="panel">
        <p>This page is not a recording Dealside knows. Use “Review this call” from the toolbar or the page’s menu.</p>
      </section>
    );
  }

  return (
    <section aria-label="Call review" className="panel" onKeyDown={onPanelKeyDown}>
      <ReviewHeader call={phase.call} review={review} timerMs={timerMs} saveState={saveState} saveError={saveError} />

      <RepAndDeal
        repText={repText}
        reps={reps}
        deal={deal}
        search={dealSearch}
        onRepText={editRepText}
        onDeal={editDeal}
        setStatus={setStatus}
      />

      <div className="scores">
        {DIMENSIONS.map((d) => (
          <ScoreGroup
            key={d.key}
            label={d.label}
            hint={d.hint}
            levels={d.levels}
            value={scores[d.key]}
            onChange={(v) => setScore(d.key, v)}
          />
        ))}
      </div>

      <PinNoteForm pinNote={pinNote} media={media} />

      <PinnedNotes pins={pins} onSeek={(seconds) => void seek(seconds)} onRemove={removePin} />

      <label className="overall">
        Overall note
        <textarea value={overallNote} maxLength={10_000} rows={4} onChange={(e) => editOverallNote(e.target.value)} />
      </label>

      <div className="actions">
        <button type="button" className="primary" onClick={() => void save('complete')}>
          Complete review
        </button>
      </div>
      <p role="status" className="status">
        {status}
      </p>
    </section>
  );
}
