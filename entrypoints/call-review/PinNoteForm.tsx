// Pinning a note at a moment of the call: at the media's time when typing began, or at a typed m:ss.
import { useRef, useState } from 'react';
import { send } from '../../lib/messages/client';
import { frameTokenFromAddress } from '../../lib/page/framing-facts';
import type { MediaState } from '../../lib/messages/protocol';
import type { PinnedNote } from '../../lib/model';
import { formatMediaTime, parseTypedTime } from '../../lib/calls/media-pick';
import { momentOnEdit, pinSeconds } from '../../lib/calls/pin-moment';

const TIME_FORMAT = 'Type the time as m:ss, for example 4:05.';

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
  /** why the last pin failed, and which box it is about: gone as soon as either box is edited */
  const [pinError, setPinError] = useState<{ field: 'note' | 'time'; message: string } | null>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLInputElement>(null);
  /**
   * The media's reply when the note box went from empty to typed: the moment the note is about
   * (lib/calls/pin-moment.ts). Emptied with the box; the switch below empties the box, so the next
   * call's first note marks its own.
   */
  const marked = useRef<Promise<MediaState | null> | null>(null);

  const askMedia = () =>
    // a person's ask: the page searched again if its last poll found no media
    send({ type: 'calls/mediaTime', frameToken: frameTokenFromAddress(), fresh: true }).then(
      (m) => {
        setMedia(m);
        return m;
      },
      () => null,
    );
  const editNote = (text: string) => {
    const change = momentOnEdit(noteText, text);
    if (change === 'mark') marked.current = askMedia();
    else if (change === 'forget') marked.current = null;
    setNoteText(text);
    setPinError(null);
  };
  const editTime = (text: string) => {
    setTypedTime(text);
    setPinError(null);
  };

  // Another call's review starts with an empty draft: cleared while rendering
  // the switch, so the new call is never shown with the old call's draft.
  const [seenSwitch, setSeenSwitch] = useState(switchCount);
  if (seenSwitch !== switchCount) {
    setSeenSwitch(switchCount);
    setNoteText('');
    setTypedTime('');
    setPinError(null);
  }

  const pin = async () => {
    const text = noteText.trim();
    if (!text) {
      setPinError({ field: 'note', message: 'Type a note to pin.' });
      noteRef.current?.focus();
      return;
    }
    const where = await pinSeconds(typedTime, marked.current, askMedia);
    if ('error' in where) {
      setPinError({
        field: 'time',
        message:
          where.error === 'time'
            ? TIME_FORMAT
            : 'No playing media found on this page: type the time (m:ss) to pin at.',
      });
      timeRef.current?.focus();
      return;
    }
    const note: PinnedNote = {
      id: crypto.randomUUID(),
      atSeconds: Math.round(Math.min(where.at, 24 * 3600) * 10) / 10,
      text: text.slice(0, 2000),
      createdAt: new Date().toISOString(),
    };
    addPin(note);
    marked.current = null;
    setNoteText('');
    setTypedTime('');
    setPinError(null);
    setStatus(`Pinned at ${formatMediaTime(note.atSeconds)}.`);
  };

  return { noteText, editNote, typedTime, editTime, pinError, noteRef, timeRef, pin };
}

export function PinNoteForm({ pinNote, media }: { pinNote: PinNote; media: MediaState | null }) {
  const { noteText, editNote, typedTime, editTime, pinError, noteRef, timeRef, pin } = pinNote;
  // a time typed that cannot be read is marked as such as it stands (a pin would refuse it)
  const timeInvalid = typedTime.trim() !== '' && parseTypedTime(typedTime) === null;
  return (
    <div className="pin">
      <label>
        Note at current time
        <input
          ref={noteRef}
          value={noteText}
          maxLength={2000}
          onChange={(e) => editNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void pin();
            }
          }}
          aria-describedby={pinError?.field === 'note' ? 'pin-help pin-error' : 'pin-help'}
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
            onChange={(e) => editTime(e.target.value)}
            aria-invalid={timeInvalid || undefined}
            aria-describedby={pinError?.field === 'time' ? 'pin-error' : timeInvalid ? 'pin-time-hint' : undefined}
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
          ? `Media at ${formatMediaTime(media.currentTime)}${media.paused ? ' (paused)' : ''}. Enter or Alt+P pins the note at the moment you started typing it, or at the time typed beside it.`
          : 'No media found on this page yet: type the time to pin at.'}
      </p>
      {/* marked invalid as it is typed, and said why (an error of a pin says it instead) */}
      {timeInvalid && pinError?.field !== 'time' && (
        <p id="pin-time-hint" className="hint">
          {TIME_FORMAT}
        </p>
      )}
      {pinError && (
        <p id="pin-error" role="alert" className="error">
          {pinError.message}
        </p>
      )}
    </div>
  );
}
