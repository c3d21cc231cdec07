import { useId, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  /** accessible name of the radio group: "Discovery", "Next step", "Qualification" */
  label: string;
  value: number | undefined;
  onChange: (value: number) => void;
  /** rubric text for 1…5 */
  levels: readonly string[];
  /** one line on what the dimension is about */
  hint?: string;
  disabled?: boolean;
}

/**
 * A 1–5 radio group (radios named exactly "1" … "5"), shared by the deal
 * sidebar and the call-review panel so both score against the same rubric.
 * The level under the pointer or keyboard focus shows its rubric text; a digit
 * key anywhere in the group scores it directly.
 */
export function ScoreGroup({ label, value, onChange, levels, hint, disabled }: Props) {
  const id = useId();
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const [peek, setPeek] = useState<number | null>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || disabled) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= 5) {
      e.preventDefault();
      if (n !== value) onChange(n);
      refs.current[n - 1]?.focus();
    }
  };
  const shown = peek ?? value;
  return (
    <fieldset
      className="score"
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-describedby={hint ? `${id}-hint` : undefined}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setPeek(null);
      }}
      disabled={disabled}
    >
      <legend id={`${id}-legend`}>{label}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="scale" onPointerLeave={() => setPeek(null)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={value === n ? 'on' : undefined} onPointerEnter={() => setPeek(n)}>
            <input
              ref={(el) => {
                refs.current[n - 1] = el;
              }}
              type="radio"
              name={`${id}-score`}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              onFocus={() => setPeek(n)}
              aria-describedby={`${id}-l${n}`}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {/* Outside the labels so each radio's accessible name stays exactly its digit. */}
      <div hidden>
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} id={`${id}-l${n}`}>
            {levels[n - 1]}
          </span>
        ))}
      </div>
      {/* The longest level, invisible, holds the box's height: the text changing under the
          pointer must not move what is below (that would shift the level being pointed at). */}
      <div className="level-box">
        <p className="level level-sizer" aria-hidden="true">
          5 (current): {levels.reduce((a, b) => (b.length > a.length ? b : a), '')}
        </p>
        <p className="level" data-testid="rubric-text">
          {shown === undefined
            ? 'Not scored yet. Focus a level to read the rubric; type 1–5 to score.'
            : `${shown}${shown === value ? ' (current)' : ''}: ${levels[shown - 1] ?? ''}`}
        </p>
      </div>
    </fieldset>
  );
}
