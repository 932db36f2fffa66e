import { webexId } from "../util/ids.ts";
import type { Obj } from "./collection.ts";
import { addNumber, type GenCtx, nextDid } from "./context.ts";

/** Premises PSTN (trunks, route groups, dial plans), UC calling profiles, and the unassigned number pool. */
export function generateRouting(ctx: GenCtx): void {
  if (ctx.lean) return;
  const { org, rng } = ctx;
  const customer = { id: org.id, name: org.displayName };
  const trunks: Obj[] = [];
  const trunkCount = ctx.locs.length >= 3 ? 2 : 1;
  for (let t = 0; t < trunkCount; t++) {
    const loc = ctx.locs[t] ?? ctx.locs[0]!;
    const name = `${loc.name} LGW ${t + 1}`;
    const user = `lgu_${rng.token(8)}`;
    const domain = `${rng.int(10000000, 99999999)}.int10.bcld.webex.com`;
    const trunk: Obj = {
      id: webexId("TRUNK", rng.uuid()),
      name,
      customer,
      location: { id: loc.id, name: loc.name },
      otgDtgId: `${user}_otg`,
      linePort: `${user}@${domain}`,
      locationsUsingTrunk: [{ id: loc.id, name: loc.name }],
      pilotUserId: `${user}@${domain}`,
      outboundProxy: { outboundProxy: `hs${rng.int(1, 30)}.hosted-int.bcld.webex.com` },
      sipAuthenticationUserName: user,
      status: rng.pick(["ONLINE", "ONLINE", "OFFLINE"]),
      errorCodes: [],
      dualIdentitySupportEnabled: false,
      inUse: true,
      trunkType: "REGISTERING",
      isRestrictedToDedicatedInstance: false,
      deviceType: "Cisco Unified Border Element",
      maxConcurrentCalls: 250,
      pChargeInfoSupportPolicy: "DISABLED",
    };
    trunks.push(trunk);
    org.collections.trunks.add(trunk);
  }
  const routeGroup: Obj = {
    id: webexId("ROUTE_GROUP", rng.uuid()),
    name: `${org.displayName} Route Group`,
    inUse: true,
    organization: customer,
    localGateways: trunks.map((t, i) => ({
      id: t.id,
      name: t.name,
      locationId: (t.location as Obj).id,
      priority: i + 1,
    })),
  };
  org.collections.routeGroups.add(routeGroup);
  const plans: [string, Obj, string, string[]][] = [
    ["Premises Dial Plan", routeGroup, "ROUTE_GROUP", ["+1555XXXXXXX", "+1556XXXXXXX", "7XXX"]],
    ["Branch Dial Plan", trunks[0]!, "TRUNK", [`+1${rng.int(200, 999)}XXXXXXX`]],
  ];
  for (const [name, route, routeType, dialPatterns] of plans) {
    org.collections.dialPlans.add({
      id: webexId("DIAL_PLAN", rng.uuid()),
      name,
      routeId: route.id,
      routeName: route.name,
      routeType,
      customer,
      // Served by /dialPlans/{id}/dialPatterns only; not part of the dial plan's own views.
      dialPatterns,
    });
  }
  for (const [i, loc] of ctx.locs.entries()) {
    if (i % 3 !== 1) continue;
    const tl = org.collections.telephonyLocations.get(loc.id);
    if (tl)
      org.collections.telephonyLocations.put({
        ...tl,
        connection: { type: "ROUTE_GROUP", id: routeGroup.id },
      });
  }
  for (let p = 1; p <= 2; p++) {
    org.collections.callingProfiles.add({
      id: webexId("CALLING_PROFILE", rng.uuid()),
      name: `UC Profile${p}`,
    });
  }

  // About 1.5 numbers per user overall: top the pool up with unassigned numbers, some not yet activated.
  const target = Math.round(ctx.users * 1.5);
  let i = 0;
  while (org.collections.numbers.size < target) {
    const loc = ctx.locs[i++ % ctx.locs.length]!;
    addNumber(ctx, loc, { phoneNumber: nextDid(loc), state: rng.chance(0.25) ? "INACTIVE" : "ACTIVE" });
  }
}
