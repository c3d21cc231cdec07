import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Keys that move focus within the scale (wrapping, as a radio group does), without scoring. */
const ARROW_STEPS: Record<string, number | 'first' | 'last'> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

interface Props {
  /** accessible name of the radio group: "Discovery", "Next step", "Qualification" */
  label: string;
  value: number | undefined;
  onChange: (value: number) => void;
  /** rubric text for 1…5 */
  levels: readonly string[];
  /** one line on what the dimension is about */
  hint?: string;
  /** who gave the current score and when: shown under the scale, above the rubric */
  status?: ReactNode;
  disabled?: boolean;
}

/**
 * A 1–5 radio group (radios named exactly "1" … "5"), shared by the deal
 * sidebar and the call-review panel so both score against the same rubric.
 * The level under the pointer or keyboard focus shows its rubric text; a digit
 * key anywhere in the group scores it directly, as do a click and Space (the
 * current level too: given again); the arrow keys only move between levels
 * (each score is kept for good).
 */
export function ScoreGroup({ label, value, onChange, levels, hint, status, disabled }: Props) {
  const id = useId();
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  // What the level text shows: the level last pointed at or focused, whichever came last, then the
  // other, then the score. Kept apart: the pointer crossing the scale must not leave a focused
  // level (which Space would score) described by another level's rubric once it has gone.
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const [pointerLast, setPointerLast] = useState(false);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || disabled) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= 5) {
      e.preventDefault();
      // The current level too: scored again this week, it is a score given again (who and when),
      // as a manager agreeing with last week's or a call review's. Not a held key's repeats.
      if (!e.repeat) onChange(n);
      refs.current[n - 1]?.focus();
      return;
    }
    // A native radio group checks each radio the arrow keys reach, and here every check is a
    // score kept for good: arrows (and Home/End) only move focus, so a keyboard user reads
    // each level's rubric before choosing; Space or a digit scores. Focusing a radio from
    // script does not check it.
    const step = ARROW_STEPS[e.key];
    if (step === undefined) return;
    const at = refs.current.findIndex((el) => el === document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    const next = step === 'first' ? 0 : step === 'last' ? 4 : (at + step + 5) % 5;
    refs.current[next]?.focus();
  };
  const shown = (pointerLast ? (hovered ?? focused) : (focused ?? hovered)) ?? value;
  return (
    <fieldset
      className="score"
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-describedby={hint ? `${id}-hint` : undefined}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
      }}
      disabled={disabled}
    >
      <legend id={`${id}-legend`}>{label}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="scale" onPointerLeave={() => setHovered(null)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={value === n ? 'on' : undefined} onPointerEnter={() => (setHovered(n), setPointerLast(true))}>
            <input
              ref={(el) => {
                refs.current[n - 1] = el;
              }}
              type="radio"
              name={`${id}-score`}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              // A click or Space on the level already checked changes nothing, so the browser
              // sends no change: it scores that level again. A double click's second is not another.
              onClick={(e) => {
                if (value === n && e.detail <= 1) onChange(n);
              }}
              onFocus={() => (setFocused(n), setPointerLast(false))}
              aria-describedby={`${id}-l${n}`}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {status && <p className="muted score-status">{status}</p>}
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
            ? 'Not scored yet. Point at or tab to a level to read what it means; a click (or 1–5) scores, and every score is kept.'
            : `${shown}${shown === value ? ' (current)' : ''}: ${levels[shown - 1] ?? ''}`}
        </p>
      </div>
    </fieldset>
  );
}
