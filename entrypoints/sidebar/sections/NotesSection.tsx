import { memo, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { send } from '../../../lib/messages/client';
import type { Diagnosis, Note } from '../../../lib/model';
import { noteDraftKey } from '../../../lib/model/keys';
import { formatInstant } from '../../../lib/dates';
import { useDraft } from '../hooks/useDraft';
import { DraftProblems } from './DraftProblems';
import { useFocusBack } from '../hooks/useFocusBack';
import { TIME_ZONE } from '../App';

const FIELDS = ['mode', 'text', 'goal', 'reality', 'options', 'will', 'diagnosis'] as const;
const GROW = [
  ['goal', 'Goal'],
  ['reality', 'Reality'],
  ['options', 'Options'],
  ['will', 'Will'],
] as const;
/** Under each GROW box: what goes in it (GROW's "Will" is the rep's commitment to act, not the diagnosis below). */
const GROW_HINTS: Record<(typeof GROW)[number][0], string> = {
  goal: 'What the rep wants from this deal or this week',
  reality: 'Where it stands now, in facts',
  options: 'What the rep could try',
  will: 'What the rep will do, and by when',
};
/** Ctrl+Enter, or ⌘+Enter on a Mac (both are taken everywhere) */
const ADD_KEYS = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘+Enter' : 'Ctrl+Enter';
const DIAGNOSIS_WORD: Record<Diagnosis, string> = { skill: 'Skill', will: 'Will', knowledge: 'Knowledge', system: 'System' };
const DIAGNOSES: { value: Diagnosis; label: string }[] = [
  { value: 'skill', label: 'Skill — does not know how yet' },
  { value: 'will', label: 'Will — knows how, is not doing it' },
  { value: 'knowledge', label: 'Knowledge — missing product or deal facts' },
  { value: 'system', label: 'System — process or tooling is in the way' },
];

/** Coaching notes: free text or GROW, with an optional diagnosis; the draft autosaves. */
export function NotesSection({ dealKey, notes }: { dealKey: string; notes: Note[] }) {
  return (
    <section aria-labelledby="notes-h">
      <h2 id="notes-h">Coaching notes</h2>
      <NoteComposer dealKey={dealKey} />
      <NoteList notes={notes} />
    </section>
  );
}

function NoteComposer({ dealKey }: { dealKey: string }) {
  const draft = useDraft(noteDraftKey(dealKey), FIELDS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  /** "Note added.", until the next keystroke: the note itself appears below, out of view. */
  const [added, setAdded] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const focusBack = useFocusBack();
  const v = draft.value;
  const grow = v.mode === 'grow';
  const hasText = grow ? GROW.some(([k]) => v[k]?.trim()) : !!v.text?.trim();
  /**
   * Not typed into while the stored draft loads (a keystroke would replace it unseen) or
   * while the note is being added (the composer then clears: what was typed would go).
   */
  const locked = busy || !draft.loaded;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!hasText) return;
    focusBack.started();
    setBusy(true);
    setError('');
    try {
      const diagnosis = DIAGNOSES.find((d) => d.value === v.diagnosis)?.value;
      const added = await send({
        type: 'note/add',
        dealKey,
        body: grow
          ? { kind: 'grow', grow: { goal: v.goal ?? '', reality: v.reality ?? '', options: v.options ?? '', will: v.will ?? '' } }
          : { kind: 'free', text: (v.text ?? '').trim() },
        ...(diagnosis ? { diagnosis } : {}),
        draftWriter: draft.writer,
        draftShown: v,
      });
      // The next note starts in the same format, and the keyboard stays in the composer (the
      // button just pressed turns disabled, which would drop focus to the page's body).
      // Text typed in the other format was not part of this note: it stays, and stays saved.
      // Another tab's composer wrote the draft since (its text is not this note's): it stays, shown here.
      if (added.draftKept) draft.showStored();
      else draft.reset(grow ? { mode: 'grow', text: v.text ?? '' } : { mode: '', ...Object.fromEntries(GROW.map(([k]) => [k, v[k] ?? ''])) });
      setAdded(true);
      form.current?.querySelector<HTMLElement>(grow ? '#grow-goal' : '#note-text')?.focus();
    } catch (err) {
      setError((err as Error).message);
      focusBack.failed();
    } finally {
      setBusy(false);
    }
  };

  // Ctrl/⌘+Enter adds the note from any of its fields (the four GROW boxes included).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    if (!busy) void submit(e);
  };

  return (
    <form ref={form} onSubmit={submit} onKeyDown={onKeyDown} onInput={() => setAdded(false)} aria-label="New coaching note">
      <div className="tabs" role="group" aria-label="Note format">
        <button type="button" aria-pressed={!grow} aria-disabled={locked} onClick={() => !locked && draft.update('mode', 'free')}>
          Free text
        </button>
        <button type="button" aria-pressed={grow} aria-disabled={locked} onClick={() => !locked && draft.update('mode', 'grow')}>
          GROW
        </button>
      </div>
      {grow ? (
        GROW.map(([key, label]) => (
          <div key={key}>
            <label htmlFor={`grow-${key}`}>{label}</label>
            <textarea
              id={`grow-${key}`}
              value={v[key] ?? ''}
              readOnly={locked}
              maxLength={5000}
              placeholder={GROW_HINTS[key]}
              onChange={(e) => draft.update(key, e.target.value)}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            />
          </div>
        ))
      ) : (
        <>
          <label htmlFor="note-text">Coaching note</label>
          <textarea
            id="note-text"
            value={v.text ?? ''}
            readOnly={locked}
            maxLength={10000}
            placeholder="What you saw, what you agreed, what to try next"
            onChange={(e) => draft.update('text', e.target.value)}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          />
        </>
      )}
      <label htmlFor="note-diagnosis">Diagnosis</label>
      {/* held with the text: a choice made while the draft loads, or while the note is being added, would be dropped */}
      <select id="note-diagnosis" value={v.diagnosis ?? ''} aria-disabled={locked} onChange={(e) => !locked && draft.update('diagnosis', e.target.value)}>
        <option value="">Not diagnosed</option>
        {DIAGNOSES.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !hasText}>
          Add note
        </button>
        <span className="hint" role="status">
          {!draft.loaded && !draft.loadError
            ? 'Loading your draft…'
            : draft.loaded && hasText && !draft.saveError
              ? `Draft saved as you type. ${ADD_KEYS} adds.`
              : added
                ? 'Note added.'
                : ''}
        </span>
      </div>
      <DraftProblems
        draft={draft}
        what="Your note's draft"
        // the keyboard goes to the note being written
        onRetry={() => form.current?.querySelector<HTMLElement>(grow ? '#grow-goal' : '#note-text')?.focus()}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Notes shown at first; older ones are one click away (a deal can carry hundreds). */
const FIRST_NOTES = 25;

/** Memoised: typing in the composer must not re-render hundreds of notes. */
const NoteList = memo(function NoteList({ notes }: { notes: Note[] }) {
  const [all, setAll] = useState(false);
  /** the first note "Show older" revealed: focus goes there, as the button itself goes away */
  const firstOlder = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (all) firstOlder.current?.focus();
  }, [all]);
  if (notes.length === 0) {
    return (
      <ul className="plain" aria-label="Notes">
        <li className="muted">No coaching notes on this deal yet.</li>
      </ul>
    );
  }
  return (
    <>
    <ul className="plain" aria-label="Notes">
      {(all ? notes : notes.slice(0, FIRST_NOTES)).map((n, i) => (
        <li key={n.id} {...(i === FIRST_NOTES ? { ref: firstOlder, tabIndex: -1 } : {})}>
          {n.body.kind === 'free' ? (
            <p className="note-body">{n.body.text}</p>
          ) : (
            <dl className="grow">
              {GROW.map(([k, label]) =>
                n.body.kind === 'grow' && n.body.grow[k] ? (
                  <div key={k}>
                    <dt>{label}</dt>
                    <dd>{n.body.grow[k]}</dd>
                  </div>
                ) : null,
              )}
            </dl>
          )}
          <p className="muted">
            {n.diagnosis ? <span className="chip">Diagnosis: {DIAGNOSIS_WORD[n.diagnosis]}</span> : null} {n.by.name}, {formatInstant(n.at, TIME_ZONE)}
          </p>
        </li>
      ))}
    </ul>
    {!all && notes.length > FIRST_NOTES && (
      <button type="button" onClick={() => setAll(true)}>
        Show {notes.length - FIRST_NOTES} older {notes.length - FIRST_NOTES === 1 ? 'note' : 'notes'}
      </button>
    )}
    </>
  );
});
