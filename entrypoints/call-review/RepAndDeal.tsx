// Who the call was with: the rep (picked or typed) and the deal it is linked to, found by a search among deals seen.
import { useEffect, useState } from 'react';
import { send } from '../../lib/messages/client';
import type { DealHit } from '../../lib/messages/protocol';
import type { Rep } from '../../lib/model';
import type { LinkedDeal } from './useCallReview';

export type DealSearch = ReturnType<typeof useDealSearch>;

/**
 * The deal search box and its hits. Called by App, above its loading and
 * error screens, so what was typed outlives them.
 */
export function useDealSearch() {
  const [dealQuery, setDealQuery] = useState('');
  const [dealHits, setDealHits] = useState<DealHit[] | null>(null);

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

  return { dealQuery, setDealQuery, dealHits, setDealHits };
}

interface Props {
  repText: string;
  reps: Rep[];
  deal: LinkedDeal | null;
  search: DealSearch;
  /** onRepText and onDeal mark the review edited */
  onRepText: (text: string) => void;
  onDeal: (deal: LinkedDeal | null) => void;
  setStatus: (status: string) => void;
}

export function RepAndDeal({ repText, reps, deal, search, onRepText, onDeal, setStatus }: Props) {
  const { dealQuery, setDealQuery, dealHits, setDealHits } = search;

  const pickDeal = (hit: DealHit) => {
    onDeal({ key: hit.key, name: hit.name });
    if (!repText.trim() && hit.owner) onRepText(hit.owner);
    setDealQuery('');
    setDealHits(null);
    setStatus(`Linked to ${hit.name}.`);
  };

  return (
    <div className="who">
      <label>
        Rep
        <input list="dealside-reps" value={repText} maxLength={120} onChange={(e) => onRepText(e.target.value)} placeholder="Pick or type a name" />
      </label>
      <datalist id="dealside-reps">
        {reps.map((r) => (
          <option key={r.id} value={r.name} />
        ))}
      </datalist>
      {deal ? (
        <p className="deal">
          Deal: <strong>{deal.name}</strong>{' '}
          <button type="button" className="link" onClick={() => onDeal(null)}>
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
  );
}
