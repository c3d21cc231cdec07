/**
 * The background's one entry point for runtime messages. Reject by default:
 * the sender is classified first, then the payload is parsed by the zod union,
 * then the sender kind must be allowed that request type. Only then does a
 * handler run. Every failure is a typed error envelope, never a throw across
 * the message boundary.
 */
import { classifySender, type SenderKind, type SenderLike, type Self } from './senders';
import { requestSchema, type Envelope, type ErrorCode, type RequestOf, type RequestType, type ResponseMap } from './protocol';

/** Which sender kinds may send each request type. A type missing here is refused. */
export const ALLOWED_SENDERS: Record<RequestType, readonly SenderKind[]> = (() => {
  const pages: SenderKind[] = ['sidebar', 'call-panel', 'extension-page'];
  return {
    // content scripts report what they read and ask layout prefs; they learn no coaching data
    'page/snapshot': ['content'],
    'page/sidebarPrefs': ['content'],
    'page/setSidebarPrefs': ['content'],
    'page/siteCrm': ['content'],
    'calls/page': ['content'],
    'calls/panel': ['content'],
    // frames ask about their own tab
    'sidebar/current': ['sidebar'],
    'sidebar/open': ['sidebar'],
    'calls/current': ['call-panel'],
    'calls/mediaTime': ['call-panel'],
    'calls/seek': ['call-panel'],
    // the coaching data: extension pages only
    'deal/view': pages,
    'commitment/create': pages,
    'commitment/resolve': pages,
    'commitment/renegotiate': pages,
    'nextStep/set': pages,
    'nextStep/markDone': pages,
    'score/add': pages,
    'note/add': pages,
    'draft/get': pages,
    'draft/save': pages,
    'draft/clear': pages,
    'settings/get': pages,
    'settings/set': pages,
    'reps/list': pages,
    'calls/reviewTab': ['extension-page'],
    'callReview/get': pages,
    'callReview/saveDraft': pages,
    'callReview/complete': pages,
    'callReview/forDeal': pages,
    'deals/search': pages,
    // the weekly scorecard reads every rep's data: the popup (an unframed extension page) only
    'scorecard/week': ['extension-page'],
    'scorecard/rep': ['extension-page'],
    // which sites Dealside reads: Options (an unframed extension page) only
    'sites/add': ['extension-page'],
    'sites/remove': ['extension-page'],
    // a backup holds every record and a restore writes them all: Options (an unframed extension page) only
    'backup/export': ['extension-page'],
    'backup/import': ['extension-page'],
  };
})();

export type Handler<T extends RequestType> = (request: RequestOf<T>, sender: SenderLike) => Promise<ResponseMap[T]>;
export type Handlers = { [T in RequestType]: Handler<T> };

/** A handler's way to refuse with a code the caller can act on. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The sender's tab (a content script's, or the tab a framed panel lives in). */
export function senderTabId(sender: SenderLike): number {
  const id = sender.tab?.id;
  if (typeof id !== 'number') throw new HandlerError('bad-sender', 'This request needs a tab.');
  return id;
}

const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export function createRouter(handlers: Handlers, self: () => Self) {
  return async function route(message: unknown, sender: SenderLike): Promise<Envelope<unknown>> {
    const kind = classifySender(sender, self());
    if (kind === 'untrusted') return fail('bad-sender', 'Sender is not part of Dealside.');
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(ALLOWED_SENDERS, type)) {
      return fail('unknown-type', 'Unknown request type.');
    }
    if (!ALLOWED_SENDERS[type as RequestType].includes(kind)) {
      return fail('bad-sender', `${type} is not accepted from a ${kind}.`);
    }
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('bad-request', `Invalid ${type}: ${issue?.path.join('.') || 'request'} ${issue?.message ?? ''}`.trim());
    }
    try {
      const handler = handlers[parsed.data.type] as Handler<RequestType>;
      return { ok: true, data: await handler(parsed.data as RequestOf<RequestType>, sender) };
    } catch (e) {
      if (e instanceof HandlerError) return fail(e.code, e.message);
      console.error('Dealside handler failed', type, e);
      return fail('internal', 'Something went wrong in Dealside. Your data is unchanged.');
    }
  };
}
