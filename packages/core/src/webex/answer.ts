import type { z } from "zod";
import { WebexApiError } from "./errors.ts";

/** A successful call whose answer wxsync cannot use is an error naming the call, never a silent guess. */
export function readAnswer<S extends z.ZodType>(schema: S, data: unknown, call: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
  throw new WebexApiError(200, `Webex's answer to ${call} is not usable: ${issues}`, {
    path: call.replace(/^\S+ /, ""),
  });
}
