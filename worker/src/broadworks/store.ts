/**
 * @module broadworks/store
 * Keeps D1 in step with Webex: the partner's enterprises (pulled whole, all pages) and every directory sync
 * status seen, kept as history. Pulling never deletes history; an enterprise Webex no longer lists is dropped
 * from the current list only.
 */
import { type DirectorySync, type Enterprise, listEnterprises } from "@wxsync/core/broadworks";
import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../lib/services.ts";
import type { PartnerRow } from "../partners/schema.ts";
import { partnerClient } from "./access.ts";
import { type BwEnterpriseRow, bwEnterprises, bwSyncHistory } from "./schema.ts";

/** Upserts enterprises as one JSON parameter per statement (D1 binds at most 100 parameters). */
async function upsert(services: Services, partnerId: string, items: Enterprise[], now: string) {
  const rows = items.map((e) => {
    const sync = e.broadworksDirectorySync;
    return {
      id: e.id,
      orgId: e.orgId,
      sp: e.spEnterpriseId,
      prov: e.provisioningId ?? null,
      enabled: sync?.enableDirSync ? 1 : 0,
      syncStatus: sync?.directorySyncStatus?.syncStatus ?? null,
      status: sync?.directorySyncStatus ? JSON.stringify(sync.directorySyncStatus) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 200) {
    const json = JSON.stringify(rows.slice(i, i + 200));
    await services.db.run(sql`
      INSERT INTO ${bwEnterprises} (partner_id, id, org_id, sp_enterprise_id, provisioning_id, enabled, enabled_at, sync_status, status, refreshed_at)
      SELECT ${partnerId}, value->>'id', value->>'orgId', value->>'sp', value->>'prov', value->>'enabled',
             CASE WHEN value->>'enabled' = 1 THEN ${now} END, value->>'syncStatus', value->>'status', ${now}
      FROM json_each(${json}) WHERE true
      ON CONFLICT (partner_id, id) DO UPDATE SET
        org_id = excluded.org_id, sp_enterprise_id = excluded.sp_enterprise_id, provisioning_id = excluded.provisioning_id,
        enabled = excluded.enabled, sync_status = excluded.sync_status, status = excluded.status,
        refreshed_at = excluded.refreshed_at,
        enabled_at = CASE WHEN excluded.enabled = 0 THEN NULL ELSE coalesce(${bwEnterprises}.enabled_at, excluded.enabled_at) END`);
  }
}

/** Adds the statuses to the history; the same (enterprise, start, status) is stored once. */
export async function recordHistory(
  services: Services,
  partnerId: string,
  statuses: { enterpriseId: string; sync: DirectorySync | undefined }[],
) {
  const now = services.now().toISOString();
  const rows = statuses.flatMap(({ enterpriseId, sync }) => {
    const s = sync?.directorySyncStatus;
    if (!s?.lastSyncStartTime || !s.syncStatus) return [];
    return [
      {
        e: enterpriseId,
        start: s.lastSyncStartTime,
        end: s.lastSyncEndTime ?? null,
        st: s.syncStatus,
        t: s.lastSyncTrackingId ?? null,
        json: JSON.stringify(s),
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 200) {
    await services.db.run(sql`
      INSERT INTO ${bwSyncHistory} (partner_id, enterprise_id, started_at, ended_at, sync_status, tracking_id, status, seen_at)
      SELECT ${partnerId}, value->>'e', value->>'start', value->>'end', value->>'st', value->>'t', value->>'json', ${now}
      FROM json_each(${JSON.stringify(rows.slice(i, i + 200))}) WHERE true
      ON CONFLICT (partner_id, enterprise_id, started_at, sync_status) DO UPDATE SET
        ended_at = excluded.ended_at, tracking_id = excluded.tracking_id, status = excluded.status`);
  }
}

/** Pulls the partner's enterprises (all, or those matching Webex's filters) from Webex into D1. */
export async function refreshEnterprises(
  services: Services,
  partner: PartnerRow,
  filter: { spEnterpriseId?: string; startsWith?: string } = {},
) {
  const client = await partnerClient(services, partner);
  const items = await listEnterprises(client, filter);
  const partial = Boolean(filter.spEnterpriseId || filter.startsWith);
  const now = services.now().toISOString();
  await upsert(services, partner.id, items, now);
  // Gone from Webex: gone from the current list (their history stays). A filtered pull proves nothing about the rest.
  if (!partial)
    await services.db.run(
      sql`DELETE FROM ${bwEnterprises} WHERE partner_id = ${partner.id}
        AND id NOT IN (SELECT value FROM json_each(${JSON.stringify(items.map((e) => e.id))}))`,
    );
  await recordHistory(
    services,
    partner.id,
    items.map((e) => ({ enterpriseId: e.id, sync: e.broadworksDirectorySync })),
  );
  return items.length;
}

/** Stores one enterprise's fresh directory sync state (after a status call, enable or Sync now). */
export async function saveSync(services: Services, row: BwEnterpriseRow, sync: DirectorySync) {
  const now = services.now().toISOString();
  const enabledAt = sync.enableDirSync ? (row.enabledAt ?? now) : null;
  const status = sync.directorySyncStatus;
  // A short answer (PUT, POST) carries only syncStatus: keep the last full status, with the new state on top.
  // A sync just started has no start time in that answer: it started now, and the last one's end and errors
  // no longer describe it.
  const started = status?.syncStatus === "IN_PROGRESS" && !status.lastSyncStartTime;
  const merged = {
    ...(row.status ? JSON.parse(row.status) : {}),
    ...status,
    ...(started ? { lastSyncStartTime: now, lastSyncEndTime: undefined, errors: undefined } : {}),
  };
  await services.db
    .update(bwEnterprises)
    .set({
      enabled: sync.enableDirSync,
      enabledAt,
      syncStatus: status?.syncStatus ?? row.syncStatus,
      status: JSON.stringify(merged),
      refreshedAt: now,
    })
    .where(and(eq(bwEnterprises.partnerId, row.partnerId), eq(bwEnterprises.id, row.id)))
    .run();
  await recordHistory(services, row.partnerId, [
    { enterpriseId: row.id, sync: { ...sync, directorySyncStatus: merged } },
  ]);
}
