// Pinning a note at a moment of the call: at the media's current time, or at a typed m:ss.
import { useRef, useState } from 'react';
import { send } from '../../lib/messages/client';
import { frameTokenFromAddress } from '../../lib/page/framing-facts';
import type { MediaState } from '../../lib/messages/protocol';
import type { PinnedNote } from '../../lib/model';
import { formatMediaTime, parseTypedTime } from '../../lib/calls/media-pick';

export type PinNote = ReturnType<typeof usePinNote>;

interface Options {
  /** changes with each switch to another call's review (useCallReview) */
  switchCount: number;
  setMedia: (media: MediaState) => void;
  /** adds the note to the review and marks it edited */
  addPin: (note: PinnedNote) => void;
  setStatus: (status: string) => void;
}

/**
 * The pin form's state and its pin action. Called by App, which also pins
 * from Alt+P anywhere in the panel, and which keeps the typed note across
 * its loading and error screens.
 */
export function usePinNote({ switchCount, setMedia, addPin, setStatus }: Options) {
  const [noteText, setNoteText] = useState('');
  const [typedTime, setTypedTime] = useState('');
  const [pinError, setPinError] = useState('');
  const noteRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);

  // Another call's review starts with an empty draft: cleared while rendering
  // the switch, so the new call is never shown with the old call's draft.
  const [seenSwitch, setSeenSwitch] = useState(switchCount);
  if (seenSwitch !== switchCount) {
    setSeenSwitch(switchCount);
    setNoteText('');
    setTypedTime('');
  }

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
      const m = await send({ type: 'calls/mediaTime', frameToken: frameTokenFromAddress() }).catch(() => null);
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
    addPin(note);
    setNoteText('');
    setTypedTime('');
    setPinError('');
    setStatus(`Pinned at ${formatMediaTime(note.atSeconds)}.`);
  };

  return { noteText, setNoteText, typedTime, setTypedTime, pinError, noteRef, timeRef, pin };
}

export function PinNoteForm({ pinNote, media }: { pinNote: PinNote; media: MediaState | null }) {
  const { noteText, setNoteText, typedTime, setTypedTime, pinError, noteRef, timeRef, pin } = pinNote;
  return (
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
  );
}
