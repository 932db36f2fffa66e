/** The organization, its roles, licences and calling profiles. */
import type { ModelName } from "../../models/catalog.ts";
import { num, str } from "../item.ts";
import { byId, enc, type ModelSpec } from "./shared.ts";

export const ORG_SPECS = {
  Organization: {
    name: "Organization",
    fetch: { kind: "single", path: (orgId) => `/organizations/${enc(orgId)}` },
    id: byId,
    label: (i) => str(i.displayName),
    columns: { displayName: (i) => str(i.displayName), created: (i) => str(i.created) },
  },
  Role: {
    name: "Role",
    fetch: { kind: "list", path: "/roles", itemKey: "items" },
    id: byId,
    label: (i) => str(i.name),
    columns: { name: (i) => str(i.name) },
  },
  License: {
    name: "License",
    fetch: { kind: "list", path: "/licenses", itemKey: "items" },
    id: byId,
    label: (i) => str(i.name),
    columns: {
      name: (i) => str(i.name),
      totalUnits: (i) => num(i.totalUnits),
      consumedUnits: (i) => num(i.consumedUnits),
      consumedByUsers: (i) => num(i.consumedByUsers),
      consumedByWorkspaces: (i) => num(i.consumedByWorkspaces),
      subscriptionId: (i) => str(i.subscriptionId),
    },
  },
  CallingProfile: {
    name: "CallingProfile",
    fetch: { kind: "list", path: "/telephony/config/callingProfiles", itemKey: "callingProfiles" },
    id: byId,
    label: (i) => str(i.name),
    columns: { name: (i) => str(i.name) },
  },
} satisfies Partial<Record<ModelName, ModelSpec>>;
