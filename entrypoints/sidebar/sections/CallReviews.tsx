import { useCallback, useEffect, useState } from 'react';
import { formatMediaTime } from '../../../lib/calls/media-pick';
import { lastCompletedVersion } from '../../../lib/calls/review-history';
import { onChange, send } from '../../../lib/messages/client';
import type { CallReview } from '../../../lib/model';
import { formatInstant } from '../../../lib/dates';
import { TIME_ZONE } from '../App';

const LABELS = { discovery: 'Discovery', nextStep: 'Next step', qualification: 'Qualification' } as const;
const PROVIDER = { gong: 'Gong', zoom: 'Zoom', chorus: 'Chorus', media: 'Recording' } as const;

/**
 * "Call reviews" in the deal sidebar: call reviews last completed for this
 * deal, newest first. A review being edited again shows its last completed
 * version (here even if relinked since, until completed again). Wire into the
 * sidebar App with: <CallReviews dealKey={dealKey} />
 */
export function CallReviews({ dealKey }: { dealKey: string }) {
  const [reviews, setReviews] = useState<CallReview[] | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(() => {
    send({ type: 'callReview/forDeal', dealKey })
      .then((r) => {
        setReviews(r);
        setError('');
      })
      .catch((e: Error) => setError(e.message));
  }, [dealKey]);

  useEffect(() => {
    load();
    return onChange((event) => {
      // …or the connection was lost and is back: reviews completed meanwhile were not announced here
      if (event.resync || event.dealKeys.includes(dealKey)) load();
    });
  }, [dealKey, load]);

  return (
    <section aria-labelledby="dealside-call-reviews-h" className="call-reviews">
      <h2 id="dealside-call-reviews-h">Call reviews</h2>
      {error ? (
        <p role="alert">Call reviews could not be loaded: {error}</p>
      ) : reviews === null ? (
        <p>Loading…</p>
      ) : reviews.length === 0 ? (
        <p className="empty">No completed call reviews for this deal yet.</p>
      ) : (
        <ul aria-label="Call reviews">
          {reviews.map((r) => {
            const v = lastCompletedVersion(r);
            if (!v) return null;
            const scores = (Object.keys(LABELS) as (keyof typeof LABELS)[])
              .map((d) => `${LABELS[d]} ${v.scores[d] ?? '–'}`)
              .join(' · ');
            return (
              <li key={r.id}>
                <a href={r.url} target="_blank" rel="noopener noreferrer">
                  {r.title || `${PROVIDER[r.provider]} call`}
                </a>
                <p>
                  {PROVIDER[r.provider]} · completed {formatInstant(v.completedAt, TIME_ZONE)}
                  {/* the rep it was completed for: a review relinked since may name another now */}
                  {v.repName ? ` · ${v.repName}` : ''}
                  {r.status !== 'completed' ? ' · being edited' : ''}
                </p>
                <p>{scores}</p>
                {v.pins.length > 0 && (
                  <p>
                    {v.pins.length} pinned note{v.pins.length > 1 ? 's' : ''}, first at {formatMediaTime(v.pins[0]?.atSeconds ?? 0)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
