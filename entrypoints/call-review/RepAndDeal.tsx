// Who the call was with: the rep (picked or typed) and the deal it is linked to, found by a search among deals seen.
import { useEffect, useRef, useState } from 'react';
import { send } from '../../lib/messages/client';
import type { DealHit } from '../../lib/messages/protocol';
import type { Rep } from '../../lib/model';
import type { LinkedDeal } from './useCallReview';

export type DealSearch = ReturnType<typeof useDealSearch>;

/**
 * The deal search box and its hits. Called by App, above its loading and
 * error screens, so what was typed outlives them; `switchCount` (useCallReview)
 * changes with each switch to another call, whose review starts with an empty
 * search (cleared while rendering the switch, as the pin form's draft is).
 */
export function useDealSearch(switchCount: number) {
  const [dealQuery, setDealQuery] = useState('');
  const [dealHits, setDealHits] = useState<DealHit[] | null>(null);
  const [seenSwitch, setSeenSwitch] = useState(switchCount);
  if (seenSwitch !== switchCount) {
    setSeenSwitch(switchCount);
    setDealQuery('');
    setDealHits(null);
  }

  // Deal search among deals seen (debounced).
  useEffect(() => {
    if (!dealQuery.trim()) {
      setDealHits(null);
      return;
    }
    // an answer to a query typed over since (a slower search sent earlier) is not shown
    let current = true;
    const id = window.setTimeout(() => {
      send({ type: 'deals/search', query: dealQuery })
        .then((hits) => current && setDealHits(hits))
        .catch(() => current && setDealHits([]));
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(id);
    };
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
  const searchRef = useRef<HTMLInputElement>(null);
  const dealNameRef = useRef<HTMLElement>(null);
  /** The button just used goes away with the change: where the focus goes instead. */
  const focusNext = useRef<'search' | 'deal' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'search') searchRef.current?.focus();
    else if (target === 'deal') dealNameRef.current?.focus();
  }, [deal]);

  const pickDeal = (hit: DealHit) => {
    focusNext.current = 'deal';
    onDeal({ key: hit.key, name: hit.name });
    if (!repText.trim() && hit.owner) onRepText(hit.owner);
    setDealQuery('');
    setDealHits(null);
    setStatus(`Linked to ${hit.name}.`);
  };
  const unlink = () => {
    focusNext.current = 'search';
    onDeal(null);
    setStatus('Deal unlinked.');
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
          Deal:{' '}
          <strong ref={dealNameRef} tabIndex={-1} className="deal-name">
            {deal.name}
          </strong>{' '}
          <button type="button" className="link" onClick={unlink}>
            Unlink deal
          </button>
        </p>
      ) : (
        <div className="deal-search">
          <label>
            Deal (optional)
            <input ref={searchRef} type="search" value={dealQuery} maxLength={200} onChange={(e) => setDealQuery(e.target.value)} placeholder="Search deals seen" />
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
