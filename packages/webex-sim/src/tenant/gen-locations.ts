import { TEAM_CLUSTER, webexId } from "../util/ids.ts";
import { addNumber, type GenCtx, type LocInfo, nextDid } from "./context.ts";
import { CITIES, STREETS } from "./names.ts";

/** Locations (~1 per 200 users) with floors, calling details, and the deprecated workspace locations. */
export function generateLocations(ctx: GenCtx): void {
  const { org, rng } = ctx;
  const count = Math.max(1, Math.round(ctx.users / 200));
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const city = CITIES[(i + ctx.orgIndex * 5) % CITIES.length] ?? CITIES[0]!;
    const n = (seen.get(city.city) ?? 0) + 1;
    seen.set(city.city, n);
    const name = n === 1 ? city.city : `${city.city} ${n}`;
    const uuid = rng.uuid();
    const id = webexId("LOCATION", uuid);
    const street = `${rng.int(1, 9999)} ${rng.pick(STREETS)}`;
    org.collections.locations.add({
      id,
      name,
      orgId: org.id,
      address: {
        address1: street,
        address2: `Suite ${rng.int(100, 999)}`,
        city: city.city,
        state: city.state,
        postalCode: city.postalCode,
        country: "US",
      },
      timeZone: city.timeZone,
      preferredLanguage: "en_us",
      latitude: city.latitude,
      longitude: city.longitude,
      notes: `${street} ${name} location`,
    });

    const loc: LocInfo = {
      id,
      name,
      city,
      routingPrefix: String(8000 + i),
      areaCode: city.areaCode,
      exchange: String(200 + ((ctx.orgIndex * 97 + i) % 790)),
      nextDid: 1000,
      nextExt: new Map(),
      floorIds: [],
      workspaceLocationId: webexId("WORKSPACE_LOCATION", `${rng.uuid()}#${uuid}`, TEAM_CLUSTER),
      mainNumber: "",
      people: [],
    };
    ctx.locs.push(loc);

    const floors = rng.int(1, 3);
    for (let f = 0; f < floors; f++) {
      const floorId = webexId("WORKSPACE_LOCATION_FLOOR", rng.uuid(), TEAM_CLUSTER);
      loc.floorIds.push(floorId);
      const displayName = f === 0 ? "Ground floor" : `Floor ${f}`;
      org.collections.floors.add({ id: floorId, locationId: id, floorNumber: f, displayName });
      org.collections.workspaceLocationFloors.add({
        id: floorId,
        locationId: loc.workspaceLocationId,
        floorNumber: f,
        displayName,
      });
    }
    org.collections.workspaceLocations.add({
      id: loc.workspaceLocationId,
      locationId: id,
      displayName: name,
      address: `${street}, ${city.city}, ${city.state} ${city.postalCode}, US`,
      countryCode: "US",
      cityName: city.city,
      latitude: Number(city.latitude),
      longitude: Number(city.longitude),
      notes: `Workspace location for ${name}`,
    });

    if (ctx.lean) continue;
    loc.mainNumber = nextDid(loc);
    addNumber(ctx, loc, { phoneNumber: loc.mainNumber, mainNumber: true });
    org.collections.telephonyLocations.add({
      id,
      name,
      announcementLanguage: "en_us",
      routingPrefix: loc.routingPrefix,
      callingLineId: { name: `${org.displayName} ${name}`, phoneNumber: loc.mainNumber },
      subscriptionId: `Sub-${rng.token(8)}`,
      externalCallerIdName: `${org.displayName}-${name}`.slice(0, 30),
      userLimit: 500000,
      outsideDialDigit: "9",
      pAccessNetworkInfo: `${city.city}-${city.state}`,
      defaultDomain: `${rng.int(10000000, 99999999)}.int10.bcld.webex.com`,
      chargeNumber: loc.mainNumber,
      enforceOutsideDialDigit: false,
      useChargeNumberForPChargeInfo: false,
      e911SetupRequired: rng.chance(0.1),
    });
  }
}
