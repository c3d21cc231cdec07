import type { Settings } from '../../lib/model';

const ORDER_WORDS: Record<'day-first' | 'month-first', string> = {
  'day-first': 'day first (31/12/2026)',
  'month-first': 'month first (12/31/2026)',
};

/**
 * How Dealside reads CRM dates such as 05/11/2026. Automatic takes a date the
 * site wrote with a part above 12 as proof for that site (listed here), and
 * the page's language until then; the user's word settles it for every site.
 */
export function DateOrderSection({ settings, onChange }: { settings: Settings; onChange: (order: Settings['dateOrder']) => void }) {
  const learned = Object.entries(settings.dateOrderBySite);
  return (
    <section aria-labelledby="dates-h">
      <h2 id="dates-h">Dates on your CRM pages</h2>
      <p className="muted">
        05/11/2026 is 5 November in some locales and May 11 in others. Dealside reads close dates and next-step dates
        this way round:
      </p>
      <label htmlFor="date-order">Numeric dates are written</label>
      <select id="date-order" value={settings.dateOrder} onChange={(e) => onChange(e.target.value as Settings['dateOrder'])}>
        <option value="auto">Automatically: as the CRM's own dates show</option>
        <option value="day-first">Day first (31/12/2026)</option>
        <option value="month-first">Month first (12/31/2026)</option>
      </select>
      {settings.dateOrder === 'auto' && (
        <p className="muted" data-testid="date-order-learned">
          {learned.length
            ? `Seen so far: ${learned.map(([host, order]) => `${host} writes ${ORDER_WORDS[order]}`).join('; ')}.`
            : "Until a site shows a date whose day is above 12, Dealside goes by the page's language."}
        </p>
      )}
    </section>
  );
}
