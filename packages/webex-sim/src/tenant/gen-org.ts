import { webexId } from "../util/ids.ts";
import type { Obj } from "./collection.ts";
import { type GenCtx, isoDaysAgo, type LicenseKey } from "./context.ts";

const ROLE_NAMES = {
  full: "Full Administrator",
  readonly: "Readonly Administrator",
  user: "User and Device Administrator",
  device: "Device Administrator",
} as const;

const EXTRA_ROLES = ["Compliance Officer", "Support Administrator"];

export function generateOrgBasics(ctx: GenCtx): void {
  const { org, rng } = ctx;
  org.collections.organizations.add({
    id: org.id,
    displayName: org.displayName,
    created: isoDaysAgo(ctx, 2000),
  });
  for (const key of Object.keys(ROLE_NAMES) as (keyof typeof ROLE_NAMES)[]) {
    const id = webexId("ROLE", rng.uuid());
    ctx.roles[key] = id;
    org.collections.roles.add({ id, name: ROLE_NAMES[key] });
  }
  for (const name of EXTRA_ROLES) org.collections.roles.add({ id: webexId("ROLE", rng.uuid()), name });

  const subscription = `Sub-${rng.token(10)}`;
  const site = `${org.domain.split(".")[0]}.webex.com`;
  const license = (key: LicenseKey, name: string, extra: Obj = {}) => {
    const o: Obj = {
      id: webexId("LICENSE", `${rng.uuid()}:${key.toUpperCase()}_${rng.token(8)}`),
      name,
      totalUnits: 0,
      consumedUnits: 0,
      consumedByUsers: 0,
      consumedByWorkspaces: 0,
      subscriptionId: subscription,
      ...extra,
    };
    ctx.licenses[key] = o;
    org.collections.licenses.add(o);
  };
  license("professional", "Webex Calling - Professional");
  license("workspaces", "Webex Calling - Workspaces");
  license("basic", "Webex Calling - Basic");
  license("messaging", "Messaging");
  license("meetings", "Meeting - Webex Meeting Center", {
    siteUrl: site,
    siteType: "Control Hub managed site",
  });
}

/** Makes `consumedUnits` agree with the people and workspaces that hold each licence. */
export function finalizeLicenses(ctx: GenCtx): void {
  const byId = new Map<string, { users: number; workspaces: number }>();
  for (const l of ctx.org.collections.licenses.items) byId.set(String(l.id), { users: 0, workspaces: 0 });
  for (const p of ctx.org.collections.people.items) {
    for (const id of (p.licenses as string[] | undefined) ?? []) {
      const c = byId.get(id);
      if (c) c.users++;
    }
  }
  for (const w of ctx.org.collections.workspaces.items) {
    const calling = w.calling as { webexCalling?: { licenses?: string[] } } | undefined;
    for (const id of calling?.webexCalling?.licenses ?? []) {
      const c = byId.get(id);
      if (c) c.workspaces++;
    }
  }
  for (const l of ctx.org.collections.licenses.items) {
    const c = byId.get(String(l.id)) ?? { users: 0, workspaces: 0 };
    const consumed = c.users + c.workspaces;
    l.consumedUnits = consumed;
    l.consumedByUsers = c.users;
    l.consumedByWorkspaces = c.workspaces;
    l.totalUnits = Math.max(10, Math.ceil((consumed * 1.2) / 10) * 10);
  }
}

/** License assignees for `GET /licenses/{id}?includeAssignedTo=user`, computed from the people. */
export function licenseAssignees(people: Obj[], licenseId: string): Obj[] {
  const out: Obj[] = [];
  for (const p of people) {
    if (!((p.licenses as string[] | undefined) ?? []).includes(licenseId)) continue;
    const emails = p.emails as string[] | undefined;
    out.push({ id: p.id, type: "INTERNAL", displayName: p.displayName, email: emails?.[0] });
  }
  return out;
}
