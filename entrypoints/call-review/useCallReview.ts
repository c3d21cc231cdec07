// The review of the call on this tab: loading it, the edits, and saving them (autosave, save queue, flushes).
import { useCallback, useEffect, useRef, useState } from 'react';
import { DealsideError, onChange, send } from '../../lib/messages/client';
import type { CallPage } from '../../lib/messages/protocol';
import type { CallReview, PinnedNote, Rep, ScoreDimension } from '../../lib/model';
import { sortPins, type ReviewInput } from '../../lib/calls/review-history';
import { useReviewTimer } from './useReviewTimer';

type Scores = CallReview['scores'];
export type Phase =
  | { kind: 'loading' }
  | { kind: 'no-call' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; call: CallPage };
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
export type LinkedDeal = { key: string; name: string };

const AUTOSAVE_MS = 600;

export const messageOf = (e: unknown) =>
  e instanceof DealsideError && e.code === 'no-user'
    ? 'Set your name in Dealside first (toolbar popup), then come back: the review is kept until then.'
    : e instanceof Error
      ? e.message
      : 'Something went wrong.';

export function useCallReview() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [review, setReview] = useState<CallReview | null>(null);
  const [scores, setScores] = useState<Scores>({});
  const [overallNote, setOverallNote] = useState('');
  const [pins, setPins] = useState<PinnedNote[]>([]);
  const [repText, setRepText] = useState('');
  const [reps, setReps] = useState<Rep[]>([]);
  const [deal, setDeal] = useState<LinkedDeal | null>(null);
  const [status, setStatus] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState('');
  const [dirtyTick, setDirtyTick] = useState(0);
  /** counts switches to another call's review: the pin form clears its draft on each */
  const [switchCount, setSwitchCount] = useState(0);

  const timer = useReviewTimer();
  const { read: readTimer, reset: resetTimer } = timer;
  const callRef = useRef<CallPage | null>(null);
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());
  /** the latest edit state, read by saves queued earlier */
  const latest = useRef({ scores, overallNote, pins, repText, deal, reps, review });
  latest.current = { scores, overallNote, pins, repText, deal, reps, review };
  /** edits not yet handed to a save */
  const pending = useRef(false);

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
      setSwitchCount((n) => n + 1);
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

  // Edits: each changes the review and schedules its autosave.
  const setScore = (d: ScoreDimension, v: number) => {
    setScores((s) => ({ ...s, [d]: v }));
    edited();
  };
  const editOverallNote = (text: string) => {
    setOverallNote(text);
    edited();
  };
  const editRepText = (text: string) => {
    setRepText(text);
    edited();
  };
  const editDeal = (d: LinkedDeal | null) => {
    setDeal(d);
    edited();
  };
  const addPin = (note: PinnedNote) => {
    setPins((ps) => sortPins([...ps, note]));
    edited();
  };
  const removePin = (id: string) => {
    setPins((ps) => ps.filter((p) => p.id !== id));
    setStatus('Pin removed.');
    edited();
  };

  return {
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
    timerMs: timer.ms,
    switchCount,
    setScore,
    editOverallNote,
    editRepText,
    editDeal,
    addPin,
    removePin,
    save,
    load,
  };
}
