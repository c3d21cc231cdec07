// Who the call was with: the rep (picked or typed) and the deal it is linked to, found by a search among deals seen.
import { useEffect, useRef, useState } from 'react';
import { send } from '../../lib/messages/client';
import type { DealHit } from '../../lib/messages/protocol';
import type { Rep } from '../../lib/model';
import type { LinkedDeal } from './useCallReview';

export type DealSearch = ReturnType<typeof useDealSearch>;

const NO_DEAL = 'No deal seen by that name yet.';
export const DEAL_SEARCH_FAILED = 'Could not search the deals seen just now: type in the search box to try again.';

/**
 * The deal search box and its hits. Called by App, above its loading and
 * error screens, so what was typed outlives them; `switchCount` (useCallReview)
 * changes with each switch to another call, whose review starts with an empty
 * search (cleared while rendering the switch, as the pin form's draft is).
 */
export function useDealSearch(switchCount: number) {
  const [dealQuery, setDealQuery] = useState('');
  const [dealHits, setDealHits] = useState<DealHit[] | null>(null);
  /** a search sent and not answered yet, or the last one failed (its hits are not "none found") */
  const [searching, setSearching] = useState(false);
  const [searchFailed, setSearchFailed] = useState(false);
  const [seenSwitch, setSeenSwitch] = useState(switchCount);
  if (seenSwitch !== switchCount) {
    setSeenSwitch(switchCount);
    setDealQuery('');
    setDealHits(null);
    setSearching(false);
    setSearchFailed(false);
  }

  // Deal search among deals seen (debounced). A failed one is tried again with the next edit.
  useEffect(() => {
    if (!dealQuery.trim()) {
      setDealHits(null);
      setSearching(false);
      setSearchFailed(false);
      return;
    }
    // an answer to a query typed over since (a slower search sent earlier) is not shown
    let current = true;
    const id = window.setTimeout(() => {
      setSearching(true);
      setSearchFailed(false);
      send({ type: 'deals/search', query: dealQuery }).then(
        (hits) => {
          if (!current) return;
          setSearching(false);
          setDealHits(hits);
        },
        () => {
          if (!current) return;
          setSearching(false);
          setSearchFailed(true);
          setDealHits(null);
        },
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(id);
    };
  }, [dealQuery]);

  /** what the search's one status line says: each answer once, the failure as a failure */
  const searchStatus = searching
    ? 'Searching…'
    : searchFailed
      ? DEAL_SEARCH_FAILED
      : dealHits === null
        ? ''
        : dealHits.length === 0
          ? NO_DEAL
          : `${dealHits.length} deal${dealHits.length === 1 ? '' : 's'} found`;

  return { dealQuery, setDealQuery, dealHits, setDealHits, searchStatus, searchFailed };
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
  const { dealQuery, setDealQuery, dealHits, setDealHits, searchStatus, searchFailed } = search;
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
          {/*
            The one line that says how the search went (polite: typing is not interrupted). Heard
            only, but for a failure, which is shown here too: the hits below say the rest to the eye.
            There while a search is typed (empty at first, so what comes next is said): the panel's
            own status line is otherwise its only one.
          */}
          {dealQuery.trim() !== '' && (
            <p role="status" className={searchFailed ? 'error' : 'sr-only'}>
              {searchStatus}
            </p>
          )}
          {dealHits && (
            <ul aria-label="Deals found" className="hits">
              {dealHits.length === 0 && <li className="empty">{NO_DEAL}</li>}
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
