import type { SimClock } from "../util/clock.ts";

export type Grant = {
  orgUuid: string;
  personId: string;
  scopes: string[];
  clientId: string;
};

export type AccessToken = Grant & {
  token: string;
  expiresAt: number;
  revoked: boolean;
  refreshToken?: string;
};
export type RefreshToken = Grant & { token: string; expiresAt: number; revoked: boolean };
type Code = Grant & { redirectUri: string; expiresAt: number; used: boolean };

export type TokenResponse = {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: "Bearer";
  scope: string;
};

/** Every scope the simulator knows; tokens minted without explicit scopes get all of them. */
export const ALL_SCOPES = [
  "spark:all",
  "spark:kms",
  "spark:people_read",
  "spark:rooms_read",
  "spark:teams_read",
  "spark:applications_token",
  "spark-admin:organizations_read",
  "spark-admin:roles_read",
  "spark-admin:licenses_read",
  "spark-admin:people_read",
  "spark-admin:people_write",
  "spark-admin:locations_read",
  "spark-admin:locations_write",
  "spark-admin:workspaces_read",
  "spark-admin:workspaces_write",
  "spark-admin:workspace_locations_read",
  "spark-admin:devices_read",
  "spark-admin:devices_write",
  "spark-admin:telephony_config_read",
  "spark-admin:telephony_config_write",
  "spark-admin:broadworks_enterprises_read",
  "spark-admin:broadworks_enterprises_write",
  "identity:groups_read",
  "identity:groups_rw",
  "identity:placeonetimepassword_create",
];

function randomToken(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = "";
  for (const b of buf) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Authorization codes, access and refresh tokens, all timed by the sim clock. */
export class TokenStore {
  readonly access = new Map<string, AccessToken>();
  readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, Code>();

  constructor(
    private readonly clock: SimClock,
    public ttl: { accessSec: number; refreshSec: number },
  ) {}

  /** Webex tokens look like `<random>_<pod>_<org uuid>`. */
  private newToken(orgUuid: string): string {
    return `${randomToken(48)}_PF84_${orgUuid}`;
  }

  issueCode(grant: Grant, redirectUri: string): string {
    const code = randomToken(36);
    this.codes.set(code, { ...grant, redirectUri, expiresAt: this.clock.now() + 10 * 60_000, used: false });
    return code;
  }

  /** Single use: a code is gone after its first exchange, whatever the outcome. */
  redeemCode(code: string, clientId: string, redirectUri: string): Grant | string {
    const c = this.codes.get(code);
    if (!c) return "The authorization code is invalid or was already used.";
    this.codes.delete(code);
    if (c.expiresAt < this.clock.now()) return "The authorization code has expired.";
    if (c.clientId !== clientId) return "The authorization code was issued to another client.";
    if (c.redirectUri !== redirectUri) return "redirect_uri does not match the authorization request.";
    return { orgUuid: c.orgUuid, personId: c.personId, scopes: c.scopes, clientId: c.clientId };
  }

  mint(grant: Grant, fixedAccessToken?: string): TokenResponse {
    const now = this.clock.now();
    const refresh: RefreshToken = {
      ...grant,
      token: fixedAccessToken ? `${fixedAccessToken}-refresh` : this.newToken(grant.orgUuid),
      expiresAt: now + this.ttl.refreshSec * 1000,
      revoked: false,
    };
    this.refresh.set(refresh.token, refresh);
    return this.accessFor(refresh, now, fixedAccessToken);
  }

  /** `now` is the caller's: a millisecond passing in between must not shave a second off the lifetimes. */
  private accessFor(refresh: RefreshToken, now: number, fixedAccessToken?: string): TokenResponse {
    const access: AccessToken = {
      orgUuid: refresh.orgUuid,
      personId: refresh.personId,
      scopes: refresh.scopes,
      clientId: refresh.clientId,
      token: fixedAccessToken ?? this.newToken(refresh.orgUuid),
      expiresAt: now + this.ttl.accessSec * 1000,
      revoked: false,
      refreshToken: refresh.token,
    };
    this.access.set(access.token, access);
    return {
      access_token: access.token,
      expires_in: this.ttl.accessSec,
      refresh_token: refresh.token,
      refresh_token_expires_in: Math.max(0, Math.floor((refresh.expiresAt - now) / 1000)),
      token_type: "Bearer",
      scope: refresh.scopes.join(" "),
    };
  }

  /** A new access token for a live refresh token; using a refresh token extends its own life (it "lasts forever"). */
  useRefreshToken(token: string, clientId: string): TokenResponse | string {
    const r = this.refresh.get(token);
    if (!r || r.revoked) return "The refresh token is invalid or has been revoked.";
    if (r.expiresAt < this.clock.now()) return "The refresh token has expired.";
    if (r.clientId !== clientId) return "The refresh token was issued to another client.";
    const now = this.clock.now();
    r.expiresAt = now + this.ttl.refreshSec * 1000;
    return this.accessFor(r, now);
  }

  /** The access token behind a bearer string, or why it is refused. */
  check(token: string): AccessToken | "invalid" | "expired" | "revoked" {
    const a = this.access.get(token);
    if (!a) return "invalid";
    if (a.revoked) return "revoked";
    if (a.expiresAt <= this.clock.now()) return "expired";
    return a;
  }

  revoke(token: string): boolean {
    const a = this.access.get(token);
    const r = this.refresh.get(token);
    if (a) a.revoked = true;
    if (r) {
      r.revoked = true;
      for (const t of this.access.values()) if (t.refreshToken === token) t.revoked = true;
    }
    return Boolean(a || r);
  }

  /** Makes a token expire now (access or refresh). */
  expire(token: string): boolean {
    const now = this.clock.now() - 1;
    const a = this.access.get(token);
    const r = this.refresh.get(token);
    if (a) a.expiresAt = now;
    if (r) r.expiresAt = now;
    return Boolean(a || r);
  }

  live(): { access: number; refresh: number } {
    const now = this.clock.now();
    let access = 0;
    let refresh = 0;
    for (const a of this.access.values()) if (!a.revoked && a.expiresAt > now) access++;
    for (const r of this.refresh.values()) if (!r.revoked && r.expiresAt > now) refresh++;
    return { access, refresh };
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
  }
}
