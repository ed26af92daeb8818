/**
 * The API's only error-handling middleware: every error becomes problem+json through
 * ./problem.ts; unexpected ones are logged with an id the client can quote.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { UserError } from '../errors.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';

/** Where unexpected errors go; the stack trace is logged, never sent. */
export type ErrorLogger = (error: Error, context: { errorId: string; method: string; path: string }) => void;

const consoleLogger: ErrorLogger = (error, context) => {
  console.error(`[api] unexpected error ${context.errorId} on ${context.method} ${context.path}`, error);
};

/** The request path without its query string: the problem's `instance`. */
function requestPath(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

/**
 * Send any error as problem+json.
 * @example app.use(problemHandler());
 */
export function problemHandler(log: ErrorLogger = consoleLogger): ErrorRequestHandler {
  return (thrown: unknown, req, res, next) => {
    // Too late to change status or headers: let Express close the connection.
    if (res.headersSent) {
      next(thrown);
      return;
    }
    const { document, logged } = toProblem(thrown, requestPath(req));
    if (logged)
      log(logged, { errorId: String(document.errorId), method: req.method, path: requestPath(req) });
    // Busy or unavailable stores usually recover quickly: tell clients when to retry.
    // A rate limit says when itself (`retryAfterSeconds`).
    const retryAfter = document.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
    else if (document.status === 503) res.set('Retry-After', '1');
    res.status(document.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(document));
  };
}

/**
 * The fallback for any request no route answered: a 404 `not-found` problem.
 * @example api.use(routeNotFound);
 */
export const routeNotFound: RequestHandler = (req) => {
  throw new UserError('not-found', `There is no route ${req.method} ${requestPath(req)}`);
};
