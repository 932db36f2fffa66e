/**
 * @module devices/rotation-view
 * How a bulk rotation and its devices are shown: the job with its progress, one page of its devices (the JSON
 * list and its CSV twin both read through here), and the CSV columns.
 */
import { z } from "@hono/zod-openapi";
import type { CsvColumn } from "@wxsync/core/csv";
import { eq, sql } from "drizzle-orm";
import { pagedRows, pagingShape } from "../lib/listing.ts";
import type { Services } from "../lib/services.ts";
import {
  sipRotationItems as items,
  ROTATION_ITEM_STATES,
  ROTATION_JOB_STATUSES,
  type SipRotationItemRow,
  type SipRotationJobRow,
} from "./schema.ts";

export const JobSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    locationId: z.string().nullable(),
    source: z.enum(["webex", "local"]),
    status: z.enum(ROTATION_JOB_STATUSES),
    message: z.string().nullable(),
    progress: z.object({
      total: z.number(),
      done: z.number(),
      failed: z.number(),
      remaining: z.number(),
      percent: z.number(),
    }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("SipRotationJob");

export const ItemSchema = z
  .object({
    deviceId: z.string(),
    deviceName: z.string().nullable(),
    mac: z.string().nullable(),
    locationId: z.string().nullable(),
    state: z.enum(ROTATION_ITEM_STATES),
    attempts: z.number(),
    webexStatus: z.number().nullable(),
    webexErrorCode: z.string().nullable(),
    trackingId: z.string().nullable(),
    message: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .openapi("SipRotationItem");

export async function viewJob(
  services: Services,
  row: SipRotationJobRow,
): Promise<z.infer<typeof JobSchema>> {
  const counts = await services.db
    .select({ state: items.state, n: sql<number>`count(*)` })
    .from(items)
    .where(eq(items.jobId, row.id))
    .groupBy(items.state)
    .all();
  const count = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
  const done = count("done");
  const failed = count("failed");
  const { runner: _runner, resumes: _resumes, total, ...rest } = row;
  return {
    ...rest,
    progress: {
      total,
      done,
      failed,
      remaining: total - done - failed,
      percent: total ? Math.round(((done + failed) / total) * 100) : 100,
    },
  };
}

export const ItemsQuery = z.object({
  ...pagingShape(["deviceId"], "deviceId"),
  state: z.enum(ROTATION_ITEM_STATES, { error: "must be pending, sent, done or failed" }).optional(),
});

/** One page of a job's devices; the JSON list and its CSV twin both read through here. */
export async function itemsPage(
  services: Services,
  jobId: string,
  q: { sort?: string | undefined; cursor?: string | undefined; limit: number; state?: string | undefined },
) {
  const state = ROTATION_ITEM_STATES.find((s) => s === q.state);
  const page = await pagedRows(services.db, items, {
    columns: { deviceId: items.deviceId },
    id: items.deviceId,
    sort: q.sort,
    defaultSort: "deviceId",
    cursor: q.cursor,
    limit: q.limit,
    where: [eq(items.jobId, jobId), ...(state ? [eq(items.state, state)] : [])],
  });
  return { items: page.items.map(({ jobId: _job, ...item }) => item), nextCursor: page.nextCursor };
}

export const ITEM_CSV_COLUMNS: CsvColumn<Omit<SipRotationItemRow, "jobId">>[] = [
  { name: "deviceName", header: "Device" },
  { name: "deviceId", header: "Device ID" },
  { name: "mac", header: "MAC" },
  { name: "locationId", header: "Location ID" },
  { name: "state", header: "Result" },
  { name: "attempts", header: "Attempts" },
  { name: "trackingId", header: "Webex tracking ID" },
  { name: "webexStatus", header: "Webex status" },
  { name: "webexErrorCode", header: "Webex error code" },
  { name: "message", header: "Message" },
  { name: "endedAt", header: "Ended at" },
];
