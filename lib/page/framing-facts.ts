import type { FramingFacts } from './sidebar-framing';

/**
 * Where this frame is, for lib/page/sidebar-framing.ts: directly in the tab's top
 * page or not, and that page's origin (Chromium tells; Firefox does not). Read
 * by the framed sidebar and call-review panel before they ask for anything.
 */
export function framingFacts(): FramingFacts {
  const list = location.ancestorOrigins;
  return { parentIsTop: window.parent === window.top && window.top !== window, ancestorOrigins: list ? Array.from(list) : undefined };
}

/**
 * The tab's frame token the content script put in this frame's address
 * (lib/handlers/frame-tokens.ts); sent with the frame's first ask. Empty when
 * absent: the background then refuses, as for a frame Dealside did not make.
 */
export function frameTokenFromAddress(): string {
  return location.hash.slice(1, 65);
}
