import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messages/client';
import { CRM_SITE_CHOICES, MAX_CRM_SITES, parseSiteAddress, shownHost, sitePattern, type CrmSiteChoice } from '../../lib/crm/crm-sites';
import type { CrmSite, Settings } from '../../lib/model';

const labelOf = (crm: string) => CRM_SITE_CHOICES.find((c) => c.id === crm)?.label ?? crm;
/** A site as the person reads it: "bücher.example", not its stored "xn--bcher-kva.example". */
const hostOf = shownHost;
const BUILT_IN = new Intl.ListFormat('en', { type: 'conjunction' }).format(CRM_SITE_CHOICES.map((c) => c.label));

/**
 * Where a failure is said: the add-site form (its address box is then invalid and described by it,
 * until the address is edited), or a listed site's row, beside the button pressed there ("Remove",
 * "Grant access"), which it describes: the address box had nothing to do with it.
 */
type Failure = { message: string } & ({ at: 'form' } | { at: 'row'; origin: string; action: 'remove' | 'grant' });

/**
 * Options → CRM sites: the built-in CRMs at their usual addresses, and the
 * sites the user adds (their CRM on its own domain, another data centre, a
 * proxy). Adding one asks the browser for access to that one site — from the
 * click itself, as browsers require — and only then tells the background.
 * A site without access (withdrawn in the browser's settings, or restored
 * from a backup into another browser) stays listed, marked, with a button to
 * grant it.
 */
