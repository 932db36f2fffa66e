/**
 * @module env
 * The worker's bindings and secrets, validated once per isolate at the entry so a missing one is reported
 * with a message that says what to set, instead of surfacing later as an undefined property deep in a request.
 */
import { z } from "zod";

const base64Key32 = z
  .string({ error: "is not set: run `openssl rand -base64 32 | wrangler secret put TOKEN_ENCRYPTION_KEY`" })
  .refine((value) => {
    try {
      return atob(value).length === 32;
    } catch {
      return false;
    }
  }, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)");

export const envSchema = z.object({
  DB: z.custom<D1Database>(
    (value) => typeof value === "object" && value !== null && "prepare" in value,
    "is not bound: add a d1_databases entry with binding DB to wrangler.jsonc",
  ),
  WEBEX_API_BASE: z
    .url({ error: "must be an absolute URL such as https://webexapis.com/v1" })
    .default("https://webexapis.com/v1"),
  TOKEN_ENCRYPTION_KEY: base64Key32,
});

export type AppBindings = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: AppBindings } | { ok: false; message: string };

// The runtime hands the same env object to every invocation of an isolate: parse it once.
const cache = new WeakMap<object, EnvResult>();

export function parseEnv(raw: object): EnvResult {
  const cached = cache.get(raw);
  if (cached) return cached;
  const parsed = envSchema.safeParse(raw);
  const result: EnvResult = parsed.success
    ? { ok: true, env: parsed.data }
    : {
        ok: false,
        message: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; "),
      };
  cache.set(raw, result);
  return result;
}
