// The review's pinned notes, in time order: each plays the media from its moment, or is removed.
import { useEffect, useRef } from 'react';
import type { PinnedNote } from '../../lib/model';
import { formatMediaTime } from '../../lib/calls/media-pick';

interface Props {
  pins: PinnedNote[];
  onSeek: (seconds: number) => void;
  onRemove: (id: string) => void;
  /** focus the box a note is typed in (after the last pin left is removed) */
  focusPinBox: () => void;
}

export function PinnedNotes({ pins, onSeek, onRemove, focusPinBox }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  /** after "Remove": the pin whose Remove takes the focus (the next one), or the pin box */
  const focusAfter = useRef<{ pinId: string | null } | null>(null);

  // "Remove" takes its button away: the focus goes on to the next pin, never to the page's body.
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const next = target.pinId ? listRef.current?.querySelector<HTMLButtonElement>(`[data-pin="${CSS.escape(target.pinId)}"] .remove`) : null;
    if (next) next.focus();
    else focusPinBox();
  }, [pins, focusPinBox]);

  const remove = (i: number) => {
    const pin = pins[i];
    if (!pin) return;
    focusAfter.current = { pinId: pins[i + 1]?.id ?? null };
    onRemove(pin.id);
  };

  return (
    <div className="pins" ref={listRef}>
      <h2 id="pins-h">Pinned notes</h2>
      {pins.length === 0 ? (
        <p className="empty">No pinned notes yet.</p>
      ) : (
        <ol aria-labelledby="pins-h">
          {pins.map((p, i) => (
            <li key={p.id} data-pin={p.id}>
              <button type="button" className="at" onClick={() => onSeek(p.atSeconds)} aria-label={`Go to ${formatMediaTime(p.atSeconds)} in the recording`}>
                {formatMediaTime(p.atSeconds)}
              </button>
              <span className="text">{p.text}</span>
              <button type="button" className="link remove" onClick={() => remove(i)} aria-label={`Remove note at ${formatMediaTime(p.atSeconds)}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
