/**
 * @module openapi
 * Schemas and response sets every route reuses, so each route documents its errors the same way.
 */
import { z } from "@hono/zod-openapi";
import { errorCodes } from "@wxsync/core/errors";

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({ example: "BAD_REQUEST" }),
      message: z.string().openapi({ example: "query.limit: Too big: expected number to be <=500" }),
      requestId: z.string().openapi({ example: "4f1c2b9e-8a0d-4c55-9a8e-2d0f5c1b7e31" }),
    }),
  })
  .openapi("ErrorEnvelope");

const errorContent = { "application/json": { schema: ErrorEnvelopeSchema } };

export const errorResponses = {
  400: {
    description: "The request is invalid; the message names the field and the problem.",
    content: errorContent,
  },
  401: { description: "No API key, or an unknown or revoked one.", content: errorContent },
  403: { description: "The API key's role does not allow this.", content: errorContent },
  429: {
    description: "This API key made too many requests; `Retry-After` says how many seconds to wait.",
    content: errorContent,
  },
  500: { description: "An unexpected error; it was logged with the request id.", content: errorContent },
} as const;

export const publicErrorResponses = { 500: errorResponses[500] } as const;

/** One more documented refusal (404, 409, a route's own 403), in the same envelope. */
export const refusalDoc = (description: string) => ({ description, content: errorContent });

export const bearerSecurity = [{ apiKey: [] }];
