/**
 * Requests the matrix's one example per operation can't make: the bodies an attacker would send to move a
 * customer onto another organization (R5) or to learn about another customer from a conflict (R7). Each probe
 * says what the answer must be; the test also checks it leaks nothing of the other customer, reaches no
 * other org at Webex and changes no row outside the key's scope.
 */
import type { World } from "./world.ts";

export type Probe = {
  title: string;
  key: "A" | "SA";
  method: string;
  path: (w: World) => string;
  body: (w: World) => unknown;
  /** Acceptable answers: a refusal, or (where wxsync may simply allow it) a success that leaks nothing. */
  status: number[];
  /** Text a refusal's message must contain (the field it names, what to do). */
  says: (string | RegExp)[];
};

/** The org id as the EU cluster's API writes it: another base64 text for the same UUID. */
const euOrgId = (uuid: string) => btoa(`ciscospark://eu/ORGANIZATION/${uuid}`).replace(/=+$/, "");

export const PROBES: Probe[] = [
  {
    title: "R5: an admin scoped to S re-points S at T's organization, spelled the EU way",
    key: "SA",
    method: "PATCH",
    path: (w) => `/api/v1/customers/${w.customers.S.id}`,
    body: (w) => ({ organizationId: euOrgId(w.customers.T.org.uuid) }),
    status: [409],
    says: ["body.organizationId", /delete and re-add/i],
  },
  {
    title: "R5: the unscoped admin re-points U (its own grant) at T's organization by its raw UUID",
    key: "A",
    method: "PATCH",
    path: (w) => `/api/v1/customers/${w.customers.U.id}`,
    body: (w) => ({ organizationId: w.customers.T.org.uuid.toUpperCase() }),
    status: [409],
    says: ["body.organizationId", /delete and re-add/i],
  },
  {
    title: "R5: the unscoped admin adds T's organization again, spelled the EU way",
    key: "A",
    method: "POST",
    path: () => "/api/v1/customers",
    body: (w) => ({
      name: "Tyrell Twin",
      organizationId: euOrgId(w.customers.T.org.uuid),
      syncOnCreate: false,
    }),
    status: [409],
    says: ["body.organizationId"],
  },
  {
    title: "R7: an admin scoped to S renames S to T's name",
    key: "SA",
    method: "PATCH",
    path: (w) => `/api/v1/customers/${w.customers.S.id}`,
    body: (w) => ({ name: w.customers.T.name }),
    status: [409],
    says: ["body.name"],
  },
  {
    title: "R7: an admin scoped to S names a data sync of S like one of T's",
    key: "SA",
    method: "POST",
    path: (w) => `/api/v1/customers/${w.customers.S.id}/data-syncs`,
    body: (w) => ({ name: `SyncSparkUsers${w.customers.T.name}`, models: ["User"] }),
    // Names unique per customer would make this a plain 201; a 409 must not say whose name it is.
    status: [201, 409],
    says: ["body.name"],
  },
];
