import type { Hono } from "hono";
import type { SimState } from "../state.ts";
import type { Obj } from "../tenant/collection.ts";
import { badRequest, notFound } from "../util/errors.ts";
import { type Env, requireScope } from "./context.ts";
import { locateObject } from "./locate.ts";

type Definition = { default: unknown; valueSpace: Obj };

/** The RoomOS configuration keys every simulated device exposes (shapes from the spec's example). */
const DEFINITIONS: Record<string, Definition> = {
  "Audio.Ultrasound.MaxVolume": { default: 70, valueSpace: { type: "integer", maximum: 100, minimum: 0 } },
  "Conference.MaxReceiveCallRate": {
    default: 6000,
    valueSpace: { type: "integer", maximum: 6000, minimum: 64 },
  },
  "FacilityService.Service[1].Name": {
    default: "Live Support",
    valueSpace: { type: "string", maxLength: 1024, minLength: 0 },
  },
  "Video.Output.Connector[2].Resolution": {
    default: "Auto",
    valueSpace: {
      enum: ["1920_1080_50", "1920_1080_60", "3840_2160_30", "3840_2160_60", "Auto"],
      type: "string",
    },
  },
};

function view(deviceId: string, configured: Map<string, unknown> | undefined, keyFilter?: string): Obj {
  const items: Obj = {};
  for (const [key, def] of Object.entries(DEFINITIONS)) {
    if (keyFilter && !matchesKey(key, keyFilter)) continue;
    const value = configured?.get(key);
    const has = value !== undefined;
    items[key] = {
      value: has ? value : def.default,
      source: has ? "configured" : "default",
      sources: {
        default: { value: def.default, editability: { isEditable: false, reason: "FACTORY_DEFAULT" } },
        configured: { value: has ? value : null, editability: { isEditable: true } },
      },
      valueSpace: def.valueSpace,
    };
  }
  return { deviceId, items };
}

/** `key` may be exact, end in `*`, or use `[*]` for any index (documented wildcard forms). */
function matchesKey(key: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.[\]]/g, "\\$&")
      .replaceAll("\\[\\*\\]", "\\[\\d+\\]")
      .replaceAll("*", ".*")}$`,
  );
  return re.test(key);
}

function checkValue(def: Definition, value: unknown): void {
  const space = def.valueSpace;
  if (space.type === "integer") {
    if (typeof value !== "number" || !Number.isInteger(value)) throw badRequest("value must be an integer");
    if (value < Number(space.minimum) || value > Number(space.maximum))
      throw badRequest("value out of range");
  } else if (typeof value !== "string") throw badRequest("value must be a string");
  else if (Array.isArray(space.enum) && !space.enum.includes(value))
    throw badRequest("value not in valueSpace");
}

export function registerDeviceConfigurations(app: Hono<Env>, sim: SimState): void {
  app.get("/deviceConfigurations", (c) => {
    requireScope(c, ["spark-admin:devices_read"]);
    const deviceId = c.req.query("deviceId");
    if (!deviceId) throw badRequest("deviceId is required");
    const { org } = locateObject(sim, c, "devices", deviceId);
    return c.json(view(deviceId, org.deviceConfigs.get(deviceId), c.req.query("key")));
  });

  app.patch("/deviceConfigurations", async (c) => {
    requireScope(c, ["spark-admin:devices_write"]);
    const deviceId = c.req.query("deviceId");
    if (!deviceId) throw badRequest("deviceId is required");
    const { org } = locateObject(sim, c, "devices", deviceId);
    let ops: unknown;
    try {
      ops = await c.req.json();
    } catch {
      throw badRequest("The request body is not valid JSON.");
    }
    if (!Array.isArray(ops)) throw badRequest("Expected a JSON Patch array");
    const configured = new Map(org.deviceConfigs.get(deviceId) ?? []);
    for (const op of ops as Obj[]) {
      const m = String(op.path ?? "").match(/^(.+)\/sources\/configured\/value$/);
      const key = m?.[1];
      const def = key ? DEFINITIONS[key] : undefined;
      if (!key || !def) throw notFound(`configuration ${String(op.path)}`);
      if (op.op === "remove") configured.delete(key);
      else if (op.op === "replace") {
        checkValue(def, op.value);
        configured.set(key, op.value);
      } else throw badRequest(`Unsupported op ${String(op.op)}`);
    }
    org.deviceConfigs.set(deviceId, configured);
    return c.json(view(deviceId, configured), 201);
  });
}
