import type { FaultRule } from "./faults/rules.ts";
import type { TenantProfile } from "./tenant/generate.ts";

/** The OAuth integration the simulator accepts unless told otherwise. */
export const SIM_DEFAULT_CLIENT_ID = "C0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const SIM_DEFAULT_CLIENT_SECRET = "wxsync-sim-client-secret";
/** The Service App the simulator accepts on `POST /v1/applications/{id}/token`. */
export const SIM_DEFAULT_SERVICE_APP_ID =
  "Y2lzY29zcGFyazovL3VzL0FQUExJQ0FUSU9OL3d4c3luYy1zaW0tc2VydmljZS1hcHA";
export const SIM_DEFAULT_SERVICE_APP_CLIENT_ID =
  "Cfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
export const SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET = "wxsync-sim-service-app-secret";

export const DAY_SECONDS = 86400;

export type SimulatorOptions = {
  /** Seed for the generated tenant: the same seed always yields the same tenant. Default 1. */
  seed?: number;
  /** Customer org sizes: "demo" (50, 200, 500 users; the default) or "small" (12, 30). */
  profile?: TenantProfile;
  /** One customer org of this many users instead of the profile. */
  users?: number;
  /** Explicit customer org sizes (wins over `users` and `profile`). */
  customers?: number[];
  /** Origin used in `Link` headers and the consent page (e.g. "http://127.0.0.1:8788"); default: the request's. */
  baseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  serviceApp?: { applicationId?: string; clientId?: string; clientSecret?: string };
  /** Access-token lifetime in seconds (default 14 days) and refresh-token lifetime (default 90 days). */
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  /** Skip the consent page: `/v1/authorize` redirects at once with a code for the partner org. */
  autoConsent?: boolean;
  /** Per-token token bucket; `false` turns rate limiting off. Default 20 requests/s, burst 40. */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** Added response latency: mean ± uniform jitter, in ms. Default 30 ± 10; use 0 in tests. */
  latencyMs?: number;
  jitterMs?: number;
  /** Faults by probability or script; see faults/rules.ts. */
  faults?: FaultRule[];
  /** Seed for probabilistic faults and BroadWorks sync outcomes. Default: the tenant seed. */
  faultSeed?: number;
  broadworks?: {
    /** Sim-clock time a directory sync takes: base + per BroadWorks user. Defaults 60 s + 50 ms/user. */
    syncBaseMs?: number;
    syncPerUserMs?: number;
    /** Probability that a sync ends FAILED with a 6000xx code. Default 0.1. */
    failureRate?: number;
  };
  /** Fixed access tokens that exist from the start, e.g. for worker tests. */
  presetTokens?: PresetToken[];
  /** Wall-clock source (ms); the sim clock adds its offset to it. */
  now?: () => number;
};

export type PresetToken = {
  token: string;
  /** "partner", or the index of a customer org (0-based). Default "partner". */
  org?: "partner" | number;
  scopes?: string[];
};

export type ResolvedOptions = Required<
  Omit<
    SimulatorOptions,
    "users" | "customers" | "baseUrl" | "profile" | "serviceApp" | "broadworks" | "faultSeed" | "now"
  >
> & {
  users?: number;
  customers?: number[];
  profile: TenantProfile;
  baseUrl?: string;
  serviceApp: { applicationId: string; clientId: string; clientSecret: string };
  broadworks: { syncBaseMs: number; syncPerUserMs: number; failureRate: number };
  faultSeed: number;
  now: () => number;
};

export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  const seed = o.seed ?? 1;
  return {
    seed,
    profile: o.profile ?? "demo",
    users: o.users,
    customers: o.customers,
    baseUrl: o.baseUrl?.replace(/\/+$/, ""),
    clientId: o.clientId ?? SIM_DEFAULT_CLIENT_ID,
    clientSecret: o.clientSecret ?? SIM_DEFAULT_CLIENT_SECRET,
    serviceApp: {
      applicationId: o.serviceApp?.applicationId ?? SIM_DEFAULT_SERVICE_APP_ID,
      clientId: o.serviceApp?.clientId ?? SIM_DEFAULT_SERVICE_APP_CLIENT_ID,
      clientSecret: o.serviceApp?.clientSecret ?? SIM_DEFAULT_SERVICE_APP_CLIENT_SECRET,
    },
    accessTokenTtlSec: o.accessTokenTtlSec ?? 14 * DAY_SECONDS,
    refreshTokenTtlSec: o.refreshTokenTtlSec ?? 90 * DAY_SECONDS,
    autoConsent: o.autoConsent ?? false,
    rateLimit: o.rateLimit ?? { perSecond: 20, burst: 40 },
    latencyMs: o.latencyMs ?? 30,
    jitterMs: o.jitterMs ?? (o.latencyMs === undefined ? 10 : 0),
    faults: o.faults ?? [],
    faultSeed: o.faultSeed ?? seed,
    broadworks: {
      syncBaseMs: o.broadworks?.syncBaseMs ?? 60_000,
      syncPerUserMs: o.broadworks?.syncPerUserMs ?? 50,
      failureRate: o.broadworks?.failureRate ?? 0.1,
    },
    presetTokens: o.presetTokens ?? [],
    now: o.now ?? (() => Date.now()),
  };
}
