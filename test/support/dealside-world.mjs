/**
 * Evaluating in Dealside's isolated world of a tab (where its content scripts run, and
 * where the page's own scripts cannot look), over CDP: what the scripts decided, seen from
 * inside, rather than guessed from what the page shows after a wait.
 */

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<(expression: string) => Promise<unknown>>} evaluates `expression` there, returns its value
 */
export async function dealsideWorld(context, page) {
  const cdp = await context.newCDPSession(page);
  /** @type {{ id: number; name: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } }[]} */
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  cdp.on('Runtime.executionContextsCleared', () => (worlds.length = 0));
  await cdp.send('Runtime.enable');
  const mainFrameId = () => worlds.find((w) => w.auxData?.isDefault)?.auxData?.frameId;
  return async (expression) => {
    // the main frame's Dealside world, as it is now (a reload makes a new one)
    const world = [...worlds].reverse().find((w) => w.auxData?.type === 'isolated' && w.name === 'Dealside' && w.auxData.frameId === mainFrameId());
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
  const cdp = await context.newCDPSession(page);
  /** @type {{ name: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } }[]} */
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  await cdp.detach();
  const mainFrameId = worlds.find((w) => w.auxData?.isDefault)?.auxData?.frameId;
  if (!mainFrameId) throw new Error('no page context in this tab');
  return worlds.some((w) => w.auxData?.type === 'isolated' && w.name === 'Dealside' && w.auxData.frameId === mainFrameId);
}
