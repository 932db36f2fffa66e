import type { Hono } from "hono";
import { pick, SCOPES } from "../models/registry.ts";
import type { SimState } from "../state.ts";
import { nested, type Obj, str } from "../tenant/collection.ts";
import { notFound } from "../util/errors.ts";
import {
  actingOrg,
  type Ctx,
  type Env,
  linkBase,
  requireScope,
  sendCachedPage,
  sendPage,
} from "./context.ts";
import { locateObject } from "./locate.ts";
import { paginate } from "./paging.ts";

const NUMBERS_PAGING = { style: "offset" as const, defaultMax: 2000, maxMax: 2000 };
const ANNOUNCEMENT_LIST_KEYS = [
  "id",
  "name",
  "fileName",
  "fileSize",
  "mediaFileType",
  "lastUpdated",
  "level",
  "location",
  "isTextToSpeech",
];

function numberCounts(rows: readonly Obj[]): Obj {
  const count = {
    assigned: 0,
    unAssigned: 0,
    inActive: 0,
    extensionOnly: 0,
    tollFreeNumbers: 0,
    total: 0,
    mobileNumber: 0,
    serviceNumber: 0,
  };
  for (const n of rows) {
    count.total++;
    if (n.owner) count.assigned++;
    else count.unAssigned++;
    if (n.state === "INACTIVE") count.inActive++;
    if (!n.phoneNumber) count.extensionOnly++;
    if (n.tollFreeNumber === true) count.tollFreeNumbers++;
    if (n.includedTelephonyTypes === "MOBILE_NUMBER") count.mobileNumber++;
    if (n.isServiceNumber === true) count.serviceNumber++;
  }
  return count;
}

/** Numbers and announcements: lists whose filters do not fit the generic registry. */
export function registerTelephonyLists(app: Hono<Env>, sim: SimState): void {
  app.get("/telephony/config/numbers", (c) => {
    requireScope(c, SCOPES.telephony);
    const org = actingOrg(sim, c);
    const q = (n: string) => c.req.query(n) || undefined;
    const checks: ((o: Obj) => boolean)[] = [];
    const locationId = q("locationId");
    const ownerId = q("ownerId");
    const ownerType = q("ownerType");
    const ownerName = q("ownerName")?.toLowerCase();
    const phoneNumber = q("phoneNumber");
    const extension = q("extension");
    const state = q("state");
    const available = q("available");
    const numberType = q("numberType");
    if (locationId) checks.push((o) => str(nested(o, "location") ?? {}, "id") === locationId);
    if (ownerId) checks.push((o) => str(nested(o, "owner") ?? {}, "id") === ownerId);
    if (ownerType) checks.push((o) => str(nested(o, "owner") ?? {}, "type") === ownerType);
    if (ownerName) {
      checks.push((o) => {
        const owner = nested(o, "owner");
        return (
          !!owner && `${str(owner, "firstName")} ${str(owner, "lastName")}`.toLowerCase().includes(ownerName)
        );
      });
    }
    if (phoneNumber) checks.push((o) => (str(o, "phoneNumber") ?? "").includes(phoneNumber));
    if (extension) checks.push((o) => o.extension === extension);
    if (state) checks.push((o) => o.state === state);
    if (available === "true") checks.push((o) => !o.owner);
    if (available === "false") checks.push((o) => !!o.owner);
    if (numberType === "NUMBER") checks.push((o) => !!o.phoneNumber);
    if (numberType === "EXTENSION") checks.push((o) => !o.phoneNumber);
    const filter = checks.length ? (o: Obj) => checks.every((f) => f(o)) : undefined;
    const source = org.collections.numbers.items;
    const page = paginate(
      new URL(c.req.url),
      linkBase(sim, c),
      source,
      NUMBERS_PAGING,
      filter,
      c.get("pageFaults"),
    );
    const extra: Obj = {};
    if (c.req.query("details") === "true")
      extra.count = numberCounts(filter ? source.filter(filter) : source);
    return sendCachedPage(c, "phoneNumbers", page, "numbers:list", (o) => pick(o, undefined), extra);
  });

  // locationId: absent → organization-level only; "all"; "locations" (every location-level one); or one location.
  app.get("/telephony/config/announcements", (c) => {
    requireScope(c, SCOPES.telephony);
    const org = actingOrg(sim, c);
    const loc = c.req.query("locationId") || undefined;
    const checks: ((o: Obj) => boolean)[] = [];
    if (!loc) checks.push((o) => o.level === "ORGANIZATION");
    else if (loc === "locations") checks.push((o) => o.level === "LOCATION");
    else if (loc !== "all") checks.push((o) => str(nested(o, "location") ?? {}, "id") === loc);
    for (const key of ["fileName", "name", "mediaFileType"] as const) {
      const v = c.req.query(key);
      if (v) checks.push((o) => (str(o, key) ?? "").toLowerCase().includes(v.toLowerCase()));
    }
    const paging = { style: "offset" as const, defaultMax: 2000, maxMax: 2000 };
    const filter = (o: Obj) => checks.every((f) => f(o));
    const page = paginate(
      new URL(c.req.url),
      linkBase(sim, c),
      org.collections.announcements.items,
      paging,
      filter,
      c.get("pageFaults"),
    );
    return sendCachedPage(c, "announcements", page, "announcements:list", (o) =>
      pick(o, ANNOUNCEMENT_LIST_KEYS),
    );
  });

  const announcementDetail = (locationScoped: boolean) => (c: Ctx) => {
    requireScope(c, SCOPES.telephony);
    const org = actingOrg(sim, c);
    const a = org.collections.announcements.get(c.req.param("id") ?? "");
    const locationId = c.req.param("locationId");
    if (!a) throw notFound("announcement");
    if (locationScoped && str(nested(a, "location") ?? {}, "id") !== locationId)
      throw notFound("announcement");
    if (!locationScoped && a.level !== "ORGANIZATION") throw notFound("announcement");
    const { level: _level, location: _location, ...detail } = pick(a, undefined);
    return c.json(detail);
  };
  app.get("/telephony/config/announcements/:id", announcementDetail(false));

  app.get("/telephony/config/premisePstn/dialPlans/:id/dialPatterns", (c) => {
    requireScope(c, SCOPES.telephony);
    const { obj } = locateObject(sim, c, "dialPlans", c.req.param("id"));
    const filter = c.req.query("dialPattern");
    const rows = ((obj.dialPatterns as string[] | undefined) ?? [])
      .filter((p) => !filter || p.includes(filter))
      .map((dialPattern) => ({ dialPattern }));
    const paging = { style: "offset" as const, defaultMax: 2000, maxMax: 2000 };
    const page = paginate(new URL(c.req.url), linkBase(sim, c), rows, paging, undefined, c.get("pageFaults"));
    return sendPage(
      c,
      "dialPatterns",
      page,
      page.items.map((r) => String(r.dialPattern)),
    );
  });
  app.get("/telephony/config/locations/:locationId/announcements/:id", announcementDetail(true));
}
