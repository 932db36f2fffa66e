/**
 * @module webex/ids
 * Webex ids are base64 of `ciscospark://<cluster>/<TYPE>/<value>`, usually without padding. Control Hub's
 * Account page shows an organization's bare UUID instead; these helpers convert between the two.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function base64Decode(value: string): string | null {
  const normal = value.replaceAll("-", "+").replaceAll("_", "/");
  const padded = normal + "=".repeat((4 - (normal.length % 4)) % 4);
  try {
    return atob(padded);
  } catch {
    return null;
  }
}

/** Decodes a Webex id into its parts, or null when it is not one. */
export function parseWebexId(id: string): { cluster: string; type: string; value: string } | null {
  const decoded = base64Decode(id.trim());
  const match = decoded?.match(/^ciscospark:\/\/(.+)\/([A-Z_]+)\/(.+)$/);
  if (!match) return null;
  return { cluster: match[1]!, type: match[2]!, value: match[3]! };
}

export function orgIdFromUuid(uuid: string): string {
  return btoa(`ciscospark://us/ORGANIZATION/${uuid.toLowerCase()}`).replace(/=+$/, "");
}

export type OrgIdentity = { orgId: string; orgUuid: string };

/**
 * Accepts either form of an organization id and returns both, or an error message naming the problem.
 * The UUID is what Control Hub shows; the base64 id is what the API uses. The id returned is always the
 * canonical `ciscospark://us/ORGANIZATION/<lower-case uuid>` without padding, so equal orgs have equal ids.
 */
export function resolveOrgId(
  input: string,
): { ok: true; value: OrgIdentity } | { ok: false; message: string } {
  const value = input.trim();
  if (isUuid(value))
    return { ok: true, value: { orgId: orgIdFromUuid(value), orgUuid: value.toLowerCase() } };
  const parsed = parseWebexId(value);
  if (!parsed) {
    return {
      ok: false,
      message:
        "is neither an organization UUID (as on Control Hub's Account page) nor a Webex organization id",
    };
  }
  if (parsed.type !== "ORGANIZATION")
    return { ok: false, message: `is a Webex ${parsed.type} id, not an ORGANIZATION id` };
  if (!isUuid(parsed.value)) return { ok: false, message: "does not contain a valid organization UUID" };
  // Every spelling of one org (any cluster, padding, URL-safe alphabet, case) gets the one canonical id.
  return { ok: true, value: { orgId: orgIdFromUuid(parsed.value), orgUuid: parsed.value.toLowerCase() } };
}

/** True when two ids name the same organization, whatever form each is in. */
export function sameOrg(a: string, b: string): boolean {
  const left = resolveOrgId(a);
  const right = resolveOrgId(b);
  return left.ok && right.ok && left.value.orgUuid === right.value.orgUuid;
}
