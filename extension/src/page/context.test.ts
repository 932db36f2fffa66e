import { describe, expect, it } from "vitest";
import { exportPath, findCustomer, orgUuidOf, pageContext } from "./context.ts";

const uuid = "1eb65fdf-9643-417f-9974-ad72cae0e10f";
const base64 = btoa(`ciscospark://us/ORGANIZATION/${uuid}`).replace(/=+$/, "");

describe("page context", () => {
  it("tells Control Hub from Partner Hub and the list on screen", () => {
    expect(pageContext("https://admin.webex.com/users")).toEqual({
      hub: "control",
      page: "users",
      orgHint: null,
    });
    expect(pageContext("https://admin.webex.com/calling/numbers?orgId=x").page).toBe("numbers");
    expect(pageContext("https://admin.webex.com/devices/search").page).toBe("devices");
    expect(pageContext("https://admin.webex.com/calling/locations").page).toBe("locations");
    expect(pageContext("https://admin.webex.com/workspaces").page).toBe("workspaces");
    expect(pageContext("https://admin.webex.com/overview").page).toBe("other");
    expect(pageContext("https://admin.webex.com/partner/customers").hub).toBe("partner");
    expect(pageContext("https://admin.webex.com/partnerships").hub).toBe("control");
  });

  it("reads the org from ?orgId= or a Partner Hub customer path, and nothing else", () => {
    expect(pageContext(`https://admin.webex.com/users?orgId=${uuid}`).orgHint).toBe(uuid);
    expect(pageContext(`https://admin.webex.com/partner/customers/${uuid}/overview`).orgHint).toBe(uuid);
    expect(pageContext(`https://admin.webex.com/users#${uuid}`).orgHint).toBeNull();
  });

  it("matches a customer by UUID or base64 org id, case-insensitively", () => {
    const customers = [
      { id: "a", orgUuid: "00000000-0000-4000-8000-000000000000", orgId: "other" },
      { id: "b", orgUuid: uuid, orgId: base64 },
    ];
    expect(orgUuidOf(base64)).toBe(uuid);
    expect(findCustomer(customers, uuid.toUpperCase())?.id).toBe("b");
    expect(findCustomer(customers, base64)?.id).toBe("b");
    expect(findCustomer(customers, "not-an-org")).toBeNull();
    expect(findCustomer(customers, null)).toBeNull();
  });

  it("exports what fits the page", () => {
    expect(exportPath("c1", "User")).toBe("/api/v1/customers/c1/models/User.csv?bom=true");
    expect(exportPath("c1", "NumberInventory")).toBe("/api/v1/customers/c1/number-inventory.csv?bom=true");
  });
});
