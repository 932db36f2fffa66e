import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import type { ModelName, Org } from "../tenant/types.ts";
import { notFound } from "../util/errors.ts";
import { actingOrg, type Ctx } from "./context.ts";

/**
 * An object by id in the acting org. Webex ids are global, so a partner token that leaves out `orgId` still
 * finds objects in its customers' orgs.
 */
export function locateObject(sim: SimState, c: Ctx, model: ModelName, key: string): { org: Org; obj: Obj } {
  const org = actingOrg(sim, c);
  const own = org.collections[model].get(key);
  if (own) return { org, obj: own };
  if (org.isPartner && !c.req.query("orgId")) {
    for (const other of sim.tenant.customers) {
      const obj = other.collections[model].get(key);
      if (obj) return { org: other, obj };
    }
  }
  throw notFound();
}
