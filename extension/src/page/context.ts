/**
 * @module page/context
 * What the admin.webex.com page on screen is: Control Hub or Partner Hub, which list it shows, and which
 * customer org it names in its URL — read from the URL only, never from Control Hub's own storage or tokens.
 */
import type { ModelName } from "@wxsync/core/models";

export type PageKind = "users" | "numbers" | "devices" | "locations" | "workspaces" | "other";
export type PageContext = { hub: "control" | "partner"; page: PageKind; orgHint: string | null };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function pageContext(href: string): PageContext {
  const url = new URL(href);
  const path = url.pathname.toLowerCase();
  const hub = path === "/partner" || path.startsWith("/partner/") ? "partner" : "control";
  const segments = path.split("/").filter(Boolean);
  const page: PageKind = segments.includes("users")
    ? "users"
    : segments.includes("numbers")
      ? "numbers"
      : segments.includes("devices")
        ? "devices"
        : segments.includes("locations")
          ? "locations"
          : segments.includes("workspaces")
            ? "workspaces"
            : "other";
  // Control Hub names the org being managed in `?orgId=` (a UUID or the API's base64 id); Partner Hub's
  // customer pages carry the customer org's UUID in the path.
  const fromQuery = url.searchParams.get("orgId");
  const fromPath = segments.includes("customers") ? (url.pathname.match(UUID)?.[0] ?? null) : null;
  return { hub, page, orgHint: fromQuery || fromPath };
}

/** The UUID inside a Webex org id, whether given as a UUID or as the base64 `ciscospark://…/ORGANIZATION/<uuid>`. */
export function orgUuidOf(hint: string): string | null {
  const direct = hint.match(UUID)?.[0];
  if (direct) return direct.toLowerCase();
  try {
    const decoded = atob(hint.replace(/-/g, "+").replace(/_/g, "/"));
    return decoded.match(UUID)?.[0]?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}

export function findCustomer<C extends { orgUuid: string; orgId: string }>(
  customers: C[],
  hint: string | null,
): C | null {
  if (!hint) return null;
  const uuid = orgUuidOf(hint);
  return (
    customers.find((c) => c.orgId === hint || (uuid !== null && c.orgUuid.toLowerCase() === uuid)) ?? null
  );
}

/** The export that fits the page: the users page exports users, the numbers page the number inventory… */
export const PAGE_EXPORTS: Record<Exclude<PageKind, "other">, { label: string; model: ExportKind }> = {
  users: { label: "users", model: "User" },
  numbers: { label: "number inventory", model: "NumberInventory" },
  devices: { label: "devices", model: "Device" },
  locations: { label: "locations", model: "Location" },
  workspaces: { label: "workspaces", model: "Place" },
};

/** Exports beyond one model's table: the number inventory, and partner → location → owner → device. */
export type ExportKind = ModelName | "NumberInventory" | "Hierarchy";

export function exportPath(customerId: string, model: ExportKind): string {
  const base = `/api/v1/customers/${encodeURIComponent(customerId)}`;
  if (model === "NumberInventory") return `${base}/number-inventory.csv?bom=true`;
  if (model === "Hierarchy") return `${base}/hierarchy.csv?bom=true`;
  return `${base}/models/${model}.csv?bom=true`;
}
