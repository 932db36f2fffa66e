/**
 * @module webex/errors
 * A failed Webex call, with what an administrator and an operator need: the status, Webex's own message,
 * its tracking id (to quote to Cisco support) and how long to wait when rate limited.
 */

export class WebexApiError extends Error {
  override readonly name = "WebexApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly details: {
      trackingId?: string;
      retryAfterSeconds?: number;
      path?: string;
      descriptions?: string[];
      /** Webex's own error code (`errors[].errorCode`, e.g. 400112), when the body has one. */
      code?: string;
    } = {},
  ) {
    super(message);
  }

  /** Worth retrying later: rate limits, Webex outages, timeouts. Never 4xx other than 429/423. */
  get transient(): boolean {
    return this.status === 429 || this.status === 423 || this.status >= 500 || this.status === 0;
  }
}

type WebexErrorBody = {
  message?: unknown;
  errors?: unknown;
  trackingId?: unknown;
  error_description?: unknown;
  error?: unknown;
};

/** Reads Webex's error body (`{ message, errors: [{ description }], trackingId }`) or the OAuth one. */
export async function webexErrorFrom(res: Response, path: string): Promise<WebexApiError> {
  let body: WebexErrorBody = {};
  try {
    body = (await res.json()) as WebexErrorBody;
  } catch {
    // Webex sometimes answers 5xx with HTML or nothing at all.
  }
  const descriptions = Array.isArray(body.errors)
    ? body.errors
        .map((e: unknown) =>
          typeof e === "object" && e !== null ? (e as { description?: unknown }).description : undefined,
        )
        .filter((d): d is string => typeof d === "string")
    : [];
  const message =
    (typeof body.message === "string" && body.message) ||
    (typeof body.error_description === "string" && body.error_description) ||
    descriptions[0] ||
    (typeof body.error === "string" && body.error) ||
    `Webex answered HTTP ${res.status}`;
  const trackingId =
    (typeof body.trackingId === "string" ? body.trackingId : undefined) ??
    res.headers.get("trackingid") ??
    undefined;
  const retryAfter = Number(res.headers.get("retry-after"));
  return new WebexApiError(res.status, message, {
    trackingId,
    path,
    descriptions,
    code: errorCodeOf(body),
    retryAfterSeconds: Number.isFinite(retryAfter) && res.headers.has("retry-after") ? retryAfter : undefined,
  });
}

function errorCodeOf(body: WebexErrorBody & { errorCode?: unknown }): string | undefined {
  const first: unknown = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const candidate =
    (typeof first === "object" && first !== null
      ? (first as { errorCode?: unknown }).errorCode
      : undefined) ?? body.errorCode;
  return typeof candidate === "number" || typeof candidate === "string" ? String(candidate) : undefined;
}
