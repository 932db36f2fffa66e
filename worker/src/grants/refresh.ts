/**
 * @module grants/refresh
 * Refreshes one grant's access token. A lock column makes racing refreshes (cron and a manual click, two
 * cron ticks) run one at a time; the refresh token Webex returns is always stored, as it may have changed.
 * A revoked grant or a failure raises a notification once.
 */
import { refreshTokens, WebexApiError } from "@wxsync/core/webex";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import { raiseNotification } from "../notifications/raise.ts";
import { startTransaction } from "../transactions/recorder.ts";
import { isRefreshDue } from "./health.ts";
import { type GrantRow, webexGrants } from "./schema.ts";
import { sealContext, sealedTokenColumns } from "./store.ts";

const LOCK_MS = 60_000;

export type RefreshResult =
  | { outcome: "refreshed"; accessTokenExpiresAt: string }
  | { outcome: "busy" | "not_due"; message: string }
  | { outcome: "failed" | "revoked"; message: string; trackingId?: string };

export async function refreshGrant(
  services: Services,
  grantId: string,
  options: { onlyIfDue: boolean; ownerLabel: string },
): Promise<RefreshResult> {
  const now = services.now();
  const locked = await services.db
    .update(webexGrants)
    .set({ refreshLockUntil: now.getTime() + LOCK_MS })
    .where(
      and(
        eq(webexGrants.id, grantId),
        or(isNull(webexGrants.refreshLockUntil), lt(webexGrants.refreshLockUntil, now.getTime())),
      ),
    )
    .returning();
  const grant = locked[0];
  if (!grant)
    return {
      outcome: "busy",
      message: "A refresh of these tokens is already running; try again in a minute.",
    };

  const release = (values: Partial<GrantRow> = {}) =>
    services.db
      .update(webexGrants)
      .set({ ...values, refreshLockUntil: null })
      .where(eq(webexGrants.id, grantId))
      .run();

  // Another refresh may have finished between our decision and the lock.
  if (options.onlyIfDue && !isRefreshDue(grant, now)) {
    await release();
    return { outcome: "not_due", message: "The access token is fresh; nothing to do." };
  }

  const owner = { ownerType: grant.ownerType, ownerId: grant.ownerId };
  const tx = await startTransaction(services, {
    type: "token_refresh",
    description: `Refresh Access Token for ${options.ownerLabel}`,
    customerId: grant.ownerType === "customer" ? grant.ownerId : null,
    partnerId: grant.ownerType === "partner" ? grant.ownerId : null,
  });

  try {
    const client =
      grant.kind === "service_app"
        ? {
            clientId: grant.serviceAppClientId ?? "",
            clientSecret: grant.serviceAppClientSecretEnc
              ? await services.vault.decrypt(
                  grant.serviceAppClientSecretEnc,
                  sealContext(owner, "client_secret"),
                )
              : "",
          }
        : {
            clientId: services.env.WEBEX_CLIENT_ID ?? "",
            clientSecret: services.env.WEBEX_CLIENT_SECRET ?? "",
          };
    if (!client.clientId || !client.clientSecret) {
      throw new Error(
        "WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET are not set on the worker, so tokens cannot be refreshed.",
      );
    }
    const refreshToken = await services.vault.decrypt(
      grant.refreshTokenEnc,
      sealContext(owner, "refresh_token"),
    );
    const tokens = await refreshTokens(
      { baseUrl: services.env.WEBEX_API_BASE, fetch: services.webexFetch, ...client },
      refreshToken,
    );
    const columns = await sealedTokenColumns(services, owner, tokens, now);
    await release({
      ...columns,
      lastRefreshAt: now.toISOString(),
      lastRefreshOutcome: "ok",
      lastRefreshMessage: null,
      revokedAt: null,
      updatedAt: now.toISOString(),
    });
    await tx.succeed(`Access token refreshed; it expires ${columns.accessExpiresAt}.`);
    return { outcome: "refreshed", accessTokenExpiresAt: columns.accessExpiresAt };
  } catch (error) {
    const revoked = error instanceof WebexApiError && (error.status === 400 || error.status === 401);
    const trackingId = error instanceof WebexApiError ? error.details.trackingId : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    const message = revoked
      ? `Webex no longer accepts the refresh token for ${options.ownerLabel} (${reason}): the authorization was revoked or replaced. Use "Connect to Webex Control Hub" again.`
      : `Refreshing the access token for ${options.ownerLabel} failed: ${reason}. wxsync will retry on the next cron run.`;
    await release({
      lastRefreshAt: now.toISOString(),
      lastRefreshOutcome: revoked ? "revoked" : "failed",
      lastRefreshMessage: message,
      revokedAt: revoked ? now.toISOString() : grant.revokedAt,
      updatedAt: now.toISOString(),
    });
    await tx.fail(message, error);
    await raiseNotification(services, {
      ...owner,
      kind: revoked ? "grant_revoked" : "refresh_failed",
      // One notification per token generation: a fresh token (reconnect or a later success) can raise again.
      conditionKey: `${grant.id}:${revoked ? "revoked" : "refresh_failed"}:${grant.accessIssuedAt}`,
      message,
    });
    return { outcome: revoked ? "revoked" : "failed", message, trackingId };
  }
}
