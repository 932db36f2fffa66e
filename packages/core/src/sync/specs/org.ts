/** The organization, its roles, licences and calling profiles. */
import type { ModelName } from "../../models/catalog.ts";
import { num, str } from "../item.ts";
import { byId, enc, type ModelSpec, named } from "./shared.ts";

export const ORG_SPECS = {
  Organization: {
    name: "Organization",
    fetch: { kind: "single", path: (orgId) => `/organizations/${enc(orgId)}` },
    id: byId,
    label: (i) => str(i.displayName),
    columns: { displayName: (i) => str(i.displayName), created: (i) => str(i.created) },
  },
  Role: named("Role", { kind: "list", path: "/roles", itemKey: "items" }, {}),
  License: named(
    "License",
    { kind: "list", path: "/licenses", itemKey: "items" },
    {
      totalUnits: (i) => num(i.totalUnits),
      consumedUnits: (i) => num(i.consumedUnits),
      consumedByUsers: (i) => num(i.consumedByUsers),
      consumedByWorkspaces: (i) => num(i.consumedByWorkspaces),
      subscriptionId: (i) => str(i.subscriptionId),
    },
  ),
  CallingProfile: named(
    "CallingProfile",
    { kind: "list", path: "/telephony/config/callingProfiles", itemKey: "callingProfiles" },
    {},
  ),
} satisfies Partial<Record<ModelName, ModelSpec>>;
