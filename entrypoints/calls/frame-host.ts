/**
 * Hosts the call-review panel on the recording page: an extension-origin
 * iframe inside a closed shadow root, so the page's scripts can neither read
 * the review nor restyle the panel. The page only sees an empty custom
 * element. No React here: this runs on every recording page.
 *
 * The panel starts as its collapsed tab on the page's right edge (the
 * launcher) and the frame is created the first time it opens: inserting any
 * iframe costs the page's main thread 4–9 ms on a 2-core machine, which a
 * recording someone is only listening to should not pay. It opens by the
 * launcher, by "Review this call" (popup, context menu), or by itself when it
 * was open in this tab before (a reload mid-review, the next call).
 */
import { browser } from 'wxt/browser';
import { mountClosedHost } from '../../lib/page/closed-host';
import { handRoomLine, roomFor } from '../../lib/page/widget-room';

const TAG = 'dealside-call-review';
const WIDTH = 380;

export interface PanelHost {
  /** expand (creating the frame the first time); `remember: false` when the background asked */
  open(remember?: boolean): void;
  /**
   * The tab's secret for the frame's address (lib/handlers/frame-tokens.ts), from the
   * background's answer to this page's report: the frame is made once it is known.
   */
  setFrameToken(token: string): void;
  remove(): void;
}

const CSS = `
/* !important: a shadow root's important rules beat the page's, which cannot fade or move the host */
:host { all: initial !important; }
.wrap {
  position: fixed; top: 0; right: 0; bottom: 0; width: ${WIDTH}px; z-index: 2147483647;
  box-shadow: -2px 0 12px rgba(0,0,0,.25); background: Canvas; color-scheme: light dark;
  display: flex; transition: transform .15s ease-out;
}
.wrap.collapsed { transform: translateX(${WIDTH}px); }
iframe { border: 0; width: 100%; height: 100%; display: block; background: Canvas; }
/* Collapsed: off-screen, and out of the tab order and the accessibility tree once the slide ends. */
.wrap.collapsed iframe { visibility: hidden; transition: visibility 0s .15s; }
button {
  position: absolute; top: 50%; left: -28px; width: 28px; height: 56px; margin-top: -28px;
  border: 1px solid #8888; border-right: 0; border-radius: 6px 0 0 6px;
  background: #1f4fd1; color: #fff; font: 600 14px/1 system-ui, sans-serif; cursor: pointer;
}
button:focus-visible { outline: 3px solid #a86a00; outline-offset: 1px; } /* 3:1 or more on light and dark pages alike */
@media (prefers-reduced-motion: reduce) { .wrap, .wrap.collapsed iframe { transition: none; } }
`;

/** `onUserToggle`: the person opened or closed the panel (the background remembers it for the tab). */
export function mountPanel(onUserToggle: (open: boolean) => void): PanelHost {
  const wrap = document.createElement('div');
  wrap.className = 'wrap';
  let frame: HTMLIFrameElement | null = null;
  let frameToken: string | null = null;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.title = 'Dealside: review this call';
  const setCollapsed = (collapsed: boolean) => {
    if (!collapsed && !frame && frameToken !== null) {
      frame = document.createElement('iframe');
      // stated, so the frame's location.ancestorOrigins names this page whatever the page's own policy
      frame.referrerPolicy = 'origin';
      frame.src = `${browser.runtime.getURL('/call-review.html')}#${frameToken}`;
      frame.title = 'Dealside call review';
      // The panel needs nothing from the page; keep the frame from being handed powers.
      frame.setAttribute('allow', '');
      // the panel's line for asking room for a widget the recording page keeps over it (as the sidebar's)
      const framed = frame;
      handRoomLine(framed, () => {
        const [top, bottom] = roomFor(framed.getBoundingClientRect());
        wrap.style.top = top ? `${top}px` : '';
        wrap.style.bottom = bottom ? `${bottom}px` : '';
      });
      wrap.append(frame);
    }
    wrap.classList.toggle('collapsed', collapsed);
    // A collapsed panel takes no focus and no clicks: Tab from the launcher never lands in it.
    frame?.toggleAttribute('inert', collapsed);
    toggle.textContent = collapsed ? '‹' : '›';
    toggle.setAttribute('aria-label', collapsed ? 'Show call review' : 'Hide call review');
    toggle.setAttribute('aria-expanded', String(!collapsed));
  };
  toggle.addEventListener('click', () => {
    const open = wrap.classList.contains('collapsed');
    setCollapsed(!open);
    onUserToggle(open);
  });
  setCollapsed(true);
  wrap.append(toggle);
  const host = mountClosedHost(TAG, CSS, wrap);
  return {
    open: (remember = true) => {
      if (!wrap.classList.contains('collapsed')) return;
      setCollapsed(false);
      if (remember) onUserToggle(true);
    },
    setFrameToken: (token) => {
      frameToken = token;
      // opened before the background's answer came: the frame now
      if (!wrap.classList.contains('collapsed')) setCollapsed(false);
    },
    remove: () => host.remove(),
  };
}
