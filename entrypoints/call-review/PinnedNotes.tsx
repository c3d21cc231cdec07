// The review's pinned notes, in time order: each plays the media from its moment, or is removed.
import type { PinnedNote } from '../../lib/model';
import { formatMediaTime } from '../../lib/calls/media-pick';

interface Props {
  pins: PinnedNote[];
  onSeek: (seconds: number) => void;
  onRemove: (id: string) => void;
}

export function PinnedNotes({ pins, onSeek, onRemove }: Props) {
  return (
    <div className="pins">
      <h2 id="pins-h">Pinned notes</h2>
      {pins.length === 0 ? (
        <p className="empty">No pinned notes yet.</p>
      ) : (
        <ol aria-labelledby="pins-h">
          {pins.map((p) => (
            <li key={p.id}>
              <button type="button" className="at" onClick={() => onSeek(p.atSeconds)} aria-label={`Play from ${formatMediaTime(p.atSeconds)}`}>
                {formatMediaTime(p.atSeconds)}
              </button>
              <span className="text">{p.text}</span>
              <button type="button" className="link" onClick={() => onRemove(p.id)} aria-label={`Remove note at ${formatMediaTime(p.atSeconds)}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
