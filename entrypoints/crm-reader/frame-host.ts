/**
 * Hosts the sidebar on the CRM page: an extension-origin iframe inside a
 * CLOSED shadow root, so the CRM's own scripts (and the third-party widgets it
 * hosts) can neither read what the sidebar shows nor restyle it. The page sees
 * only an empty <dealside-sidebar> element. No React: this runs on every CRM page.
 *
 * Docked right: while shown it reserves its width on <html> (margin-right) so
 * the CRM reflows beside it instead of under it; collapsed, it keeps only a
 * narrow bar in a reserved gutter, so it covers none of the CRM's controls.
 *
 * Nothing shows until the saved layout is known (`applyPrefs`), so the CRM
 * reflows once, at the right width. The sidebar's frame is created only when
 * the sidebar is first open: a user who keeps it collapsed never pays for a
 * frame on a deal page (creating one costs the page 5–9 ms of main thread on
 * the benchmark machine, a large share of what Dealside costs it).
 */
import { browser } from 'wxt/browser';
import { mountClosedHost } from '../../lib/page/closed-host';
import { applyTheme } from '../../lib/theme';
import { fixedBoxAt, handRoomLine, roomFor } from '../../lib/page/widget-room';

const TAG = 'dealside-sidebar';
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 720;
/** the collapsed bar and the resize grip share this gutter */
const BAR = 24;

export interface SidebarPrefs {
  width: number;
  collapsed: boolean;
  /** the Theme setting, for the bar (given with the saved layout; the sidebar applies its own) */
  theme?: unknown;
  /** the tab's secret for the frame's address (lib/handlers/frame-tokens.ts), given with the saved layout */
  frameToken?: unknown;
}

export interface FrameHost {
  /** wanted on this page; appears once the saved layout is known */
  show(): void;
  hide(): void;
  toggleCollapsed(): void;
  /** the saved layout (the first call makes a shown sidebar appear) */
  applyPrefs(prefs: Partial<SidebarPrefs>): void;
  destroy(): void;
}

// Written compact: it ships as-is in the 25 KB content-script budget. Light and dark
// follow the system unless the dock has a `data-theme` (the Theme setting, as the sidebar):
// each colour is light-dark(light, dark), picked by the dock's color-scheme. The host's
// reset is !important: a shadow root's important rules beat the page's, so the CRM's styles
// cannot fade, filter or move the element the frame sits in. The bar's buttons take its colour
// through `all:unset`, which makes inherited properties inherit. Its colours: --bg and --fg the
// bar's, --ln its edge and hover, --ac the focus ring.
const CSS = `:host{all:initial!important}.dock{position:fixed;top:0;right:0;bottom:0;z-index:2147483647;display:flex;color-scheme:light dark;font:13px/1.2 system-ui;--bg:light-dark(#f3f4f6,#1f2430);--fg:light-dark(#1f2937,#e5e7eb);--ln:light-dark(#d1d5db,#3a4150);--ac:light-dark(#2452d6,#8fb0ff)}.dock[data-theme=dark]{color-scheme:dark}.dock[data-theme=light]{color-scheme:light}.dock[hidden]{display:none}.bar{width:${BAR}px;flex:none;display:flex;flex-direction:column;align-items:center;gap:8px;background:var(--bg);color:var(--fg);border-left:1px solid var(--ln);padding-top:8px}.bar button{all:unset;box-sizing:border-box;width:20px;height:28px;border-radius:4px;text-align:center;cursor:pointer;font-weight:700}.bar button:hover{background:var(--ln)}.grip{flex:1;width:100%;cursor:ew-resize;position:relative;outline:none;touch-action:none}.grip::after{content:"";position:absolute;top:calc(50% - 16px);left:9px;width:4px;height:32px;border-left:2px dotted var(--fg);opacity:.5}button:focus-visible,.grip:focus-visible{outline:3px solid var(--ac);outline-offset:-3px}iframe{border:0;height:100%;display:block;background:Canvas}.collapsed iframe,.collapsed .grip{display:none}.resizing iframe{pointer-events:none}`;

