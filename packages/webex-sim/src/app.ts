import { Hono } from "hono";
import { registerBroadWorks } from "./broadworks/routes.ts";
import { registerControl } from "./control/routes.ts";
import { errorResponse, realism, tracking } from "./faults/middleware.ts";
import { requireToken } from "./oauth/auth.ts";
import { registerOAuth } from "./oauth/routes.ts";
import { registerServiceApp } from "./oauth/service-app.ts";
import { resolveOptions, type SimulatorOptions } from "./options.ts";
import type { Env } from "./routes/context.ts";
import { registerDeviceConfigurations } from "./routes/device-config.ts";
import { registerDevices } from "./routes/devices.ts";
import { registerFeatures } from "./routes/features.ts";
import { registerGeneric } from "./routes/generic.ts";
import { registerGroups } from "./routes/groups.ts";
import { registerLocationActions } from "./routes/location-actions.ts";
import { registerOrgRoutes } from "./routes/org.ts";
import { registerPeople } from "./routes/people.ts";
import { registerTelephonyLists } from "./routes/telephony-lists.ts";
import { registerWorkspaces } from "./routes/workspaces.ts";
import { SimState } from "./state.ts";
import { newTrackingId, notFound } from "./util/errors.ts";

export type { SimulatorOptions } from "./options.ts";

/** The Webex API proper, mounted under /v1; every route needs a bearer token. */
function webexApi(sim: SimState): Hono<Env> {
  const api = new Hono<Env>();
  api.use("*", requireToken(sim));
  registerServiceApp(api, sim);
  registerOrgRoutes(api, sim);
  registerPeople(api, sim);
  registerFeatures(api, sim);
  registerGroups(api, sim);
  registerWorkspaces(api, sim);
  registerDevices(api, sim);
  registerLocationActions(api, sim);
  registerDeviceConfigurations(api, sim);
  registerTelephonyLists(api, sim);
  registerBroadWorks(api, sim);
  registerGeneric(api, sim, new Set(["workspaces"]));
  return api;
}

/** Builds the simulator as a plain Hono app, so it runs unchanged in Node and in workerd. */
export function createSimulator(options: SimulatorOptions = {}) {
  const sim = new SimState(resolveOptions(options));
  const app = new Hono<Env>();
  app.onError((err, c) => errorResponse(err, c.get("trackingId") ?? newTrackingId()));
  app.notFound((c) => errorResponse(notFound(), c.get("trackingId") ?? newTrackingId()));
  app.use("*", tracking(sim));
  registerControl(app, sim);
  app.use("/v1/*", realism(sim));
  registerOAuth(app, sim);
  app.route("/v1", webexApi(sim));
  return Object.assign(app, { sim });
}

export type Simulator = ReturnType<typeof createSimulator>;
