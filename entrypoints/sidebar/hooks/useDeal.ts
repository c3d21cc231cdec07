import { useCallback, useEffect, useRef, useState } from 'react';
import { DealsideError, onChange, onlyADraft, send } from '../../../lib/messages/client';
import { mustReloadTab } from '../../../lib/messages/change-hub';
import type { CurrentDeal, DealView } from '../../../lib/messages/protocol';
import type { Settings } from '../../../lib/model';
import { framingProblem } from '../../../lib/page/sidebar-framing';
import { framingFacts, frameTokenFromAddress } from '../../../lib/page/framing-facts';
import { createAnswerOrder } from '../../../lib/messages/answer-order';
import { tellDockTheme } from '../../../lib/page/dock-room';
import { applyTheme } from '../../../lib/theme';

const NO_TOKEN = "Dealside's background did not answer when this page opened, so the sidebar cannot show the deal. Reload the page to try again.";

export interface SidebarState {
  settings: Settings | null;
  current: CurrentDeal | null;
  view: DealView | null;
  error: string;
  /** set when the error is a request that failed (worth asking again), not a refusal */
  retry: (() => void) | null;
  /**
   * Why this frame is refused as its tab's sidebar (the background's frame token check, or
   * where the frame sits), '' when it is not. A refused frame shows no deal: not even one it
   * showed before, which is no longer the tab's.
   */
  refused: string;
  reloadSettings: () => void;
}

/**
 * Which deal this frame's tab shows (asked of the background, keyed by our
 * tab — never taken from postMessage, which the CRM page could forge), its
 * coaching data, and the settings; all kept fresh from change broadcasts, so
 * two tabs on the same deal stay in sync.
 */
export function useSidebarState(): SidebarState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [current, setCurrent] = useState<CurrentDeal | null>(null);
  const [view, setView] = useState<DealView | null>(null);
  const [error, setError] = useState('');
  const [failed, setFailed] = useState(false);
  const [refused, setRefused] = useState('');
  const refusedRef = useRef(false);
  /** a request failed: say so, and offer to ask again */
  const fail = useCallback((e: unknown) => {
    setError((e as Error).message);
    setFailed(true);
  }, []);
  const ok = useCallback(() => {
    setError('');
    setFailed(false);
  }, []);
  const dealKeyRef = useRef<string | null>(null);
  const tabRef = useRef<number | null>(null);
  /**
   * Not the frame Dealside made beside the tab's page (a frame token another page in the tab
   * replaced, lib/handlers/frame-tokens.ts; or framed elsewhere): said, and the deal shown
   * before goes with its view. Left under the refusal it read as current, its fields still
   * taking writes to a deal the tab no longer shows. Nothing to try again: a token replaced is
   * not given back. (What was typed there is in the draft store, for the deal's own sidebar.)
   */
  const refuse = useCallback((message: string) => {
    refusedRef.current = true;
    dealKeyRef.current = null;
    setCurrent(null);
    setView(null);
    setRefused(message);
    setError('');
    setFailed(false);
  }, []);
  /** the background has answered a `sidebar/open` (whatever it said) */
  const answered = useRef(false);
  /**
   * Drop answers overtaken by a newer question (fast SPA navigation), but show the first
   * `sidebar/open` answer to arrive even when change events keep asking again
   * (lib/messages/answer-order.ts). Two orders: an open (tab, deal and view) overtakes any
   * view reload in flight, a view reload never overtakes an open (it would keep the old deal).
   */
  const [opens] = useState(createAnswerOrder);
  const [views] = useState(createAnswerOrder);

  const loadView = useCallback(async (dealKey: string | null) => {
    const ticket = views.ask();
    if (!dealKey) {
      setView(null);
      return;
    }
    try {
      performance.mark('dealside:view-requested', { detail: dealKey });
      const v = await send({ type: 'deal/view', dealKey });
      // the tab moved to another deal meanwhile (an open's answer): this view is of the one it left
      if (dealKey !== dealKeyRef.current) return;
      if (views.accept(ticket)) {
        setView(v);
        ok();
      }
    } catch (e) {
      if (views.failed(ticket)) fail(e);
    }
  }, [ok, fail, views]);


  const reloadSettings = useCallback(() => {
    send({ type: 'settings/get' })
      .then((s) => {
        setSettings(s);
        ok();
      })
      .catch(fail);
  }, [ok, fail]);

  /** First paint: everything in one round trip. */
  const open = useCallback(async () => {
    const ticket = opens.ask();
    // a view reload still in flight is older than this answer's view
    const viewTicket = views.ask();
    const facts = framingFacts();
    // Framed by anything but the tab's top page: ask for nothing, show nothing.
    const misplaced = framingProblem(facts, undefined);
    if (misplaced) return refuse(misplaced);
    // Framed by Dealside without a token (its address ends in an empty "#"): the page's first ask
    // of the background failed. (A frame someone else made has no "#" and is refused as it asks.)
    if (location.href.endsWith('#')) return setError(NO_TOKEN);
    try {
      performance.mark('dealside:view-requested');
      const o = await send({ type: 'sidebar/open', frameToken: frameTokenFromAddress() });
      if (!opens.accept(ticket)) return;
      answered.current = true;
      const problem = framingProblem(facts, o.current.snapshot?.url);
      if (problem) return refuse(problem);
      tabRef.current = o.current.tabId;
      refusedRef.current = false;
      setRefused('');
      const sameDeal = dealKeyRef.current === o.current.dealKey;
      dealKeyRef.current = o.current.dealKey;
      setSettings(o.settings);
      setCurrent(o.current);
      // …unless a reload of this deal's view asked after it was shown first (then it is the newer)
      if (views.accept(viewTicket) || !sameDeal) setView(o.view);
      ok();
    } catch (e) {
      if (!opens.failed(ticket)) return;
      // not the frame Dealside made in this tab (lib/handlers/frame-tokens.ts): a refusal, nothing to try again
      if (e instanceof DealsideError && e.code === 'bad-sender') refuse(e.message);
      else fail(e);
    }
  }, [ok, fail, refuse, opens, views]);

  useEffect(() => {
    void open();
    return onChange((event) => {
      // Our tab moved to another deal (or we were disconnected): settings, deal and view in one round trip.
      // Not opened yet (its first ask failed): any change asks for everything again. Reloading
      // only the settings would clear the error and leave the sidebar waiting for a deal it never asked for.
      // (a note typed somewhere is no change of this frame's deal: a frame refused or not yet answered stays as it is)
      if (onlyADraft(event)) return;
      if (!answered.current || mustReloadTab(event, tabRef.current)) {
        void open();
        return;
      }
      // refused: no settings or deal of its own left to keep fresh (and a settings answer would clear nothing it says)
      if (refusedRef.current) return;
      if (event.settings) reloadSettings();
      // a settings change can change a deal too (the date order re-reads its dates)
      if (dealKeyRef.current && event.dealKeys.includes(dealKeyRef.current)) void loadView(dealKeyRef.current);
    });
  }, [open, loadView, reloadSettings]);

  // Untouched until the settings are known: the early script (entrypoints/theme-early.ts) has
  // already applied the saved theme, and "system" meanwhile would flash the other scheme.
  useEffect(() => {
    const theme = settings?.theme;
    if (!theme) return;
    applyTheme(document.documentElement, theme);
    // the bar beside the frame, on the page, follows too (it took the theme as the page put it up)
    tellDockTheme(theme);
  }, [settings?.theme]);

  const retry = useCallback(() => void open(), [open]);
  return { settings, current, view, error, retry: failed ? retry : null, refused, reloadSettings };
}
