/**
 * @module access
 * Who may do what: the calling key (its role and customer scope) and the rules every route applies to it.
 *
 * The rules (R1–R7 of issue 14), with the decisions that make them exact:
 * - R1 Roles rank viewer < operator < admin; a scope is "all" or a list of customer ids.
 * - R2 A key creates, lists or revokes only keys within its reach (`keyWithin`): role not above its own, scope
 *   a subset of its own ("all" only for an "all" key). Outside it: absent from lists, 404 on revoke, 403
 *   FORBIDDEN naming `body.scope` or `body.role` on create. The scope check comes before "no customer with id",
 *   so a scoped key can't probe for customer ids with it.
 * - R3 Creating or deleting a customer and changing global model type lists need an unscoped admin: a scoped key
 *   gets 403 "needs a key for all customers" for every id (its own, another's, a missing one), checked before the
 *   customer is loaded, so the answer never depends on what exists (R4 holds: every id gets the same answer).
 *   Everything under /api/v1/partners needs an unscoped key and answers 404 to a scoped one (the list answers an
 *   empty page); the role each partner route needs is unchanged (e.g. an unscoped viewer may read the hierarchy).
 * - R4 A customer outside the scope is answered exactly like a missing one (404), on every route (`loadCustomer`).
 * - R5 Org ids are compared by lower-case UUID; a customer's org can't change once it has its own grant, a
 *   partner, sync runs, synced rows or SIP credentials (409 naming `body.organizationId`).
 * - R6 The partner's token reaches a customer's org only if the partner's managed list, as last read from Webex,
 *   holds it (partners/managed-orgs.ts); refusals say so, as a 409 or as the run's error.
 * - R7 A 409 from a UNIQUE clash tells a scoped key only that the value is not available (lib/conflict.ts).
 */
import type { ApiKeyRole } from "@wxsync/core/api-keys";
import { type AnyColumn, eq, type SQL } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { type CustomerRow, customers } from "../customers/schema.ts";
import { inList } from "../db/in-list.ts";
import type { AppEnv } from "./app-env.ts";
import { ApiError } from "./errors.ts";
import type { Services } from "./services.ts";

/** Who is calling: the API key that authenticated the request, without anything secret. */
export type ApiPrincipal = {
  keyId: string;
  name: string;
  role: ApiKeyRole;
  /** Customer ids the key may see, or "all". */
  scope: "all" | string[];
  /** The key's own requests-per-minute limit; null means RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute?: number | null;
};

const rank: Record<ApiKeyRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(role: ApiKeyRole, needed: ApiKeyRole): boolean {
  return rank[role] >= rank[needed];
}

/** The roles a key with `role` may hand out or see: its own and those below it. */
export function rolesUpTo(role: ApiKeyRole): ApiKeyRole[] {
  return (Object.keys(rank) as ApiKeyRole[]).filter((r) => roleAllows(role, r));
}

/** R2: whether a key with this role and scope is within the principal's reach. */
export function keyWithin(
  principal: ApiPrincipal,
  key: { role: ApiKeyRole; scope: "all" | readonly string[] },
): boolean {
  if (!roleAllows(principal.role, key.role)) return false;
  if (principal.scope === "all") return true;
  const own = principal.scope;
  return key.scope !== "all" && key.scope.every((id) => own.includes(id));
}

export const NEEDS_ALL_CUSTOMERS =
  "This needs a key for all customers; the API key is scoped to some customers.";

function refuse(principal: ApiPrincipal, needed: ApiKeyRole, allCustomers: boolean) {
  if (!roleAllows(principal.role, needed)) {
    throw new ApiError(
      "FORBIDDEN",
      `This needs the ${needed} role; the API key has the ${principal.role} role.`,
    );
  }
  if (allCustomers && principal.scope !== "all") throw new ApiError("FORBIDDEN", NEEDS_ALL_CUSTOMERS);
}

/** R3: customer create/delete and global model type lists. */
export function requireUnscopedAdmin(principal: ApiPrincipal) {
  refuse(principal, "admin", true);
}

/** Route middleware that refuses a request before its handler runs; carries what role-docs.ts documents. */
export type AccessGate = MiddlewareHandler<AppEnv> & { role: ApiKeyRole; allCustomers: boolean };

const gate = (role: ApiKeyRole, allCustomers: boolean, check: (principal: ApiPrincipal) => void) =>
  Object.assign(
    async function requireRole(c: Context<AppEnv>, next: () => Promise<void>) {
      check(c.get("principal"));
      return next();
    },
    { role, allCustomers },
  ) satisfies AccessGate;

/** Refuses the request unless the caller's role is at least `needed`. */
export const requireRole = (needed: ApiKeyRole): AccessGate =>
  gate(needed, false, (principal) => refuse(principal, needed, false));

/** `requireUnscopedAdmin` as route middleware (R3). */
export const unscopedAdminOnly = (): AccessGate => gate("admin", true, requireUnscopedAdmin);

export function canSeeCustomer(principal: ApiPrincipal, customerId: string): boolean {
  return principal.scope === "all" || principal.scope.includes(customerId);
}

/** A where-clause limiting customer ids to the key's scope (undefined = no limit). */
export function customerScopeFilter(principal: ApiPrincipal, column: AnyColumn): SQL | undefined {
  return principal.scope === "all" ? undefined : inList(column, principal.scope);
}

/** R4: the customer, or the same 404 whether it is missing or outside the key's scope. */
export async function loadCustomer(
  services: Services,
  principal: ApiPrincipal,
  id: string,
): Promise<CustomerRow> {
  const row = canSeeCustomer(principal, id)
    ? await services.db.select().from(customers).where(eq(customers.id, id)).get()
    : undefined;
  if (!row) throw new ApiError("NOT_FOUND", `No customer with id ${id}.`);
  return row;
}

/** Partners span customers, so only keys that see every customer see partners. */
export function requireAllCustomers(principal: ApiPrincipal) {
  if (principal.scope !== "all") throw new ApiError("NOT_FOUND", "No such partner.");
}

/** R3 for partners, by path: role-docs.ts says so on every route under it. */
export const PARTNER_PATHS = "/api/v1/partners";
