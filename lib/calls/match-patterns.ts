/**
 * Where the calls content script runs by itself (everything else only when
 * the user asks, through activeTab). Gong and Chorus are single-page apps, so
 * the whole app host is matched and the address decides (an SPA can reach a call
 * without a page load); Zoom's recording
 * player is a page of its own, so only `/rec/` is matched (the rest of
 * zoom.us is the web client and marketing site, where running costs for nothing).
 */
export const CALL_MATCHES: string[] = [
  'https://app.gong.io/*',
  'https://*.app.gong.io/*',
  'https://zoom.us/rec/*',
  'https://*.zoom.us/rec/*',
  'https://chorus.ai/*',
  'https://www.chorus.ai/*',
];