function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

export function createFrameHost(onPrefsChange: (prefs: Partial<SidebarPrefs>) => void): FrameHost {
  const dock = document.createElement('div');
  dock.className = 'dock';
  dock.hidden = true;

  const bar = document.createElement('div');
  bar.className = 'bar';
  const collapse = document.createElement('button');
  collapse.type = 'button';
  const grip = document.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  // ARIA's reflected properties (Chrome 81, Firefox 119), not setAttribute: the same attributes
  // for fewer of the content script's bytes
  grip.role = 'separator';
  grip.ariaOrientation = 'vertical';
  grip.ariaLabel = 'Resize Dealside sidebar';
  grip.ariaValueMin = `${MIN_WIDTH}`;
  grip.ariaValueMax = `${MAX_WIDTH}`;
  bar.append(collapse, grip);

  let frame: HTMLIFrameElement | null = null;
  let prefs: SidebarPrefs = { width: 360, collapsed: false };
  let shown = false;
  let prefsKnown = false;
  let frameToken = '';

  const ensureFrame = () => {
    if (frame) return;
    let src: string;
    try {
      src = `${browser.runtime.getURL('/sidebar.html')}#${frameToken}`;
    } catch {
      return; // the extension was reloaded: the reader is about to remove this host
    }
    frame = document.createElement('iframe');
    // stated, so the frame's location.ancestorOrigins names this page whatever the page's own policy
    frame.referrerPolicy = 'origin';
    frame.src = src;
    frame.title = 'Dealside';
    frame.setAttribute('allow', '');
    // the sidebar's line: an empty message asks room for a widget of the page's (`makeRoom`);
    // a word is the Theme setting the sidebar now shows, for the bar (changed since the layout came)
    handRoomLine(frame, (e) => (e.data ? applyTheme(dock, e.data) : makeRoom()));
    dock.append(frame);
  };

  /** ends a resize drag under way (its width saved) */
  let endDrag: (() => void) | null = null;

  /**
   * A bar the CRM fixes across the window's top or bottom edge (Lightning's global header, its
   * utility bar) does not move aside for the reserved width: the dock starts below it (ends
   * above it), so none of its controls (Setup, the profile) goes under the dock. Looked up
   * whenever the dock's size changes (shown, collapsed, opened, resized, the window resized),
   * by a ResizeObserver: its callbacks run once the page's layout is done, so none is forced
   * on the page for it.
   *
   * `room`: what the page's own widgets over the sidebar need (px at the top and bottom), found
   * when the sidebar asks (lib/page/widget-room.ts): searched at each ask only, not at each
   * resize (a drag resizes at every frame).
   */
  let room = [0, 0];
  const clearFixedBars = () => {
    const h = innerHeight;
    const edge = document.documentElement.clientWidth - 2;
    const top = Math.max(room[0]!, fixedBoxAt(edge, 1)?.bottom ?? 0);
    const bottom = Math.max(room[1]!, h - (fixedBoxAt(edge, h - 2)?.top ?? h));
    dock.style.top = top ? `${top}px` : '';
    dock.style.bottom = bottom ? `${bottom}px` : '';
  };
  const makeRoom = () => {
    room = roomFor(frame!.getBoundingClientRect());
    clearFixedBars();
  };

  const layout = () => {
    const visible = shown && prefsKnown;
    // the grip going away (collapsed, hidden) ends a drag on it
    if (!visible || prefs.collapsed) endDrag?.();
    dock.hidden = !visible;
    if (visible && !prefs.collapsed) ensureFrame();
    dock.classList.toggle('collapsed', prefs.collapsed);
    collapse.textContent = prefs.collapsed ? '‹' : '›';
    collapse.ariaLabel = prefs.collapsed ? 'Open Dealside sidebar' : 'Collapse Dealside sidebar';
    collapse.ariaExpanded = `${!prefs.collapsed}`;
    grip.ariaValueNow = `${prefs.width}`;
    if (frame) frame.style.width = `${prefs.width}px`;
    const reserved = visible ? (prefs.collapsed ? BAR : BAR + prefs.width) : 0;
    // Reserve the dock's width so the CRM lays out beside it (docked, not floating over it).
    if (reserved) document.documentElement.style.setProperty('margin-right', `${reserved}px`, 'important');
    else document.documentElement.style.removeProperty('margin-right');
  };

  const setPrefs = (next: Partial<SidebarPrefs>, save: boolean) => {
    prefs = { ...prefs, ...next, width: clampWidth(next.width ?? prefs.width) };
    layout();
    if (save) onPrefsChange(next);
  };

  collapse.addEventListener('click', () => setPrefs({ collapsed: !prefs.collapsed }, true));

  // Drag the grip to resize; the width is saved once, when the drag ends: released,
  // or interrupted (pointercancel: a touch pan; capture lost: the grip collapsed away).
  // Until then the frame ignores the pointer (.resizing), so every end must clean up.
  grip.addEventListener('pointerdown', (down) => {
    endDrag?.();
    down.preventDefault();
    grip.setPointerCapture(down.pointerId);
    dock.classList.add('resizing');
    const startX = down.clientX;
    const startWidth = prefs.width;
    const drag = new AbortController();
    const { signal } = drag;
    const move = (e: PointerEvent) => setPrefs({ width: startWidth + (startX - e.clientX) }, false);
    const end = () => {
      endDrag = null;
      drag.abort();
      dock.classList.remove('resizing');
      if (grip.hasPointerCapture(down.pointerId)) grip.releasePointerCapture(down.pointerId);
      onPrefsChange({ width: prefs.width });
    };
    endDrag = end;
    grip.addEventListener('pointermove', move, { signal });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) grip.addEventListener(type, end, { signal });
  });
  // …or with the keyboard: arrows by 16 px, Home/End to the limits.
  grip.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 64 : 16;
    const next: Record<string, number> = {
      ArrowLeft: prefs.width + step,
      ArrowRight: prefs.width - step,
      Home: MAX_WIDTH,
      End: MIN_WIDTH,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    setPrefs({ width: next[e.key]! }, true);
  });

  dock.append(bar);
  const host = mountClosedHost(TAG, CSS, dock);
  const bars = new ResizeObserver(clearFixedBars);
  bars.observe(dock);

  return {
    show() {
      shown = true;
      layout();
      // observed again, so the bars are looked up again: a CRM's shell (Lightning's global header)
      // may draw its fixed bars after the dock first appeared, which changes nothing of its size
      bars.observe(dock);
    },
    hide() {
      shown = false;
      layout();
    },
    toggleCollapsed() {
      if (!shown || !prefsKnown) return;
      setPrefs({ collapsed: !prefs.collapsed }, true);
      if (!prefs.collapsed) frame?.focus();
    },
    applyPrefs(next) {
      prefsKnown = true;
      // The bar matches the sidebar's Theme setting (light, dark; else the system's scheme):
      // as it stood when this page put the sidebar up, then as the sidebar tells it on its line
      // (a change in Options while the page stays open). No storage read or listener of its
      // own on the CRM page; a bar kept collapsed since the page loaded (no frame) waits for
      // the next load.
      if ('theme' in next) applyTheme(dock, next.theme);
      if (typeof next.frameToken == 'string') frameToken = next.frameToken;
      // `next` whole, theme and token too: the layout reads only its width and collapsed, and
      // saves only what a control changed (fewer of the content script's bytes than leaving them out)
      setPrefs(next, false);
    },
    destroy() {
      shown = false;
      layout();
      bars.disconnect();
      host.remove();
    },
  };
}
