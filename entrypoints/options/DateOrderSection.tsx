import { useEffect, useRef, useState } from 'react';
import type { SettingsPatch } from '../../lib/messages/protocol';
import type { Settings } from '../../lib/model';
import { SaveError, SavedStatus, describe, type Control, type Feedback } from './feedback';

const ORDER_WORDS: Record<'day-first' | 'month-first', string> = {
  'day-first': 'day first (31/12/2026)',
  'month-first': 'month first (12/31/2026)',
};

type Patch = Pick<SettingsPatch, 'dateOrder' | 'forgetDateOrderOf'>;

/**
 * How Dealside reads CRM dates such as 05/11/2026. Automatic takes a close date
 * the site wrote with a part above 12 as proof for that site (listed here, each
 * can be forgotten), and the page's language until then; the user's word
 * settles it for every site.
 */
export function DateOrderSection({
  settings,
  onChange,
  feedback,
}: {
  settings: Settings;
  /** saves the patch and says what it did beside `control` (`feedback`); never rejects */
  onChange: (control: Control, patch: Patch) => Promise<void>;
  feedback: Feedback;
}) {
  const learned = Object.entries(settings.dateOrderBySite);
  const select = useRef<HTMLSelectElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // The row whose Forget was pressed: once the list is redrawn, focus goes to the button now
  // in its place (the next site's), or to the select when none is left. A failed save keeps
  // the row, so focus stays on its own button.
  const [refocus, setRefocus] = useState<number | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    const buttons = list.current?.querySelectorAll('button');
    (buttons?.[Math.min(refocus, buttons.length - 1)] ?? select.current)?.focus();
    setRefocus(null);
  }, [refocus, settings.dateOrderBySite]);
  const forget = async (host: string, row: number) => {
    await onChange(`forget:${host}`, { forgetDateOrderOf: host });
    setRefocus(row);
  };
  return (
    <section aria-labelledby="dates-h">
      <h2 id="dates-h">Dates on your CRM pages</h2>
      <p className="muted" id="date-order-help">
        A date like 05/11/2026 means 5 November in some countries and May 11 in others. Choose how your CRM writes
        dates: Dealside reads close dates, next-step dates and the dates you type in the sidebar this way, and reads
        the deals it already recorded again when you change it. Automatically, the CRM's own close dates tell (and
        the dates you type go by this browser's language).
      </p>
      <label htmlFor="date-order">Numeric dates are written</label>
      <select
        id="date-order"
        ref={select}
        aria-describedby={describe(feedback, 'date-order', 'date-order-help')}
        value={settings.dateOrder}
        onChange={(e) => void onChange('date-order', { dateOrder: e.target.value as Settings['dateOrder'] })}
      >
        <option value="auto">Automatically: as the CRM's own dates show</option>
        <option value="day-first">Day first (31/12/2026)</option>
        <option value="month-first">Month first (12/31/2026)</option>
      </select>
      <SaveError feedback={feedback} control="date-order" />
      <SavedStatus feedback={feedback} controls={(c) => c === 'date-order' || c.startsWith('forget:')} />
      {settings.dateOrder === 'auto' &&
        (learned.length ? (
          <>
            <p className="muted">Learned from close dates so far. If one is wrong, forget it: Dealside learns it again from the next close date that can only be read one way.</p>
            <ul data-testid="date-order-learned" ref={list}>
              {learned.map(([host, order], row) => (
                <li key={host}>
                  {host} writes {ORDER_WORDS[order]}{' '}
                  <button
                    type="button"
                    onClick={() => void forget(host, row)}
                    aria-label={`Forget how ${host} writes dates`}
                    aria-describedby={describe(feedback, `forget:${host}`)}
                  >
                    Forget
                  </button>{' '}
                  <SaveError feedback={feedback} control={`forget:${host}`} inline />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted" data-testid="date-order-learned">
            Until a site shows a close date whose day is above 12, Dealside goes by the page's language.
          </p>
        ))}
    </section>
  );
}
