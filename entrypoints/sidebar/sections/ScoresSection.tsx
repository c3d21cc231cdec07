import { useEffect, useRef, useState } from 'react';
import { ScoreGroup } from '../../../components/ScoreGroup';
import { send } from '../../../lib/messages/client';
import type { Score, ScoreDimension } from '../../../lib/model';
import { RUBRIC } from '../../../lib/rubric';
import { formatInstant } from '../../../lib/dates';
import { TIME_ZONE } from '../App';

/** A level pressed: shown until the view holds the score recorded for it (`id`, once known). */
interface Pending {
  value: number;
  id?: string;
}

/** The three 1–5 scores. Every score is kept; "current" is the latest per dimension. */
export function ScoresSection({ dealKey, scores }: { dealKey: string; scores: Score[] }) {
  const [error, setError] = useState('');
  // Shown at once while the background records it, until a view holding it arrives. A view
  // that arrives before (another change, read before this score was written) must not put
  // the old level back: the person would press again, and every score is kept for good.
  const [pending, setPending] = useState<Partial<Record<ScoreDimension, Pending>>>({});
  const latestScores = useRef(scores);
  latestScores.current = scores;
  useEffect(() => {
    const have = new Set(scores.map((s) => s.id));
    setPending((p) => {
      const left = Object.fromEntries(Object.entries(p).filter(([, v]) => !v.id || !have.has(v.id)));
      return Object.keys(left).length === Object.keys(p).length ? p : left;
    });
  }, [scores]);
  const current = (d: ScoreDimension) => [...scores].reverse().find((s) => s.dimension === d);
  const label = (d: ScoreDimension) => RUBRIC.find((r) => r.key === d)?.label ?? d;

  const score = async (dimension: ScoreDimension, value: number) => {
    setError('');
    const mine: Pending = { value };
    setPending((p) => ({ ...p, [dimension]: mine }));
    // only this press's own entry: a later press on the same group has replaced it
    const settle = (next: Pending | undefined) =>
      setPending((p) => {
        if (p[dimension] !== mine) return p;
        const { [dimension]: _mine, ...rest } = p;
        return next ? { ...rest, [dimension]: next } : rest;
      });
    try {
      const recorded = await send({ type: 'score/add', dealKey, dimension, value });
      // shown until a view holding it arrives (it may already have: then it goes now)
      settle(latestScores.current.some((s) => s.id === recorded.id) ? undefined : { value, id: recorded.id });
    } catch (e) {
      settle(undefined);
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="scores-h">
      <h2 id="scores-h">Scores</h2>
      {RUBRIC.map((dim) => {
        const c = current(dim.key);
        return (
          <ScoreGroup
            key={dim.key}
            label={dim.label}
            hint={dim.question}
            value={pending[dim.key]?.value ?? c?.value}
            levels={dim.levels.map((l) => `${l.title}. ${l.behaviour}`)}
            onChange={(v) => void score(dim.key, v)}
            status={c && `Scored ${c.value} by ${c.by.name}, ${formatInstant(c.at, TIME_ZONE)}${c.source.kind === 'call' ? ' (call review)' : ''}`}
          />
        );
      })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {scores.length > 0 && (
        <details>
          <summary>Score history ({scores.length})</summary>
          <ul className="plain" aria-label="Score history">
            {[...scores].reverse().map((s) => (
              <li key={s.id}>
                {label(s.dimension)} {s.value} — {s.by.name}, {formatInstant(s.at, TIME_ZONE)},{' '}
                {s.source.kind === 'call' ? 'from a call review' : 'in the sidebar'} (rubric version {s.rubricVersion})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
