import { useEffect, useState } from 'react';
import { GONE_MESSAGE, onExtensionGone } from '../lib/messages/client';

/**
 * Has Dealside gone from under this frame (updated, reloaded, turned off)? Its frames on
 * CRM and recording pages stay on screen until the page reloads, with nothing behind them.
 */
export function useExtensionGone(): boolean {
  const [gone, setGone] = useState(false);
  useEffect(() => onExtensionGone(() => setGone(true)), []);
  return gone;
}

/**
 * Said once, at the top of a frame that outlived Dealside. What is on screen stays (not inert:
 * a person can still select and copy what they typed); every save there now fails with the same words.
 */
export function ExtensionGoneBanner() {
  return (
    <div className="banner error" role="alert">
      <p>{GONE_MESSAGE}</p>
    </div>
  );
}
