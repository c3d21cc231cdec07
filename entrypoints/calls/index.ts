/**
 * Calls content script: on a recording page (Gong, Zoom, Chorus) or any page
 * the user asked to review, it reports which call this is to the background,
 * hosts the panel frame, and answers the background's "what time is it" and
 * "seek" with the media element (calls-page.ts, which unit tests start). It
 * never stores or shows review data.
 *
 * Small on purpose (no React, no zod): it also runs on Gong and Chorus pages
 * that are not calls, where it reports "no call" once and watches the address.
 *
 * A plain script with its own manifest entry (wxt.config.ts), like the CRM's
 * crm-watch.ts, not WXT's defineContentScript: WXT's context cost the Gong
 * page ~1.3 ms of main thread at every load (CPU profile, 4 visits) and posts
 * a "script started" message that the page's own scripts receive. Its jobs
 * are done in calls-page.ts: stopping when the extension is reloaded or
 * updated (lib/page/still-ours.ts), and, when "Review this call" injects it again
 * into a page where it already runs, leaving a live copy be (its open panel keeps
 * what was typed) and replacing only an orphaned one.
 */
import { startCallsPage } from './calls-page';
import { whenShown } from '../../lib/page/when-shown';

export default defineUnlistedScript(() => {
  whenShown(() => void startCallsPage());
});
