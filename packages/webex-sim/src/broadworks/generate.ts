import { FIRST_NAMES, LAST_NAMES } from "../tenant/names.ts";
import type { BroadWorksUser, Enterprise, Org } from "../tenant/types.ts";
import { base64NoPad, webexId } from "../util/ids.ts";
import { Prng } from "../util/prng.ts";

export const BROADWORKS_CLUSTERS = ["BWKS-CLUSTER-EAST", "BWKS-CLUSTER-WEST"] as const;

/** One BroadWorks enterprise per customer org, alternating between two clusters. */
export function generateEnterprises(seed: number, customers: Org[]): Enterprise[] {
  return customers.map((org, i) => {
    const rng = new Prng(seed, 9000 + i);
    const people = org.collections.people.size;
    const users: BroadWorksUser[] = [];
    const bwOnly = Math.max(5, Math.round(people * 0.1));
    const machines = Math.max(2, Math.round(people * 0.02));
    for (let u = 0; u < bwOnly + machines; u++) {
      const machine = u >= bwOnly;
      const firstName = machine ? "Conference" : rng.pick(FIRST_NAMES);
      const lastName = machine ? `Room ${u - bwOnly + 1}` : rng.pick(LAST_NAMES);
      users.push({
        userId: `${firstName}.${lastName}.${u}@${org.domain}`.toLowerCase().replaceAll(" ", "_"),
        firstName,
        lastName,
        extension: String(4000 + u),
        number: `+1555${String(rng.int(1000000, 9999999))}`,
        mobile: machine ? "" : `+1555${String(rng.int(1000000, 9999999))}`,
        machine,
        inCI: false,
        dirty: false,
        deleted: false,
      });
    }
    const slug = org.displayName.toLowerCase().replace(/[^a-z0-9]+/g, "");
    const enterprise: Enterprise = {
      id: webexId("ENTERPRISE", rng.uuid()),
      orgId: org.id,
      spEnterpriseId: `Reseller1+${slug}`,
      provisioningId: base64NoPad(`${rng.uuid()}:${rng.uuid()}`),
      cluster: BROADWORKS_CLUSTERS[i % BROADWORKS_CLUSTERS.length]!,
      enableDirSync: false,
      users,
      status: { syncStatus: "NOT_SYNCED" },
      everCompleted: false,
    };
    return enterprise;
  });
}
