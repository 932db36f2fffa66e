/**
 * @module env
 * The worker's bindings and secrets, validated once per isolate at the entry so a missing one is reported
 * with a message that says what to set, instead of surfacing later as an undefined property deep in a request.
 */
import { z } from "zod";
import { keyProblem, MAKE_A_KEY } from "./vault/key-strength.ts";

const NOT_SET = "is not set: run `openssl rand -base64 32 | wrangler secret put TOKEN_ENCRYPTION_KEY`";

/** A vault key: 32 bytes of base64; `strength` also refuses keys a guesser could search (vault/key-strength.ts). */
const vaultKey = (strength: boolean) =>
  z.string({ error: NOT_SET }).superRefine((value, ctx) => {
    const problem = keyProblem(value, { strength });
    if (problem)
      ctx.addIssue({
        code: "custom",
        message: `must be 32 random bytes, base64-encoded, and this one ${problem}: ${MAKE_A_KEY}`,
      });
  });

/**
 * Keys kept only to read values sealed before a rotation are held to the size rule, not the strength rule:
 * moving a weak key here is how a deployment gets off it (tokens are re-sealed with the new key as they
 * refresh), and refusing it would leave what it sealed unreadable. Nothing new is ever sealed with them.
 */
const previousKeys = z.record(
  z.string().regex(/^\d+$/, "is not a key version (a whole number)"),
  vaultKey(false),
);

export const envSchema = z.object({
  DB: z.custom<D1Database>(
    (value) => typeof value === "object" && value !== null && "prepare" in value,
    "is not bound: add a d1_databases entry with binding DB to wrangler.jsonc",
  ),
  SYNC_WORKFLOW: z.custom<Workflow<{ runId: string }>>(
    (value) => typeof value === "object" && value !== null && "create" in value,
    "is not bound: add the wxsync-sync workflow (binding SYNC_WORKFLOW) to wrangler.jsonc",
  ),
  BW_JOB_WORKFLOW: z.custom<Workflow<{ jobId: string }>>(
    (value) => typeof value === "object" && value !== null && "create" in value,
    "is not bound: add the wxsync-broadworks-job workflow (binding BW_JOB_WORKFLOW) to wrangler.jsonc",
  ),
  SIP_ROTATION_WORKFLOW: z.custom<Workflow<{ jobId: string }>>(
    (value) => typeof value === "object" && value !== null && "create" in value,
    "is not bound: add the wxsync-sip-rotation workflow (binding SIP_ROTATION_WORKFLOW) to wrangler.jsonc",
  ),
  WEBEX_API_BASE: z
    .url({ error: "must be an absolute URL such as https://webexapis.com/v1" })
    .default("https://webexapis.com/v1"),
  TOKEN_ENCRYPTION_KEY: vaultKey(true),
  /** Raise it when TOKEN_ENCRYPTION_KEY is replaced; the old key then moves to TOKEN_ENCRYPTION_PREVIOUS_KEYS. */
  TOKEN_ENCRYPTION_KEY_VERSION: z.coerce.number().int().positive().default(1),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .default("{}")
    .transform((value, ctx) => {
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be JSON like {"1":"<old base64 key>"}' });
        return z.NEVER;
      }
      const parsed = previousKeys.safeParse(json);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }),
  /** The Webex integration wxsync's "Connect to Webex Control Hub" uses (developer.webex.com → My Apps). */
  WEBEX_CLIENT_ID: z.string().min(1).optional(),
  WEBEX_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * The worker's public origin (https://wxsync.example.com): the OAuth callback is <origin>/oauth/callback,
   * and CORS trusts it as the worker's own. One setting rather than a required OAUTH_REDIRECT_URI, because
   * CORS needs the origin too and the callback's path is ours. Outside local development, "Connect to Webex"
   * refuses to start without it (or OAUTH_REDIRECT_URI): a request's Host header must not choose where Webex
   * sends an authorization code.
   */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/, error: "must be an origin such as https://wxsync.example.com" })
    .refine((value) => new URL(value).origin === value.replace(/\/$/, ""), {
      error: "must be an origin only (scheme and host, no path), such as https://wxsync.example.com",
    })
    .transform((value) => new URL(value).origin)
    .optional(),
  /**
   * Set to 1 by `npm start` (scripts/lib/local-stack.ts) and the tests (vitest.config.ts), never in a deployed
   * worker: the worker's own origin may then be the one a request came to (127.0.0.1:<port>, wxsync.test).
   * Configured, never inferred from a request, which could claim any host.
   */
  LOCAL_DEV: z.stringbool({ error: "must be 1 (local development) or 0" }).default(false),
  /** Overrides <PUBLIC_ORIGIN>/oauth/callback; must match the integration's redirect URI exactly. */
  OAUTH_REDIRECT_URI: z.url({ error: "must be an absolute URL" }).optional(),
  /** Log entries older than this many days are pruned by the cron trigger. */
  LOG_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(30),
  /** Requests per minute each API key may make (a key's own limit overrides it); 429 with Retry-After above. */
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a number of requests" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(600),
  /** Failed sign-ins a client address may make at once and then per minute; 429 with Retry-After above. */
  AUTH_FAILURES_PER_MINUTE: z.coerce
    .number({ error: "must be a number of attempts" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(10),
  /** Counts each API key's requests; without it (local tools), rate limiting is off. */
  RATE_LIMITER: z
    .custom<DurableObjectNamespace<import("./rate-limit/limiter.ts").RateLimiter>>(
      (value) => typeof value === "object" && value !== null && "idFromName" in value,
      "is not a Durable Object namespace: bind the RateLimiter class as RATE_LIMITER in wrangler.jsonc",
    )
    .optional(),
  /**
   * Browser origins allowed to call the API besides the worker's own, comma-separated: the extension's
   * (chrome-extension://<id>). Nothing else gets CORS headers.
   */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Optional: notifications (expiring tokens, failed refreshes) are also POSTed here as JSON. */
  NOTIFY_WEBHOOK_URL: z.url({ error: "must be an absolute URL" }).optional(),
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
