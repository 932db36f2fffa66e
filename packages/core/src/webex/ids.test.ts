import { describe, expect, it } from "vitest";
import { orgIdFromUuid, parseWebexId, resolveOrgId, sameOrg } from "./ids.ts";

// The pair from Webex's own API reference example.
const UUID = "96abc2aa-3dcc-11e5-a152-fe34819cdc9a";
const ID = "Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFiYzJhYS0zZGNjLTExZTUtYTE1Mi1mZTM0ODE5Y2RjOWE";

describe("Webex ids", () => {
  it("derives the API id from the UUID Control Hub shows, and back", () => {
    expect(orgIdFromUuid(UUID)).toBe(ID);
    expect(resolveOrgId(UUID)).toEqual({ ok: true, value: { orgId: ID, orgUuid: UUID } });
    expect(resolveOrgId(ID)).toEqual({ ok: true, value: { orgId: ID, orgUuid: UUID } });
    expect(resolveOrgId(`${ID}=`)).toEqual({ ok: true, value: { orgId: ID, orgUuid: UUID } });
  });

  it("says why an id is not an organization id", () => {
    const person = btoa("ciscospark://us/PEOPLE/5b5ff5a4-1111-2222-3333-444444444444");
    expect(resolveOrgId(person)).toEqual({
      ok: false,
      message: "is a Webex PEOPLE id, not an ORGANIZATION id",
    });
    expect(resolveOrgId("acme")).toMatchObject({ ok: false, message: expect.stringContaining("neither") });
    expect(resolveOrgId("96abc2aa-3dcc-11e5-a152")).toMatchObject({ ok: false });
  });

  it("parses the parts of newer-style ids", () => {
    expect(parseWebexId(btoa("ciscospark://urn:TEAM:us-east-2_a/WORKSPACE_LOCATION_FLOOR/abc"))).toEqual({
      cluster: "urn:TEAM:us-east-2_a",
      type: "WORKSPACE_LOCATION_FLOOR",
      value: "abc",
    });
  });

  it("gives every spelling of one org the same UUID and the same canonical us id", () => {
    const eu = btoa(`ciscospark://eu/ORGANIZATION/${UUID}`);
    const urlSafe = (id: string) => id.replaceAll("+", "-").replaceAll("/", "_");
    for (const spelled of [
      eu,
      eu.replace(/=+$/, ""),
      btoa(`ciscospark://us/ORGANIZATION/${UUID.toUpperCase()}`),
      urlSafe(btoa(`ciscospark://eu/ORGANIZATION/${UUID}`)),
      ` ${UUID.toUpperCase()} `,
    ]) {
      expect(resolveOrgId(spelled), spelled).toEqual({ ok: true, value: { orgId: ID, orgUuid: UUID } });
    }
    expect(sameOrg(eu, ID)).toBe(true);
  });

  it("compares organizations across forms", () => {
    expect(sameOrg(UUID.toUpperCase(), ID)).toBe(true);
    expect(sameOrg(UUID, orgIdFromUuid("00000000-0000-4000-8000-000000000000"))).toBe(false);
  });
});
