/**
 * @module grants/cron
 * Cron jobs for tokens: refresh what is due (7 days old or within a day of expiry) and warn, once, about
 * refresh tokens with fewer than 14 days left.
 */
import { and, isNull, lt, or } from "drizzle-orm";
import type { CronJob } from "../cron/jobs.ts";
import { customers } from "../customers/schema.ts";
import type { Services } from "../lib/services.ts";
import { raiseNotification } from "../notifications/raise.ts";
import { partners } from "../partners/schema.ts";
import { EXPIRY_WARNING_DAYS, REFRESH_AFTER_MS, REFRESH_BEFORE_EXPIRY_MS } from "./health.ts";
import { refreshGrant } from "./refresh.ts";
import { type GrantRow, webexGrants } from "./schema.ts";

async function ownerNames(services: Services) {
  const [c, p] = await Promise.all([
    services.db.select({ id: customers.id, name: customers.name }).from(customers).all(),
    services.db.select({ id: partners.id, name: partners.name }).from(partners).all(),
  ]);
  return new Map([...c, ...p].map((row) => [row.id, row.name]));
}

const label = (names: Map<string, string>, grant: GrantRow) =>
  names.get(grant.ownerId) ?? `${grant.ownerType} ${grant.ownerId}`;

export const refreshDueTokens: CronJob = {
  name: "refresh-due-tokens",
  async run({ services, now }) {
    const due = await services.db
      .select()
      .from(webexGrants)
      .where(
        and(
          isNull(webexGrants.revokedAt),
          or(
            lt(webexGrants.accessIssuedAt, new Date(now.getTime() - REFRESH_AFTER_MS + 1).toISOString()),
            lt(
              webexGrants.accessExpiresAt,
              new Date(now.getTime() + REFRESH_BEFORE_EXPIRY_MS + 1).toISOString(),
            ),
          ),
        ),
      )
      .all();
    if (due.length === 0) return;
    const names = await ownerNames(services);
    // One at a time: a partner may own many customers' access, and Webex rate-limits token calls too.
    for (const grant of due) {
      if (Date.parse(grant.refreshExpiresAt) <= now.getTime()) continue;
      await refreshGrant(services, grant.id, { onlyIfDue: true, ownerLabel: label(names, grant) });
    }
  },
};

export const warnExpiringTokens: CronJob = {
  name: "warn-expiring-tokens",
  async run({ services, now }) {
    const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString();
    const expiring = await services.db
      .select()
      .from(webexGrants)
      .where(and(isNull(webexGrants.revokedAt), lt(webexGrants.refreshExpiresAt, horizon)))
      .all();
    if (expiring.length === 0) return;
    const names = await ownerNames(services);
    for (const grant of expiring) {
      const daysLeft = Math.max(
        0,
        Math.floor((Date.parse(grant.refreshExpiresAt) - now.getTime()) / 86_400_000),
      );
      await raiseNotification(services, {
        ownerType: grant.ownerType,
        ownerId: grant.ownerId,
        kind: "refresh_token_expiring",
        conditionKey: `${grant.id}:expiring:${grant.refreshExpiresAt}`,
        message:
          daysLeft > 0
            ? `The Webex refresh token of ${label(names, grant)} expires in ${daysLeft} days (${grant.refreshExpiresAt}). Use "Connect to Webex Control Hub" to renew it before syncs stop.`
            : `The Webex refresh token of ${label(names, grant)} has expired. Use "Connect to Webex Control Hub" to reconnect.`,
      });
    }
  },
};
