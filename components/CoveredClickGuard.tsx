import { useEffect, useRef, useState } from 'react';
import { COVERED_CLICK_REFUSED, refusesPointer, type ShownAsDrawn } from '../lib/page/covered-clicks';
import { onChange, send } from '../lib/messages/client';

/** How long the notice stays after a refused click, unless a click is taken first. */
const NOTICE_MS = 10_000;

const NOTICE_STYLE = { position: 'fixed', top: 0, left: 0, right: 0, zIndex: 2147483646, boxShadow: '0 2px 6px rgb(0 0 0 / 25%)' } as const;

/** A landmark that takes the keyboard (tabIndex -1): the sidebar's `aside`, the call panel's `section`. */
const HOME = ['main', '[role="main"]', 'aside', '[role="complementary"]', 'section', '[role="region"]'].map((l) => `${l}[tabindex="-1"]`).join(', ');

/**
 * Where the keyboard goes when the notice it is in goes: the landmark the guard is in (the
 * sidebar's), else the document's main one, else its first (the call panel's, beside the guard).
 */
function homeOf(from: Element | null): HTMLElement | null {
  return (
    from?.closest<HTMLElement>(HOME) ??
    document.querySelector<HTMLElement>('main[tabindex="-1"], [role="main"][tabindex="-1"]') ??
    document.querySelector<HTMLElement>(HOME)
  );
}

/** Does this browser say whether an element is shown as drawn (IntersectionObserver v2)? */
const tracksVisibility = () => typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * Refuses pointer presses and clicks on this frame while the page around it draws over it or
 * makes it see-through (lib/page/covered-clicks.ts), and says so. One per framed page.
 * `enabled`: the user's setting (Options); left out, the guard asks for it itself (on until it
 * knows), and again each time settings change, so turning it off in Options reaches an open panel.
 * `onCovered`: told each time the browser starts saying the frame is drawn over (the sidebar
 * asks its dock to make room for a widget the page keeps there).
 */
export function CoveredClickGuard({ enabled, onCovered }: { enabled?: boolean; onCovered?: () => void }) {
  const [refusedAt, setRefusedAt] = useState<number | null>(null);
  const [asked, setAsked] = useState(true);
  const viewport = useRef<HTMLDivElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  const active = enabled ?? asked;
  const covered = useRef(onCovered);
  covered.current = onCovered;
  /**
   * The notice goes (its Dismiss, its time up, a click taken). Had it the keyboard (its Dismiss),
   * the keyboard goes to the guard's landmark first, rather than to the body with the notice;
   * anywhere else, it is left where it is. Reads refs only: the same from any render.
   */
  const close = () => {
    const box = notice.current;
    if (box && document.hasFocus() && box.contains(document.activeElement)) homeOf(viewport.current)?.focus();
    setRefusedAt(null);
  };

  useEffect(() => {
    if (enabled !== undefined) return;
    let current = true;
    // only the latest answer is taken: two changes close together may be answered out of order
    let asking = 0;
    const ask = () => {
      const ticket = ++asking;
      send({ type: 'settings/get' }).then(
        (s) => current && ticket === asking && setAsked(s.refuseCoveredClicks),
        () => {}, // unknown: stays as it was (on, at first)
      );
    };
    ask();
    const off = onChange((event) => {
      if (event.settings) ask();
    });
    return () => {
      current = false;
      off();
    };
  }, [enabled]);

  useEffect(() => {
    const target = viewport.current;
    if (!active || !target || !tracksVisibility()) return;
    let shown: ShownAsDrawn;
    let watching = false;
    const observer = new IntersectionObserver(
      (entries) => {
        // (an answer queued as the pointer left is not taken: it is stale by the time it returns)
        if (!watching) return;
        const was = shown;
        shown = (entries[entries.length - 1] as IntersectionObserverEntry & { isVisible: boolean }).isVisible;
        if (!shown && was !== false) covered.current?.();
        // what the guard believes, on its own element in its own frame (the page cannot read it): tests wait on it
        target.dataset.shown = String(shown);
      },
      // the browser's smallest delay between answers (v2 requires ≥ 100 ms)
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    // Watched only while the pointer is in the frame: tracking makes the page around it test, at
    // each of its frames, what is drawn over this one (measured: ~7 ms of the page's CPU while
    // its feed loaded for 3 s). The browser answers within a frame of `observe`, well before a
    // person who has just moved in presses (and a press on a frame never watched starts it, for
    // the click that ends the press).
    const watch = () => {
      if (watching) return;
      watching = true;
      observer.observe(target);
    };
    const unwatch = (e: MouseEvent) => {
      // the pointer left the frame (to the page, or out of the window)
      if (e.relatedTarget !== null || !watching) return;
      watching = false;
      shown = undefined;
      delete target.dataset.shown;
      observer.unobserve(target);
    };
    // a click whose press was refused is refused too, even if the page uncovered the frame meanwhile
    let pressRefused = false;
    const onPointer = (e: MouseEvent) => {
      watch();
      // the notice's own Dismiss is always taken: closing it can do no harm
      if (e.target instanceof Node && notice.current?.contains(e.target)) return;
      const refused = refusesPointer(e, shown) || (e.type === 'click' && e.detail > 0 && pressRefused);
      if (e.type === 'mousedown') pressRefused = refused;
      if (!refused) {
        if (e.type === 'click' && e.detail > 0) close();
        return;
      }
      // before any handler of ours, and the default (focus, a radio's check) undone
      e.preventDefault();
      e.stopImmediatePropagation();
      // said once per click (the press that began it is refused without a word)
      if (e.type === 'click') setRefusedAt(Date.now());
    };
    window.addEventListener('pointerover', watch, true);
    window.addEventListener('mouseout', unwatch, true);
    window.addEventListener('mousedown', onPointer, true);
    window.addEventListener('click', onPointer, true);
    return () => {
      observer.disconnect();
      window.removeEventListener('pointerover', watch, true);
      window.removeEventListener('mouseout', unwatch, true);
      window.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('click', onPointer, true);
    };
  }, [active]);

  useEffect(() => {
    if (refusedAt === null) return;
    const timer = setTimeout(close, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [refusedAt]);

  return (
    <>
      {/*
        What is observed: exactly the frame's viewport, above everything of ours and taking no
        pointer. (The document itself would not do: scrolled, its rect reaches past the frame,
        under the page, and reads as covered; an element under our own content reads as covered by it.)
      */}
      <div ref={viewport} aria-hidden="true" data-covered-click-viewport="" style={{ position: 'fixed', inset: 0, pointerEvents: 'none', zIndex: 2147483647 }} />
      {active && refusedAt !== null && (
        // over the top of the frame, wherever it is scrolled to, moving nothing under the pointer
        <div ref={notice} role="alert" className="banner error" style={NOTICE_STYLE}>
          <p style={{ margin: '0 0 6px' }}>{COVERED_CLICK_REFUSED}</p>
          <button type="button" onClick={close}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
