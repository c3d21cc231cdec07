import { useId, useRef, type KeyboardEvent } from 'react';

interface Props {
  /** accessible name of the radio group: "Discovery", "Next step", "Qualification" */
  label: string;
  value: number | undefined;
  onChange: (value: number) => void;
  /** rubric text for 1…5 */
  levels: readonly string[];
  /** one line on what the dimension is about */
  hint?: string;
}

/**
 * A 1–5 radio group (radios named "1" … "5"). Arrow keys move as in any
 * radio group; a digit key anywhere in the group scores it directly.
 */
export function ScoreGroup({ label, value, onChange, levels, hint }: Props) {
  const id = useId();
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= 5) {
      e.preventDefault();
      onChange(n);
      refs.current[n - 1]?.focus();
    }
  };
  const chosen = value !== undefined ? levels[value - 1] : undefined;
  return (
    <fieldset
      className="score"
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      onKeyDown={onKeyDown}
      aria-describedby={hint ? `${id}-hint` : undefined}
    >
      <legend id={`${id}-legend`}>{label}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="scale">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={value === n ? 'on' : undefined} title={levels[n - 1]}>
            <input
              ref={(el) => {
                refs.current[n - 1] = el;
              }}
              type="radio"
              name={`${id}-score`}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-describedby={`${id}-l${n}`}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {/* Outside the labels so each radio's name stays exactly its digit. */}
      <div hidden>
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} id={`${id}-l${n}`}>
            {levels[n - 1]}
          </span>
        ))}
      </div>
      <p className="level">
        {value === undefined ? 'Not scored yet. Type 1–5 to score.' : chosen ? `${value}: ${chosen}` : `Scored ${value}.`}
      </p>
    </fieldset>
  );
}
