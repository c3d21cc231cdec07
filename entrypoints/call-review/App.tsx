import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { DealsideError, onChange, send } from '../../lib/messages/client';
import type { CallPage, DealHit, MediaState } from '../../lib/messages/protocol';
import type { CallReview, PinnedNote, Rep, ScoreDimension } from '../../lib/model';
import { formatMediaTime, parseTypedTime } from '../../lib/calls/media-pick';
import { sortPins, type ReviewInput } from '../../lib/calls/review-history';
import { describeElapsed } from '../../lib/calls/review-timer';
import { ScoreGroup } from './ScoreGroup';
import { DIMENSIONS } from './rubric';
import { useReviewTimer } from './useReviewTimer';

type Scores = CallReview['scores'];
type Phase =
  | { kind: 'loading' }
  | { kind: 'no-call' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; call: CallPage };

const PROVIDER_LABEL: Record<CallPage['provider'], string> = {
  gong: 'Gong',
  zoom: 'Zoom',
  chorus: 'Chorus',
  media: 'Recording',
};
const AUTOSAVE_MS = 600;
const MEDIA_POLL_MS = 1000;

const messageOf = (e: unknown) =>
  e instanceof DealsideError && e.code === 'no-user'
    ? 'Set your name in Dealside first (toolbar popup), then come back: the review is kept until then.'
    : e instanceof Error
      ? e.message
      : 'Something went wrong.';

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [review, setReview] = useState<CallReview | null>(null);
  const [scores, setScores] = useState<Scores>({});
  const [overallNote, setOverallNote] = useState('');
  const [pins, setPins] = useState<PinnedNote[]>([]);
  const [repText, setRepText] = useState('');
  const [reps, setReps] = useState<Rep[]>([]);
  const [deal, setDeal] = useState<{ key: string; name: string } | null>(null);
  const [dealQuery, setDealQuery] = useState('');
  const [dealHits, setDealHits] = useState<DealHit[] | null>(null);
  const [noteText, setNoteText] = useState('');
  const [typedTime, setTypedTime] = useState('');
  const [media, setMedia] = useState<MediaState | null>(null);
  const [status, setStatus] = useState('');
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [saveError, setSaveError] = useState('');
  const [pinError, setPinError] = useState('');
  const [dirtyTick, setDirtyTick] = useState(0);

  const timer = useReviewTimer();
  const { read: readTimer, reset: resetTimer } = timer;
  const noteRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  const callRef = useRef<CallPage | null>(null);
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());
  /** the latest edit state, read by saves queued earlier */
  const latest = useRef({ scores, overallNote, pins, repText, deal, reps, review });
  latest.current = { scores, overallNote, pins, repText, deal, reps, review };

  const buildInput = useCallback((): ReviewInput | null => {
    const call = callRef.current;
    if (!call) return null;
    const s = latest.current;
    const typed = s.repText.trim();
    const known = s.reps.find((r) => r.name.toLowerCase() === typed.toLowerCase());
    const input: ReviewInput = {
      callKey: call.callKey,
      provider: call.provider,
      callId: call.callId,
      title: call.title || s.review?.title || '',
      url: call.url,
      scores: s.scores,
      overallNote: s.overallNote,
      pins: s.pins,
      timeSpentMs: readTimer(),
    };
    if (known) {
      input.repId = known.id;
      input.repName = known.name;
    } else if (typed) input.repName = typed.slice(0, 120);
    if (s.deal) input.dealKey = s.deal.key;
    return input;
  }, [readTimer]);

  /** Saves run one after another so a completion never races an autosave. */
  const save = useCallback(
    (kind: 'draft' | 'complete') => {
      const run = async () => {
        pending.current = false;
        const input = buildInput();
        if (!input) return;
        setSaveState('saving');
        try {
          const saved =
            kind === 'complete'
              ? await send({ type: 'callReview/complete', review: input })
              : await send({ type: 'callReview/saveDraft', review: input });
          // A switch to another call while saving: do not show the old review.
          if (callRef.current?.callKey === saved.callKey) setReview(saved);
          setSaveState('saved');
          setSaveError('');
          if (kind === 'complete') setStatus('Review completed.');
        } catch (e) {
          setSaveState('error');
          setSaveError(messageOf(e));
        }
      };
      const next = saveQueue.current.then(run, run);
      saveQueue.current = next;
      return next;
    },
    [buildInput],
  );

  /** edits not yet handed to a save */
  const pending = useRef(false);
  const edited = () => {
    pending.current = true;
    setDirtyTick((t) => t + 1);
  };

  // Autosave shortly after the last edit.
  useEffect(() => {
    if (dirtyTick === 0) return;
    const id = window.setTimeout(() => void save('draft'), AUTOSAVE_MS);
    return () => window.clearTimeout(id);
  }, [dirtyTick, save]);

  // Time spent is stored too: on hide and every 30 s, once a review exists.
  useEffect(() => {
    const flush = () => {
      if (latest.current.review) void save('draft');
    };
    const onVis = () => document.hidden && flush();
    document.addEventListener('visibilitychange', onVis);
    window.addEventListener('pagehide', flush);
    const id = window.setInterval(() => !document.hidden && flush(), 30_000);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      window.removeEventListener('pagehide', flush);
      window.clearInterval(id);
    };
  }, [save]);

  /**
   * Loads can overlap (the next call's address, then its late title, a second
   * apart while the first still waits on a draft save): only the newest may
   * set state, or an older answer (the previous title) would win the race.
   * `callRef` names the call whose review the state holds, so it changes only
   * together with that state: a save in between still goes to the right call.
   */
  const loadSeq = useRef(0);
  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    const superseded = () => seq !== loadSeq.current;
    // Leaving a call: its last edits are saved under it before another is shown.
    const flushEdits = async () => {
      if (pending.current) void save('draft');
      await saveQueue.current;
    };
    try {
      const current = await send({ type: 'calls/current' });
      if (superseded()) return;
      if (callRef.current && current.call && callRef.current.callKey === current.call.callKey) {
        // Same call, newer details (an SPA sets the title after the address).
        callRef.current = current.call;
        setPhase({ kind: 'ready', tabId: current.tabId, call: current.call });
        return;
      }
      await flushEdits();
      if (superseded()) return;
      if (!current.call) {
        callRef.current = null;
        setPhase({ kind: 'no-call' });
        return;
      }
      const [existing, knownReps] = await Promise.all([
        send({ type: 'callReview/get', callKey: current.call.callKey }),
        send({ type: 'reps/list' }).catch(() => [] as Rep[]),
      ]);
      if (superseded()) return;
      await flushEdits(); // edits to the old call made while this one loaded
      if (superseded()) return;
      // The switch, all at once: the call, and the state a save would read before React re-renders.
      const next = {
        scores: existing?.scores ?? {},
        overallNote: existing?.overallNote ?? '',
        pins: sortPins(existing?.pins ?? []),
        repText: existing?.repName ?? '',
        deal: existing?.dealKey ? { key: existing.dealKey, name: existing.dealKey } : null,
        reps: knownReps,
        review: existing,
      };
      callRef.current = current.call;
      latest.current = next;
      pending.current = false;
      setReps(next.reps);
      setReview(next.review);
      setScores(next.scores);
      setOverallNote(next.overallNote);
      setPins(next.pins);
      setRepText(next.repText);
      setDeal(next.deal);
      setNoteText('');
      setTypedTime('');
      setDirtyTick(0);
      setSaveState('idle');
      resetTimer(existing?.timeSpentMs ?? 0);
      setPhase({ kind: 'ready', tabId: current.tabId, call: current.call });
      if (existing?.dealKey) {
        const key = existing.dealKey;
        send({ type: 'deal/view', dealKey: key })
          .then((v) => v.deal?.snapshot.name && setDeal((d) => (d?.key === key ? { key, name: v.deal?.snapshot.name ?? key } : d)))
          .catch(() => {});
      }
    } catch (e) {
      if (!superseded()) setPhase({ kind: 'error', message: messageOf(e) });
    }
  }, [resetTimer, save]);

  const tabIdRef = useRef<number | null>(null);
  tabIdRef.current = phase.kind === 'ready' ? phase.tabId : null;
  useEffect(() => {
    void load();
    return onChange((event) => {
      // Our tab's recording changed (next call in the SPA), or its first report arrived.
      const tabId = tabIdRef.current;
      if (tabId === null ? event.tabIds.length > 0 : event.tabIds.includes(tabId)) void load();
    });
  }, [load]);

  // Follow the media's position while the panel is visible.
  useEffect(() => {
    if (phase.kind !== 'ready') return;
    let stopped = false;
    const poll = async () => {
      if (document.hidden) return;
      try {
        const m = await send({ type: 'calls/mediaTime' });
        if (!stopped) setMedia(m);
      } catch {
        if (!stopped) setMedia(null);
      }
    };
    void poll();
    const id = window.setInterval(() => void poll(), MEDIA_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
  }, [phase]);

  const pin = async () => {
    const text = noteText.trim();
    if (!text) {
      setPinError('Type a note to pin.');
      noteRef.current?.focus();
      return;
    }
    let at: number | null;
    if (typedTime.trim()) {
      at = parseTypedTime(typedTime);
      if (at === null) {
        setPinError('Type the time as m:ss, for example 4:05.');
        timeRef.current?.focus();
        return;
      }
    } else {
      const m = await send({ type: 'calls/mediaTime' }).catch(() => null);
      if (m) setMedia(m);
      if (!m?.hasMedia) {
        setPinError('No playing media found on this page: type the time (m:ss) to pin at.');
        timeRef.current?.focus();
        return;
      }
      at = m.currentTime;
    }
    const note: PinnedNote = {
      id: crypto.randomUUID(),
      atSeconds: Math.round(Math.min(at, 24 * 3600) * 10) / 10,
      text: text.slice(0, 2000),
      createdAt: new Date().toISOString(),
    };
    setPins((ps) => sortPins([...ps, note]));
    setNoteText('');
    setTypedTime('');
    setPinError('');
    setStatus(`Pinned at ${formatMediaTime(note.atSeconds)}.`);
    edited();
  };

  const seek = async (seconds: number) => {
    try {
      const m = await send({ type: 'calls/seek', seconds });
      setMedia(m);
      setStatus(m.hasMedia ? `Moved to ${formatMediaTime(seconds)}.` : 'No media on this page to move.');
    } catch (e) {
      setStatus(messageOf(e));
    }
  };

  const removePin = (id: string) => {
    setPins((ps) => ps.filter((p) => p.id !== id));
    setStatus('Pin removed.');
    edited();
  };

  const setScore = (d: ScoreDimension, v: number) => {
    setScores((s) => ({ ...s, [d]: v }));
    edited();
  };

  // Deal search among deals seen (debounced).
  useEffect(() => {
    if (!dealQuery.trim()) {
      setDealHits(null);
      return;
    }
    const id = window.setTimeout(() => {
      send({ type: 'deals/search', query: dealQuery })
        .then(setDealHits)
        .catch(() => setDealHits([]));
    }, 200);
    return () => window.clearTimeout(id);
  }, [dealQuery]);

  const pickDeal = (hit: DealHit) => {
    setDeal({ key: hit.key, name: hit.name });
    if (!repText.trim() && hit.owner) setRepText(hit.owner);
    setDealQuery('');
    setDealHits(null);
    setStatus(`Linked to ${hit.name}.`);
    edited();
  };

  // One key pins: Alt+P anywhere in the panel (Enter in the note box too).
  const onPanelKeyDown = (e: ReactKeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
      e.preventDefault();
      if (noteText.trim()) void pin();
      else noteRef.current?.focus();
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

  const call = phase.call;
  const title = call.title || review?.title || 'Untitled call';
  const elapsed = describeElapsed(timer.ms);
  const done = review?.status === 'completed';
  const historyCount = review?.history.length ?? 0;

  return (
    <section aria-label="Call review" className="panel" onKeyDown={onPanelKeyDown}>
      <header>
        <p className="eyebrow">{PROVIDER_LABEL[call.provider]} call review</p>
        <h1>{title}</h1>
        <p className="address" title={call.url}>
          {call.url}
        </p>
        <p className={`timer${elapsed.over ? ' over' : ''}`} aria-label={`Review time ${elapsed.text}`}>
          Review time <strong>{elapsed.text}</strong>
          {document.hidden ? ' (paused)' : ''}
        </p>
        <p className="state">
          {done
            ? `Completed ${new Date(review.completedAt ?? review.updatedAt).toLocaleString()}`
            : review
              ? 'Draft'
              : 'Not started'}
          {historyCount > 0 && ` · ${historyCount} earlier completed version${historyCount > 1 ? 's' : ''}`}
          {' · '}
          <span className={saveState === 'error' ? 'error' : undefined}>
            {saveState === 'saving' ? 'Saving…' : saveState === 'saved' ? 'Saved' : saveState === 'error' ? 'Not saved' : ''}
          </span>
        </p>
        {saveState === 'error' && (
          <p role="alert" className="error">
            {saveError}
          </p>
        )}
      </header>

      <div className="who">
        <label>
          Rep
          <input
            list="dealside-reps"
            value={repText}
            maxLength={120}
            onChange={(e) => {
              setRepText(e.target.value);
              edited();
            }}
            placeholder="Pick or type a name"
          />
        </label>
        <datalist id="dealside-reps">
          {reps.map((r) => (
            <option key={r.id} value={r.name} />
          ))}
        </datalist>
        {deal ? (
          <p className="deal">
            Deal: <strong>{deal.name}</strong>{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setDeal(null);
                edited();
              }}
            >
              Unlink deal
            </button>
          </p>
        ) : (
          <div className="deal-search">
            <label>
              Deal (optional)
              <input type="search" value={dealQuery} maxLength={200} onChange={(e) => setDealQuery(e.target.value)} placeholder="Search deals seen" />
            </label>
            {dealHits && (
              <ul aria-label="Deals found" className="hits">
                {dealHits.length === 0 && <li className="empty">No deal seen by that name yet.</li>}
                {dealHits.map((h) => (
                  <li key={h.key}>
                    <button type="button" onClick={() => pickDeal(h)}>
                      {h.name}
                      {h.owner ? ` · ${h.owner}` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

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

      <div className="pin">
        <label>
          Note at current time
          <input
            ref={noteRef}
            value={noteText}
            maxLength={2000}
            onChange={(e) => setNoteText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void pin();
              }
            }}
            aria-describedby="pin-help"
          />
        </label>
        <div className="row">
          <label className="time">
            At (m:ss)
            <input
              ref={timeRef}
              value={typedTime}
              inputMode="numeric"
              maxLength={8}
              placeholder={media?.hasMedia ? formatMediaTime(media.currentTime) : 'm:ss'}
              onChange={(e) => setTypedTime(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void pin();
                }
              }}
            />
          </label>
          <button type="button" onClick={() => void pin()} aria-keyshortcuts="Alt+P">
            Pin note
          </button>
        </div>
        <p id="pin-help" className="hint">
          {media?.hasMedia
            ? `Media at ${formatMediaTime(media.currentTime)}${media.paused ? ' (paused)' : ''}. Enter or Alt+P pins; leave the time empty to use the media's.`
            : 'No media found on this page yet: type the time to pin at.'}
        </p>
        {pinError && (
          <p role="alert" className="error">
            {pinError}
          </p>
        )}
      </div>

      <div className="pins">
        <h2 id="pins-h">Pinned notes</h2>
        {pins.length === 0 ? (
          <p className="empty">No pinned notes yet.</p>
        ) : (
          <ol aria-labelledby="pins-h">
            {pins.map((p) => (
              <li key={p.id}>
                <button type="button" className="at" onClick={() => void seek(p.atSeconds)} aria-label={`Play from ${formatMediaTime(p.atSeconds)}`}>
                  {formatMediaTime(p.atSeconds)}
                </button>
                <span className="text">{p.text}</span>
                <button type="button" className="link" onClick={() => removePin(p.id)} aria-label={`Remove note at ${formatMediaTime(p.atSeconds)}`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>

      <label className="overall">
        Overall note
        <textarea
          value={overallNote}
          maxLength={10_000}
          rows={4}
          onChange={(e) => {
            setOverallNote(e.target.value);
            edited();
          }}
        />
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
