/**
 * @module errors
 * One error envelope for every failure: `{ error: { code, message, requestId } }`.
 * Routes throw `ApiError`; zod validation failures and unknown exceptions are turned into the same shape here.
 */
import type { Hook } from "@hono/zod-openapi";
import { type ErrorCode, type ErrorEnvelope, errorStatus } from "@wxsync/core/errors";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { AppEnv } from "./app-env.ts";

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(errorStatus[code], { message, cause: options.cause });
    this.code = code;
  }
}

export function errorBody(c: Context, code: ErrorCode, message: string): ErrorEnvelope {
  return { error: { code, message, requestId: c.get("requestId") ?? "unknown" } };
}

export function errorResponse(c: Context, code: ErrorCode, message: string) {
  return c.json(errorBody(c, code, message), errorStatus[code] as ContentfulStatusCode);
}

/** "query.limit: Too big: expected number to be <=500; body.name: Invalid input: expected string" */
export function describeZodError(target: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = [target, ...issue.path.map(String)].filter(Boolean).join(".");
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

const targetNames: Record<string, string> = { json: "body", form: "body", param: "path", query: "query" };

export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    const target = targetNames[result.target] ?? result.target;
    return errorResponse(c, "BAD_REQUEST", describeZodError(target, result.error as z.ZodError));
  }
};

const statusToCode = new Map<number, ErrorCode>(
  Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]),
);

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.message);
  if (err instanceof HTTPException && err.status === 415) {
    // @hono/zod-openapi refuses a body in a media type the route does not declare with a bare "Unsupported
    // Media Type"; say which part of the request is wrong and what to send instead.
    const type = c.req.header("content-type")?.slice(0, 100);
    return errorResponse(
      c,
      "BAD_REQUEST",
      `body: ${type ? `content-type ${type} is not accepted here` : "sent without a content-type"}; send JSON with content-type: application/json.`,
    );
  }
  if (err instanceof HTTPException) {
    // Thrown by hono itself (e.g. malformed JSON bodies): keep its status, give it our envelope.
    const code =
      statusToCode.get(err.status) ?? (err.status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");
    return errorResponse(c, code, err.message || "The request could not be processed.");
  }
  // Unknown: log with the request id so an operator can find it, but never echo internals to the caller.
  console.error(
    JSON.stringify({
      level: "error",
      requestId: c.get("requestId"),
      path: new URL(c.req.url).pathname,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    }),
  );
  return errorResponse(
    c,
    "INTERNAL_SERVER_ERROR",
    "Something went wrong on our side. Quote the request id when reporting it.",
  );
};
