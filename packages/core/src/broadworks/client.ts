/**
 * @module broadworks/client
 * The Webex for BroadWorks directory-sync calls (partner token, scopes
 * `spark-admin:broadworks_enterprises_read` / `_write`), each answer checked against the lenient schemas.
 *
 * Retries are the caller's choice, made when creating the client. `syncNow` in particular should be given a
 * client created with `maxThrottleRetries: 0`: there a 429 means "this BroadWorks cluster already runs an
 * on-demand sync" (code 600009), which must be reported to the administrator or queued, not waited out.
 */
import { readAnswer as read } from "../webex/answer.ts";
import type { WebexClient } from "../webex/client.ts";
import {
  type DirectorySync,
  directorySyncSchema,
  type Enterprise,
  type ExternalUserSync,
  enterpriseSchema,
  externalUserSyncSchema,
} from "./schemas.ts";

const ENTERPRISES = "/broadworks/enterprises";
/** The largest page Webex serves for this list. */
const MAX_PAGE = 1000;

const syncPath = (enterpriseId: string) =>
  `${ENTERPRISES}/${encodeURIComponent(enterpriseId)}/broadworksDirectorySync`;

/** Every BroadWorks enterprise the partner manages, optionally filtered, across all pages. */
export async function listEnterprises(
  client: WebexClient,
  filter: { spEnterpriseId?: string; startsWith?: string } = {},
  pageSize = MAX_PAGE,
): Promise<Enterprise[]> {
  const query = { max: pageSize, spEnterpriseId: filter.spEnterpriseId, startsWith: filter.startsWith };
  const out: Enterprise[] = [];
  for await (const items of client.pages(ENTERPRISES, "items", query)) {
    for (const item of items) out.push(read(enterpriseSchema, item, `GET ${ENTERPRISES}`));
  }
  return out;
}

export async function getDirectorySync(client: WebexClient, enterpriseId: string): Promise<DirectorySync> {
  const path = syncPath(enterpriseId);
  return read(directorySyncSchema, await client.get(path), `GET ${path}`);
}

/** Switches directory sync on or off. Switching off while a sync runs is refused by Webex (600020). */
export async function setDirectorySync(
  client: WebexClient,
  enterpriseId: string,
  enabled: boolean,
): Promise<DirectorySync> {
  const path = syncPath(enterpriseId);
  const data = await client.write("PUT", path, { enableDirSync: enabled });
  return read(directorySyncSchema, data, `PUT ${path}`);
}

/**
 * Starts an on-demand sync ("Sync now"); Webex answers at once with IN_PROGRESS and the outcome shows later
 * in `getDirectorySync`. Give it a client with `maxThrottleRetries: 0` (see the module comment).
 */
export async function syncNow(client: WebexClient, enterpriseId: string): Promise<DirectorySync> {
  const path = syncPath(enterpriseId);
  const data = await client.write("POST", path, { syncStatus: "SYNC_NOW" });
  return read(directorySyncSchema, data, `POST ${path}`);
}

/** Syncs one BroadWorks-only user (by BroadWorks user id) at once; needs one completed enterprise sync first. */
export async function syncExternalUser(
  client: WebexClient,
  enterpriseId: string,
  userId: string,
): Promise<ExternalUserSync> {
  const path = `${syncPath(enterpriseId)}/externalUser`;
  const data = await client.write("POST", path, { userId });
  return read(externalUserSyncSchema, data, `POST ${path}`);
}
