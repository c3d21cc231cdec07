// The page's media as the panel sees it: its position, followed while the panel is seen, and seeking it.
import { useEffect, useState } from 'react';
import { send } from '../../lib/messages/client';
import { frameTokenFromAddress } from '../../lib/page/framing-facts';
import type { MediaState } from '../../lib/messages/protocol';
import { formatMediaTime } from '../../lib/calls/media-pick';
import { messageOf, type Phase } from './useCallReview';
import { usePanelSeen } from './usePanelSeen';

const MEDIA_POLL_MS = 1000;

/**
 * `phase`: polling runs while a call is shown, and starts over with each new phase. Only while the
 * panel is seen: each poll wakes the background and asks the recording page, and a collapsed panel
 * (its frame stays in the page) or a hidden tab shows no time. Seen again, it asks at once.
 */
export function useMediaPosition(phase: Phase, setStatus: (status: string) => void) {
  const [media, setMedia] = useState<MediaState | null>(null);
  const { seen } = usePanelSeen();

  // Follow the media's position while the panel is seen.
  useEffect(() => {
    if (phase.kind !== 'ready' || !seen) return;
    let stopped = false;
    const poll = async () => {
      try {
        const m = await send({ type: 'calls/mediaTime', frameToken: frameTokenFromAddress() });
        if (!stopped) setMedia(m);
      } catch {
        if (!stopped) setMedia(null);
      }
    };
    void poll();
    const id = window.setInterval(() => void poll(), MEDIA_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
  }, [phase, seen]);

  const seek = async (seconds: number) => {
    try {
      const m = await send({ type: 'calls/seek', seconds, frameToken: frameTokenFromAddress() });
      setMedia(m);
      setStatus(m.hasMedia ? `Moved to ${formatMediaTime(seconds)}.` : 'No media on this page to move.');
    } catch (e) {
      setStatus(messageOf(e));
    }
  };

  return { media, setMedia, seek };
}
