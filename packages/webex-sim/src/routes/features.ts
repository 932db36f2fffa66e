import type { Hono } from "hono";
import type { SimState } from "../state.ts";
import { nested, type Obj, str } from "../tenant/collection.ts";
import {
  type Line,
  PERSON_FEATURES,
  readFeature,
  WORKSPACE_FEATURES,
  WORKSPACE_TELEPHONY_FEATURES,
  writeFeature,
} from "../tenant/features.ts";
import { workNumber } from "../tenant/gen-calling.ts";
import type { Org } from "../tenant/types.ts";
import { notFound } from "../util/errors.ts";
import { type Ctx, type Env, jsonBody, requireScope } from "./context.ts";
import { locateObject } from "./locate.ts";

const PEOPLE_READ = ["spark-admin:people_read"];
const PEOPLE_WRITE = ["spark-admin:people_write"];
const WS_READ = ["spark-admin:workspaces_read"];
const WS_WRITE = ["spark-admin:workspaces_write"];
const TEL_READ = ["spark-admin:telephony_config_read"];
const TEL_WRITE = ["spark-admin:telephony_config_write"];

function locationLine(
  org: Org,
  locationId: unknown,
): Pick<Line, "routingPrefix" | "locationNumber" | "locationName"> {
  const tl = org.collections.telephonyLocations.get(String(locationId));
  if (!tl) return {};
  return {
    routingPrefix: str(tl, "routingPrefix"),
    locationNumber: str(nested(tl, "callingLineId") ?? {}, "phoneNumber"),
    locationName: str(tl, "name"),
  };
}

/** A calling person as a Line; people without Webex Calling have no call settings (404, like Webex). */
function personLine(sim: SimState, c: Ctx): { org: Org; line: Line } {
  const { org, obj: p } = locateObject(sim, c, "people", c.req.param("id") ?? "");
  if (typeof p.extension !== "string" && !workNumber(p)) throw notFound("Webex Calling user");
  const line: Line = {
    id: String(p.id),
    firstName: String(p.firstName ?? ""),
    lastName: String(p.lastName ?? ""),
    email: (p.emails as string[] | undefined)?.[0],
    did: workNumber(p),
    extension: str(p, "extension"),
    ...locationLine(org, p.locationId),
  };
  return { org, line };
}

function workspaceLine(sim: SimState, c: Ctx): { org: Org; line: Line } {
  const { org, obj: w } = locateObject(sim, c, "workspaces", c.req.param("id") ?? "");
  if (str(nested(w, "calling") ?? {}, "type") !== "webexCalling") throw notFound("Webex Calling workspace");
  const byOwner = org.collections.numbers.groupBy("owner", (n) => str(nested(n, "owner") ?? {}, "id"));
  const row: Obj | undefined = byOwner.get(String(w.id))?.[0];
  const line: Line = {
    id: String(w.id),
    firstName: String(w.displayName ?? ""),
    lastName: ".",
    did: row ? str(row, "phoneNumber") || undefined : undefined,
    extension: row ? str(row, "extension") : undefined,
    ...locationLine(org, w.locationId),
  };
  return { org, line };
}

type LineOf = (sim: SimState, c: Ctx) => { org: Org; line: Line };

function featureRoutes(
  app: Hono<Env>,
  sim: SimState,
  base: string,
  features: string[],
  lineOf: LineOf,
  read: string[],
  write: string[],
) {
  for (const feature of features) {
    app.get(`${base}/${feature}`, (c) => {
      requireScope(c, read);
      const { org, line } = lineOf(sim, c);
      return c.json(readFeature(org, line, feature));
    });
    app.put(`${base}/${feature}`, async (c) => {
      requireScope(c, write);
      const { org, line } = lineOf(sim, c);
      writeFeature(org, line, feature, await jsonBody(c));
      return c.body(null, 204);
    });
  }
}

/** Per-person (UserConfig) and per-workspace call settings, one GET and one PUT per feature. */
export function registerFeatures(app: Hono<Env>, sim: SimState): void {
  featureRoutes(app, sim, "/people/:id/features", PERSON_FEATURES, personLine, PEOPLE_READ, PEOPLE_WRITE);
  featureRoutes(app, sim, "/workspaces/:id/features", WORKSPACE_FEATURES, workspaceLine, WS_READ, WS_WRITE);
  featureRoutes(
    app,
    sim,
    "/telephony/config/workspaces/:id",
    WORKSPACE_TELEPHONY_FEATURES,
    workspaceLine,
    TEL_READ,
    TEL_WRITE,
  );
  featureRoutes(app, sim, "/telephony/config/people/:id", ["musicOnHold"], personLine, TEL_READ, TEL_WRITE);

  app.get("/telephony/config/people/:id", (c) => {
    requireScope(c, TEL_READ);
    const { org, line } = personLine(sim, c);
    const stored = org.features.get(line.id)?.get("telephony");
    const person = org.collections.people.get(line.id);
    return c.json(stored ?? { announcementLanguage: "en_us", timeZone: person?.timezone });
  });
  app.put("/telephony/config/people/:id", async (c) => {
    requireScope(c, TEL_WRITE);
    const { org, line } = personLine(sim, c);
    const person = org.collections.people.get(line.id);
    const current = org.features.get(line.id)?.get("telephony") ?? {
      announcementLanguage: "en_us",
      timeZone: person?.timezone,
    };
    const next = { ...current, ...(await jsonBody(c)) };
    const perEntity = org.features.get(line.id) ?? new Map<string, Obj>();
    perEntity.set("telephony", next);
    org.features.set(line.id, perEntity);
    return c.body(null, 204);
  });
}