export function CrmSitesSection({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [address, setAddress] = useState('');
  const [crm, setCrm] = useState<CrmSiteChoice>('salesforce');
  const [status, setStatus] = useState('');
  /** one failure at a time: the next action (or, for the form's, an edit of the address) clears it */
  const [error, setError] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  /** origin → does Dealside hold its host permission (unknown until asked) */
  const [access, setAccess] = useState<Record<string, boolean>>({});

  const sites = settings.crmSites;
  // Asked again whenever the browser's permissions change, here or in its own settings, so a
  // site whose access was withdrawn there is marked while this page is open.
  const [permissionsChanged, setPermissionsChanged] = useState(0);
  useEffect(() => {
    const changed = () => setPermissionsChanged((n) => n + 1);
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
    return () => {
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
  }, []);
  useEffect(() => {
    let live = true;
    void Promise.all(
      sites.map(async (s) => [s.origin, await browser.permissions.contains({ origins: [sitePattern(s.origin)] }).catch(() => false)] as const),
    ).then((pairs) => live && setAccess(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
  }, [sites, permissionsChanged]);

  const fail = (failure: Failure) => {
    setStatus('');
    setError(failure);
  };

  /**
   * Ask for the site's access (synchronously inside the click), then save it with its CRM.
   * `fromRow`: a listed site's "Grant access"; else the form (a new site, or a listed one's CRM changed).
   */
  const grantAndAdd = (typed: string, runs: CrmSiteChoice, fromRow = false) => {
    const at = (message: string): Failure => (fromRow ? { at: 'row', origin: typed, action: 'grant', message } : { at: 'form', message });
    const site = parseSiteAddress(typed);
    if (!site.ok) return fail(at(site.error));
    const shown = hostOf(site.host);
    const listed = sites.some((s) => s.origin === site.origin);
    // said before the browser asks: access granted for a site then refused would be held for nothing
    if (!listed && sites.length >= MAX_CRM_SITES) return fail(at(`Dealside reads at most ${MAX_CRM_SITES} added sites; remove one first.`));
    setBusy(true);
    setError(null);
    setStatus(`Asking the browser for access to ${shown}…`);
    browser.permissions
      .request({ origins: [sitePattern(site.origin)] })
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) return fail(at(`Dealside was not given access to ${shown}, so nothing was added.`));
        onSaved(await send({ type: 'sites/add', address: site.origin, crm: runs }));
        // "Grant access" (the button pressed) goes with the mark: the keyboard goes to the site's row.
        // From the form the keyboard stays in the address box, never on "Remove" (a second Enter there removes the site).
        if (fromRow) setTimeout(() => document.querySelector<HTMLElement>(`button[aria-label="Remove ${shown}"]`)?.focus());
        else setAddress('');
        setStatus(`Added ${shown} (${labelOf(runs)}). Dealside now reads its deal pages, in tabs already open too.`);
      })
      .catch(async (e: Error) => {
        // not added: the access just asked for goes back (one already listed keeps what it had)
        if (!listed) await browser.permissions.remove({ origins: [sitePattern(site.origin)] }).catch(() => false);
        fail(at(`${shown} was not added: ${e.message}`));
      })
      .finally(() => setBusy(false));
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) grantAndAdd(address, crm);
  };

  const remove = async (site: CrmSite) => {
    setError(null);
    try {
      onSaved(await send({ type: 'sites/remove', origin: site.origin }));
      // Give the access back too (the browser refuses for a site the manifest requires: nothing to give back).
      await browser.permissions.remove({ origins: [sitePattern(site.origin)] }).catch(() => false);
      setStatus(`Removed ${hostOf(site.origin)}. Dealside no longer reads its pages.`);
      // its row (and the button just pressed) is gone: the keyboard goes back to the address box
      document.getElementById('site-address')?.focus();
    } catch (e) {
      fail({ at: 'row', origin: site.origin, action: 'remove', message: `${hostOf(site.origin)} was not removed: ${(e as Error).message}` });
    }
  };

  const formError = error?.at === 'form' ? error : null;

  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">CRM sites</h2>
      <p>
        Dealside reads deal pages of {BUILT_IN} at their usual addresses. If your
        CRM runs at an address of its own (its own domain, another data centre, a security proxy), add it here. Dealside
        asks the browser for access to that one site.
      </p>
      <form onSubmit={add} aria-busy={busy}>
        <label htmlFor="site-address">Site address</label>
        <input
          id="site-address"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="crm.example.com"
          aria-invalid={formError ? true : undefined}
          aria-describedby={formError ? 'site-error' : undefined}
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            // the form's error was about the address as it was
            setError((f) => (f?.at === 'form' ? null : f));
          }}
        />
        <label htmlFor="site-crm">The CRM it runs</label>
        <select id="site-crm" value={crm} onChange={(e) => setCrm(e.target.value as CrmSiteChoice)}>
          {CRM_SITE_CHOICES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" aria-disabled={busy}>
          Add site
        </button>
        {formError && (
          <p id="site-error" className="error" role="alert">
            {formError.message}
          </p>
        )}
      </form>
      {sites.length === 0 ? (
        <p className="muted">No sites added.</p>
      ) : (
        <ul aria-label="Added CRM sites" className="site-list">
          {sites.map((s, i) => {
            const failed = error?.at === 'row' && error.origin === s.origin ? error : null;
            const failedId = `site-error-${i}`;
            const describes = (action: 'remove' | 'grant') => (failed?.action === action ? failedId : undefined);
            return (
              <li key={s.origin}>
                <strong>{hostOf(s.origin)}</strong> — {labelOf(s.crm)}
                {access[s.origin] === false && (
                  <>
                    {' '}
                    <span className="error">(no access in this browser: Dealside does not read it)</span>{' '}
                    <button
                      type="button"
                      onClick={() => grantAndAdd(s.origin, s.crm, true)}
                      aria-label={`Grant access to ${hostOf(s.origin)}`}
                      aria-describedby={describes('grant')}
                    >
                      Grant access
                    </button>
                  </>
                )}{' '}
                <button type="button" onClick={() => void remove(s)} aria-label={`Remove ${hostOf(s.origin)}`} aria-describedby={describes('remove')}>
                  Remove
                </button>
                {failed && (
                  <p id={failedId} className="error" role="alert">
                    {failed.message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status">{status}</p>
    </section>
  );
}
