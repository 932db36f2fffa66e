/**
 * @module customers/access
 * Which customers an API key may see. A customer outside the key's scope is answered exactly like one that
 * does not exist (404), so a scoped key can't even learn that it is there.
 */
import { type AnyColumn, eq, type SQL } from "drizzle-orm";
import type { ApiPrincipal } from "../api-keys/principal.ts";
import { inList } from "../db/in-list.ts";
import { ApiError } from "../lib/errors.ts";
import type { Services } from "../lib/services.ts";
import { type CustomerRow, customers } from "./schema.ts";

export function canSeeCustomer(principal: ApiPrincipal, customerId: string): boolean {
  return principal.scope === "all" || principal.scope.includes(customerId);
}

/** A where-clause limiting customer ids to the key's scope (undefined = no limit). */
export function customerScopeFilter(principal: ApiPrincipal, column: AnyColumn): SQL | undefined {
  return principal.scope === "all" ? undefined : inList(column, principal.scope);
}

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
