/** Webex error responses: `{ message, errors: [{ description }], trackingId }` (REFERENCE.md §1.5). */
export class WebexError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly errorCode?: number,
  ) {
    super(message);
  }
}

export function newTrackingId(): string {
  return `ROUTER_${crypto.randomUUID()}`;
}

export function errorBody(message: string, trackingId: string, errorCode?: number) {
  const detail = errorCode === undefined ? { description: message } : { description: message, errorCode };
  return { message, errors: [detail], trackingId };
}

export const notFound = (what = "resource") =>
  new WebexError(404, `The requested ${what} could not be found.`);
export const badRequest = (message: string) => new WebexError(400, message);
