import { RequestLog } from "./control/requests.ts";
import { Stats } from "./control/stats.ts";
import { RateLimiter } from "./faults/ratelimit.ts";
import { FaultEngine } from "./faults/rules.ts";
import { ALL_SCOPES, TokenStore } from "./oauth/tokens.ts";
import type { ResolvedOptions } from "./options.ts";
import { generateTenant, tenantSpec } from "./tenant/generate.ts";
import type { Org, Tenant } from "./tenant/types.ts";
import { SimClock } from "./util/clock.ts";

/** Everything one simulator instance holds; `/_sim/reset` rebuilds the tenant and clears the rest. */
export class SimState {
  tenant: Tenant;
  readonly clock: SimClock;
  readonly tokens: TokenStore;
  readonly stats = new Stats();
  readonly requests = new RequestLog();
  readonly limiter: RateLimiter;
  readonly faults: FaultEngine;
  latency: { meanMs: number; jitterMs: number };
  autoConsent: boolean;

  constructor(readonly options: ResolvedOptions) {
    this.clock = new SimClock(options.now);
    this.tenant = generateTenant(tenantSpec(options));
    this.tokens = new TokenStore(this.clock, {
      accessSec: options.accessTokenTtlSec,
      refreshSec: options.refreshTokenTtlSec,
    });
    this.limiter = new RateLimiter(options.rateLimit, options.now);
    this.faults = new FaultEngine(options.faults, options.faultSeed);
    this.latency = { meanMs: options.latencyMs, jitterMs: options.jitterMs };
    this.autoConsent = options.autoConsent;
  }

  private presetsInstalled = false;

  /**
   * Called at the start of every request. Preset tokens are minted here rather than in the constructor: a worker
   * may build the simulator in its global scope, where workerd's clock reads 0 and tokens would be born expired.
   */
  ready(): void {
    if (this.presetsInstalled) return;
    this.presetsInstalled = true;
    this.installPresetTokens();
  }

  reset(): void {
    this.tenant = generateTenant(tenantSpec(this.options));
    this.clock.reset();
    this.tokens.clear();
    this.stats.reset();
    this.requests.reset();
    this.limiter.reset();
    this.limiter.config = this.options.rateLimit;
    this.faults.set(this.options.faults);
    this.latency = { meanMs: this.options.latencyMs, jitterMs: this.options.jitterMs };
    this.autoConsent = this.options.autoConsent;
    this.presetsInstalled = false;
  }

  private installPresetTokens(): void {
    for (const p of this.options.presetTokens) {
      const org = this.orgRef(p.org ?? "partner");
      if (!org) throw new Error(`preset token: no org ${String(p.org)}`);
      this.tokens.mint(
        {
          orgUuid: org.uuid,
          personId: org.adminId,
          scopes: p.scopes ?? ALL_SCOPES,
          clientId: this.options.clientId,
        },
        p.token,
      );
    }
  }

  /** "partner", a customer index, an org id or an org uuid. */
  orgRef(ref: string | number): Org | undefined {
    if (ref === "partner") return this.tenant.partner;
    if (typeof ref === "number") return this.tenant.customers[ref];
    if (/^\d+$/.test(ref)) return this.tenant.customers[Number(ref)];
    for (const org of this.tenant.orgs.values()) if (org.id === ref || org.uuid === ref) return org;
    return undefined;
  }

  get allOrgs(): Org[] {
    return [this.tenant.partner, ...this.tenant.customers];
  }
}
