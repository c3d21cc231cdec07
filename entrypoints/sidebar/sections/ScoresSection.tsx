import { useEffect, useState } from 'react';
import { ScoreGroup } from '../../../components/ScoreGroup';
import { send } from '../../../lib/messages/client';
import type { Score, ScoreDimension } from '../../../lib/model';
import { RUBRIC } from '../../../lib/rubric';
import { formatInstant } from '../../../lib/dates';
import { TIME_ZONE } from '../App';

/** The three 1–5 scores. Every score is kept; "current" is the latest per dimension. */
export function ScoresSection({ dealKey, scores }: { dealKey: string; scores: Score[] }) {
  const [error, setError] = useState('');
  // Shown at once while the background records it; the next view replaces it.
  const [pending, setPending] = useState<Partial<Record<ScoreDimension, number>>>({});
  useEffect(() => setPending({}), [scores]);
  const current = (d: ScoreDimension) => [...scores].reverse().find((s) => s.dimension === d);
  const label = (d: ScoreDimension) => RUBRIC.find((r) => r.key === d)?.label ?? d;

  const score = async (dimension: ScoreDimension, value: number) => {
    setError('');
    setPending((p) => ({ ...p, [dimension]: value }));
    try {
      await send({ type: 'score/add', dealKey, dimension, value });
    } catch (e) {
      setPending((p) => ({ ...p, [dimension]: undefined }));
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
            value={pending[dim.key] ?? c?.value}
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
                {s.source.kind === 'call' ? 'from a call review' : 'in the sidebar'} (rubric {s.rubricVersion})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
