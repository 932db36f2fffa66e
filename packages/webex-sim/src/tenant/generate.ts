import { generateEnterprises } from "../broadworks/generate.ts";
import { orgIdOf } from "../util/ids.ts";
import { Prng } from "../util/prng.ts";
import { emptyCollections, type GenCtx } from "./context.ts";
import { generateCallingFeatures } from "./gen-calling.ts";
import { generateWorkspacesAndDevices } from "./gen-devices.ts";
import { generateLocations } from "./gen-locations.ts";
import { finalizeLicenses, generateOrgBasics } from "./gen-org.ts";
import { generatePeople } from "./gen-people.ts";
import { generateRouting } from "./gen-routing.ts";
import { generateSocial } from "./gen-social.ts";
import { COMPANY_WORDS } from "./names.ts";
import type { Org, Tenant } from "./types.ts";

export type TenantProfile = "demo" | "small";

/** Customer org sizes per profile (users per org). */
export const PROFILES: Record<TenantProfile, number[]> = {
  demo: [50, 200, 500],
  small: [12, 30],
};

export type TenantSpec = {
  seed: number;
  /** Users per customer org; defaults to the profile's sizes. */
  customers: number[];
};

export function tenantSpec(options: {
  seed?: number;
  profile?: TenantProfile;
  users?: number;
  customers?: number[];
}): TenantSpec {
  const seed = options.seed ?? 1;
  if (options.customers) return { seed, customers: options.customers };
  if (options.users !== undefined) return { seed, customers: [options.users] };
  return { seed, customers: PROFILES[options.profile ?? "demo"] };
}

function generateOrg(seed: number, orgIndex: number, users: number, lean: boolean): Org {
  const rng = new Prng(seed, orgIndex);
  const uuid = rng.uuid();
  const word = COMPANY_WORDS[(seed * 7 + orgIndex) % COMPANY_WORDS.length] ?? "Acme";
  const displayName = lean ? `${word} Partners` : `${word} ${["Inc.", "Corp", "LLC", "Group"][orgIndex % 4]}`;
  const domain = `${word.toLowerCase().replaceAll(" ", "")}${orgIndex}.example.com`;
  const org: Org = {
    uuid,
    id: orgIdOf(uuid),
    displayName,
    domain,
    isPartner: lean,
    adminId: "",
    collections: emptyCollections(),
    features: new Map(),
    sipPasswords: new Map(),
    deviceConfigs: new Map(),
  };
  const ctx: GenCtx = {
    rng,
    org,
    orgIndex,
    users: Math.max(1, users),
    lean,
    locs: [],
    licenses: {} as GenCtx["licenses"],
    roles: { full: "", readonly: "", device: "", user: "" },
  };
  generateOrgBasics(ctx);
  generateLocations(ctx);
  generatePeople(ctx);
  generateWorkspacesAndDevices(ctx);
  generateCallingFeatures(ctx);
  generateRouting(ctx);
  generateSocial(ctx);
  finalizeLicenses(ctx);
  return org;
}

/** Builds the whole tenant; the same spec always yields the same tenant, byte for byte. */
export function generateTenant(spec: TenantSpec): Tenant {
  const partner = generateOrg(spec.seed, 0, 4, true);
  const customers = spec.customers.map((users, i) => generateOrg(spec.seed, i + 1, users, false));
  const orgs = new Map<string, Org>();
  for (const org of [partner, ...customers]) orgs.set(org.uuid, org);
  return {
    seed: spec.seed,
    partner,
    customers,
    orgs,
    enterprises: generateEnterprises(spec.seed, customers),
  };
}
