/**
 * Dealside's isolated world in a tab (where its content scripts run, and where the page's own
 * scripts cannot look), over CDP: what the scripts decided, seen from inside, rather than
 * guessed from what the page shows after a wait.
 */

/**
 * The tab's execution contexts as CDP lists them when its Runtime domain is enabled (every
 * existing one is announced at once), and the main frame's id.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 */
async function contextsOf(context, page) {
  const cdp = await context.newCDPSession(page);
  /** @type {{ id: number; name: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } }[]} */
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  cdp.on('Runtime.executionContextsCleared', () => (worlds.length = 0));
  await cdp.send('Runtime.enable');
  /** the main frame's Dealside world, as it is now (a reload makes a new one) */
  const dealside = () => {
    const mainFrameId = worlds.find((w) => w.auxData?.isDefault)?.auxData?.frameId;
    if (!mainFrameId) throw new Error('no page context in this tab');
    return [...worlds].reverse().find((w) => w.auxData?.type === 'isolated' && w.name === 'Dealside' && w.auxData.frameId === mainFrameId);
  };
  return { cdp, dealside };
}

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<(expression: string) => Promise<unknown>>} evaluates `expression` there, returns its value
 */
export async function dealsideWorld(context, page) {
  const { cdp, dealside } = await contextsOf(context, page);
  return async (expression) => {
    const world = dealside();
    if (!world) throw new Error('no Dealside isolated world in this tab (its content script has not run)');
    const answer = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true });
    if (answer.exceptionDetails) throw new Error(`evaluating in Dealside's world: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return answer.result.value;
  };
}

/**
 * Whether Dealside's content script ran in the tab's main frame at all: a Dealside isolated
 * world there (made when its first script runs). A stronger "nothing of Dealside's here" than
 * a page without its elements, which a script that ran and failed would also give.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 */
export async function dealsideRanIn(context, page) {
  const { cdp, dealside } = await contextsOf(context, page);
  const ran = !!dealside();
  await cdp.detach();
  return ran;
}
