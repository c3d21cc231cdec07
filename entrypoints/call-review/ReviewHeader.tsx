// The panel's header: which call, the review timer, and the review's state (draft, completed, saving).
import type { CallPage } from '../../lib/messages/protocol';
import type { CallReview } from '../../lib/model';
import { describeElapsed } from '../../lib/calls/review-timer';
import { formatInstant, userTimeZone } from '../../lib/dates';
import type { SaveState } from './useCallReview';

const PROVIDER_LABEL: Record<CallPage['provider'], string> = {
  gong: 'Gong',
  zoom: 'Zoom',
  chorus: 'Chorus',
  media: 'Recording',
};

interface Props {
  call: CallPage;
  review: CallReview | null;
  timerMs: number;
  saveState: SaveState;
  saveError: string;
}

export function ReviewHeader({ call, review, timerMs, saveState, saveError }: Props) {
  const title = call.title || review?.title || 'Untitled call';
  const elapsed = describeElapsed(timerMs);
  const done = review?.status === 'completed';
  const historyCount = review?.history.length ?? 0;

  return (
    <header>
      <p className="eyebrow">{PROVIDER_LABEL[call.provider]} call review</p>
      <h1 tabIndex={-1}>{title}</h1>
      <p className="address" title={call.url}>
        {call.url}
      </p>
      <p className={`timer${elapsed.over ? ' over' : ''}`} aria-label={`Review time ${elapsed.text}`}>
        Review time <strong>{elapsed.text}</strong>
        {document.hidden ? ' (paused)' : ''}
      </p>
      <p className="state">
        {done
          ? `Completed ${formatInstant(review.completedAt ?? review.updatedAt, userTimeZone())}`
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
  );
}
