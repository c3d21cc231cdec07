import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CoveredClickGuard } from '../../components/CoveredClickGuard';
import { FirstRunForm } from '../../components/FirstRunForm';
import { ExtensionGoneBanner, useExtensionGone } from '../../components/ExtensionGone';
import type { DealView } from '../../lib/messages/protocol';
import type { Person, Settings } from '../../lib/model';
import { useSidebarState } from './hooks/useDeal';
import { useToday } from './hooks/useToday';
import { DealHeader } from './sections/DealHeader';
import { CommitmentSection } from './sections/CommitmentSection';
import { NextStepSection } from './sections/NextStepSection';
import { ScoresSection } from './sections/ScoresSection';
import { NotesSection } from './sections/NotesSection';
import { CallReviews } from './sections/CallReviews';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts';
import { TypedDateOrder } from './hooks/useDueParser';
import { numericDateOrderOf, userTimeZone } from '../../lib/dates';
import { askDockAgain, askDockForRoom } from '../../lib/page/dock-room';

/** The user's zone: days ("due today", "overdue") are computed in it. */
export const TIME_ZONE = userTimeZone();
/** How this browser's locale writes 31/12/2026 or 12/31/2026 (when Options leaves the date order automatic). */
const BROWSER_DATE_ORDER = numericDateOrderOf(navigator.language);

export function App() {
  const { settings, current, view, error, retry, refused, reloadSettings } = useSidebarState();
  const gone = useExtensionGone();
  const user = settings?.user;
  // The welcome form (and the Save button just pressed) goes once saved: the keyboard stays in the sidebar.
  const aside = useRef<HTMLElement>(null);
  // a single-page move to another deal: room made for a widget of the deal before is searched for again
  useEffect(askDockAgain, [current?.dealKey]);
  // Refused with the deal on screen, the field the keyboard was in goes with it: the keyboard stays
  // in the sidebar, on the landmark the refusal is said in (not dropped to the frame's body).
  useLayoutEffect(() => {
    if (refused && document.hasFocus() && document.activeElement === document.body) aside.current?.focus();
  }, [refused]);

  return (
    <aside aria-label="Dealside" ref={aside} tabIndex={-1}>
      <CoveredClickGuard enabled={settings ? settings.refuseCoveredClicks : true} onCovered={askDockForRoom} />
      {gone ? (
        <ExtensionGoneBanner />
      ) : (refused || error) && (
        // Refused (not this tab's sidebar, any more): said alone, below nothing (useSidebarState
        // drops the deal it showed), and with nothing to try again (`retry` is null then).
        <div className="banner error" role="alert">
          <p>{refused || error}</p>
          {retry && (
            <button
              type="button"
              onClick={() => {
                // the banner (and this button) goes once the retry answers: the keyboard stays in the sidebar
                aside.current?.focus();
                retry();
              }}
            >
              Try again
            </button>
          )}
        </div>
      )}
      {refused ? null : settings === null ? (
        !error && !gone && <p className="banner" role="status">
          Loading Dealside…
        </p>
      ) : !user ? (
        <section>
          <h1>Welcome to Dealside</h1>
          <p>Tell Dealside who you are. Everything stays in this browser.</p>
          <FirstRunForm
            onSaved={() => {
              aside.current?.focus();
              reloadSettings();
            }}
          />
        </section>
      ) : !current?.dealKey ? (
        current?.refused ? (
          // the page's report was refused (too many new deals from its site): said, not waited for
          <p className="banner error" role="alert">
            {current.refused}
          </p>
        ) : (
          <p className="banner" role="status">
            Reading the deal from the page…
          </p>
        )
      ) : !view || view.deal?.key !== current.dealKey ? (
        <p className="banner" role="status">
          Loading this deal's coaching…
        </p>
      ) : (
        // dates the user types (commitment due, next step) read the way they write them
        <TypedDateOrder.Provider value={settings.dateOrder === 'auto' ? BROWSER_DATE_ORDER : settings.dateOrder}>
          <DealPanel key={current.dealKey} dealKey={current.dealKey} view={view} user={user} dateOrder={settings.dateOrder} />
        </TypedDateOrder.Provider>
      )}
    </aside>
  );
}

function DealPanel({ dealKey, view, user, dateOrder }: { dealKey: string; view: DealView; user: Person; dateOrder: Settings['dateOrder'] }) {
  // Benchmarks and tests read this mark: the moment the deal's data is on screen.
  useLayoutEffect(() => {
    performance.mark('dealside:deal-committed', { detail: dealKey });
  }, [dealKey]);
  useEffect(() => {
    performance.mark('dealside:deal-shown', { detail: dealKey });
  }, [dealKey]);
  const deal = view.deal!;
  const now = useToday();
  return (
    <>
      <DealHeader deal={deal} />
      <CommitmentSection dealKey={dealKey} commitments={view.commitments} user={user} owner={deal.snapshot.owner} now={now} />
      <NextStepSection
        now={now}
        dealKey={dealKey}
        step={view.nextStep}
        crmLabel={crmLabel(deal.snapshot.crm)}
        crmDate={deal.snapshot.nextStep?.date}
        dateOrder={dateOrder}
      />
      <ScoresSection dealKey={dealKey} scores={view.scores} />
      <NotesSection dealKey={dealKey} notes={view.notes} />
      <CallReviews dealKey={dealKey} />
      <ShortcutHelp />
    </>
  );
}

/** Folded at the sidebar's foot; the list is made (and the browser asked for the toggle's keys) only once opened. */
function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  return (
    <details className="shortcut-help" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Keyboard shortcuts</summary>
      {open && <KeyboardShortcuts />}
    </details>
  );
}

export function crmLabel(crm: string): string {
  const labels: Record<string, string> = {
    salesforce: 'Salesforce',
    hubspot: 'HubSpot',
    pipedrive: 'Pipedrive',
    dynamics: 'Dynamics 365',
    zoho: 'Zoho CRM',
    custom: 'the CRM',
  };
  return labels[crm] ?? 'the CRM';
}
