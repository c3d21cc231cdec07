import { useCallback, useEffect, useRef, useState } from 'react';
import { FirstRunForm } from '../../components/FirstRunForm';
import { onChange, send } from '../../lib/messages/client';
import type { Settings } from '../../lib/model';
import { RUBRIC, RUBRIC_VERSION } from '../../lib/rubric';
import { BackupSection } from './BackupSection';
import { CrmSitesSection } from './CrmSitesSection';
import { DateOrderSection } from './DateOrderSection';
import { KeyboardShortcuts } from '../../components/KeyboardShortcuts';
import { NO_FEEDBACK, SaveError, SavedStatus, describe, type Control, type Feedback } from './feedback';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What did not happen, said beside the control (the control shows what is stored again). */
const notSaved = (control: Control) =>
  control.startsWith('forget:')
    ? `Dealside did not forget how ${control.slice('forget:'.length)} writes dates`
    : { 'week-start': 'The week start was not saved', theme: 'The theme was not saved', 'date-order': 'The date order was not saved' }[
        control as 'week-start' | 'theme' | 'date-order'
      ] ?? 'This setting was not saved';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  /** what no one control did (the settings not read): the banner at the top */
  const [error, setError] = useState('');
  /** what a control's change did: said beside it (./feedback.tsx) */
  const [feedback, setFeedback] = useState<Feedback>(NO_FEEDBACK);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    send({ type: 'settings/get' })
      .then((s) => {
        setSettings(s);
        setError('');
      })
      .catch((e: Error) => setError(`Dealside could not read its settings: ${e.message}`));
  }, []);
  useEffect(() => {
    load();
    // Ask the browser not to evict Dealside's data under storage pressure.
    void navigator.storage?.persist?.().then(setPersisted).catch(() => setPersisted(false));
    return onChange((e) => e.settings && load());
  }, [load]);

  // Untouched until the settings are known: the early script (entrypoints/theme-early.ts) has
  // already applied the saved theme, and "system" meanwhile would flash the other scheme.
  useEffect(() => {
    const theme = settings?.theme;
    if (!theme) return;
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  // Two quick changes (arrow keys on a select): only the last one's answer is shown, whichever arrives last;
  // a failure is said beside its control unless that control was changed again since (never dropped for
  // another control's later change).
  const lastPatch = useRef(0);
  const lastOf = useRef<Partial<Record<Control, number>>>({});
  const patch = async (control: Control, p: Parameters<typeof send<'settings/set'>>[0]['patch']) => {
    const mine = ++lastPatch.current;
    lastOf.current[control] = mine;
    // the last "Saved." goes (a later one is said anew), and so does this control's last failure
    setFeedback((f) => {
      const { [control]: _gone, ...failed } = f.failed;
      return { saved: null, failed };
    });
    try {
      const saved = await send({ type: 'settings/set', patch: p });
      if (mine !== lastPatch.current) return;
      setSettings(saved);
      setError('');
      setFeedback((f) => ({ ...f, saved: control }));
    } catch (e) {
      if (lastOf.current[control] === mine) {
        const message = `${notSaved(control)}: ${(e as Error).message}`;
        setFeedback((f) => ({ saved: f.saved === control ? null : f.saved, failed: { ...f.failed, [control]: message } }));
      }
      // back to what is stored (a control may have shown the change before it was saved)
      void send({ type: 'settings/get' }).then((s) => mine === lastPatch.current && setSettings(s), () => {});
    }
  };

  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <h1 ref={title} tabIndex={-1}>
        Dealside options
      </h1>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {!settings ? (
        error ? (
          <button
            type="button"
            onClick={() => {
              // the button goes once the settings load: the keyboard waits on the page's title
              title.current?.focus();
              load();
            }}
          >
            Try again
          </button>
        ) : (
          <p role="status">Loading…</p>
        )
      ) : (
        <>
          <section aria-labelledby="you-h">
            <h2 id="you-h">You</h2>
            {!settings.user && <p>Welcome! Tell Dealside your name and role; it stamps them on what you record.</p>}
            <FirstRunForm {...(settings.user ? { initial: settings.user } : {})} onSaved={load} />
          </section>
          <section aria-labelledby="week-h">
            <h2 id="week-h">Week and look</h2>
            <label htmlFor="week-start">Weeks start on</label>
            <select
              id="week-start"
              value={settings.weekStartsOn}
              aria-describedby={describe(feedback, 'week-start')}
              onChange={(e) => void patch('week-start', { weekStartsOn: Number(e.target.value) })}
            >
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i + 1}>
                  {d}
                </option>
              ))}
            </select>
            <SaveError feedback={feedback} control="week-start" />
            <label htmlFor="theme">Theme</label>
            <select
              id="theme"
              value={settings.theme}
              aria-describedby={describe(feedback, 'theme')}
              onChange={(e) => void patch('theme', { theme: e.target.value as Settings['theme'] })}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
            <SaveError feedback={feedback} control="theme" />
            <SavedStatus feedback={feedback} controls={(c) => c === 'week-start' || c === 'theme'} />
          </section>
          <DateOrderSection settings={settings} onChange={patch} feedback={feedback} />
          <section aria-labelledby="clicks-h">
            <h2 id="clicks-h">Clicks through a covered sidebar</h2>
            <label style={{ fontWeight: 400 }}>
              <input
                type="checkbox"
                checked={settings.refuseCoveredClicks}
                aria-describedby={describe(feedback, 'covered-clicks')}
                onChange={(e) => {
                  // shown at once (a checkbox held to the stored value would flick back while the change is saved)
                  const on = e.target.checked;
                  setSettings((s) => s && { ...s, refuseCoveredClicks: on });
                  void patch('covered-clicks', { refuseCoveredClicks: on });
                }}
              />
              Refuse clicks while the page draws over Dealside
            </label>
            <SaveError feedback={feedback} control="covered-clicks" />
            <SavedStatus feedback={feedback} controls={(c) => c === 'covered-clicks'} />
            <p className="muted">
              A page could lay something over the sidebar or the call panel so that you click Dealside without seeing it
              (clickjacking). While Chrome or Edge says anything covers Dealside, its buttons take no mouse clicks and say
              why; the keyboard always works. Turn this off only if a page keeps something over Dealside for good (a chat
              button in a corner, say) and you trust that page.
            </p>
          </section>
          <section aria-labelledby="rubric-h">
            <h2 id="rubric-h">Scorecard rubric (version {RUBRIC_VERSION})</h2>
            {RUBRIC.map((d) => (
              <div key={d.key}>
                <h3>{d.label}</h3>
                <p className="muted">{d.question}</p>
                <ol>
                  {d.levels.map((l) => (
                    <li key={l.score}>
                      <strong>{l.title}.</strong> {l.behaviour}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </section>
          <section aria-labelledby="keys-h">
            <h2 id="keys-h">Keyboard shortcuts</h2>
            <KeyboardShortcuts />
          </section>
          <CrmSitesSection settings={settings} onSaved={setSettings} />
          <section aria-labelledby="data-h">
            <h2 id="data-h">Your data</h2>
            <p>
              Everything Dealside records stays in this browser's IndexedDB and is never sent anywhere.{' '}
              {persisted === true
                ? 'The browser has agreed to keep it under storage pressure.'
                : persisted === false
                  ? 'The browser may clear it under storage pressure; keep backups (below).'
                  : ''}
            </p>
          </section>
          <BackupSection />
        </>
      )}
    </main>
  );
}
