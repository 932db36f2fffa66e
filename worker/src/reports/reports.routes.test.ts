import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, sim, simObjects, simOrgs, waitForRun } from "../../test/sim.ts";

let admin: Record<string, string>;
let customerId: string;
let orgRef: string;
type Item = Record<string, unknown>;
type Page = { items: Item[]; nextCursor: string | null };

const json = async (path: string) => {
  const res = await call(path, { headers: admin });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Page>();
};
async function all(path: string, limit = 7): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await json(
      `${path}${path.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
async function csvRows(path: string) {
  const res = await call(path, { headers: admin });
  expect(res.status, await res.clone().text()).toBe(200);
  const [header, ...rows] = parse(await res.text()) as string[][];
  return { header: header!, rows, disposition: res.headers.get("content-disposition") ?? "" };
}
const r = (path: string) => `/api/v1/customers/${customerId}${path}`;

async function runSync(name: "users" | "all") {
  let started: Response;
  if (name === "users") started = await call(r("/actions/sync-users"), { method: "POST", headers: admin });
  else {
    const syncs = await json(r("/data-syncs"));
    const full = syncs.items.find((s) => s.name === "SyncSparkReportsCo")!;
    started = await call(r(`/data-syncs/${String(full.id)}/run`), { method: "POST", headers: admin });
  }
  expect(started.status).toBe(202);
  return waitForRun(customerId, (await started.json<{ runId: string }>()).runId, admin, 60_000);
}

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  const org = (await simOrgs()).find((o) => o.ref === "1")!;
  orgRef = org.ref;
  const simDevices = await simObjects(orgRef, "devices");
  await sim("PATCH", `/orgs/${orgRef}/devices/${simDevices[0]!.id}`, { connectionStatus: "disconnected" });
  await sim("PATCH", `/orgs/${orgRef}/devices/${simDevices[1]!.id}`, {
    connectionStatus: "connected",
    lastSeen: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  });
  customerId = (await createCustomer(admin, "Reports Co", org.uuid, { syncOnCreate: false })).id;
  expect((await connect(r("/connect"), admin, org.uuid)).status).toBe(200);
  await runSync("all");
});

describe("reports", () => {
  it("licence usage matches the synced licences and the users holding them", async () => {
    const report = await json(r("/reports/licence-usage"));
    const licences = await all(r("/models/License"));
    const users = await all(r("/models/User"), 100);
    expect(report.items).toHaveLength(licences.length);
    for (const item of report.items) {
      const licence = licences.find((l) => l.id === item.id)!;
      expect(item).toMatchObject({ total: licence.totalUnits, consumed: licence.consumedUnits });
      expect(item.free).toBe(Number(licence.totalUnits) - Number(licence.consumedUnits));
      const holding = users.filter((u) =>
        String(u.licenses ?? "")
          .split("; ")
          .includes(String(item.id)),
      ).length;
      expect(item.syncedUsersHolding, String(item.name)).toBe(holding);
    }
    const { header, rows } = await csvRows(r("/reports/licence-usage.csv"));
    expect(header).toEqual(
      expect.arrayContaining(["Name", "Total", "Consumed", "Consumed by users", "Free"]),
    );
    expect(rows).toHaveLength(report.items.length);
  });

  it("unassigned numbers per location add up to the inventory's numbers without an owner", async () => {
    const report = await all(r("/reports/unassigned-numbers"), 2);
    const numbers = await all(r("/models/Number"), 500);
    const free = numbers.filter((n) => n.ownerId === null);
    expect(report.reduce((n, l) => n + Number(l.unassigned), 0)).toBe(
      free.filter((n) => n.locationId).length,
    );
    for (const loc of report) {
      const expected = free
        .filter((n) => n.locationId === loc.locationId)
        .map((n) => n.label)
        .sort();
      expect([...(loc.numbers as string[])].sort()).toEqual(expected);
    }
    const { header, rows } = await csvRows(r("/reports/unassigned-numbers.csv"));
    expect(rows).toHaveLength(report.length);
    // The numbers of a location read in one cell.
    const withNumbers = report.find((l) => (l.numbers as string[]).length > 1)!;
    const row = rows.find((x) => x[header.indexOf("Location ID")] === withNumbers.locationId)!;
    expect(row[header.indexOf("Numbers")]!.replace(/'/g, "")).toBe(
      (withNumbers.numbers as string[]).join("; "),
    );
  });

  it("lists devices offline now or not seen for N days, with the reason", async () => {
    const report = await all(r("/reports/stale-devices?days=7"));
    const devices = await all(r("/models/Device"), 500);
    const cutoff = Date.now() - 7 * 86_400_000;
    const expected = devices.filter(
      (d) =>
        !["connected", "connected_with_issues", "activating"].includes(String(d.connectionStatus)) ||
        !d.lastSeen ||
        Date.parse(String(d.lastSeen)) < cutoff,
    );
    expect(report.map((d) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());
    const simDevices = await simObjects(orgRef, "devices");
    const offline = report.find((d) => d.id === simDevices[0]!.id)!;
    expect(offline.reasons).toContain("status disconnected");
    const unseen = report.find((d) => d.id === simDevices[1]!.id)!;
    expect(unseen.reasons).toEqual(["not seen for 30 days"]);
    expect((await all(r("/reports/stale-devices?days=40"))).map((d) => d.id)).not.toContain(
      simDevices[1]!.id,
    );
    const { rows } = await csvRows(r("/reports/stale-devices.csv?days=7"));
    expect(rows).toHaveLength(report.length);
  });

  it("lists users without a calling licence or without a device", async () => {
    const users = await all(r("/models/User"), 500);
    const devices = await all(r("/models/Device"), 500);
    const owners = new Set(devices.map((d) => d.personId));
    const unlicensed = users.filter((u) => !u.callingLicensed).map((u) => u.id);
    const deviceless = users.filter((u) => !owners.has(u.id)).map((u) => u.id);
    const sorted = (xs: unknown[]) => [...new Set(xs)].sort();
    expect(sorted((await all(r("/reports/users-missing?missing=calling-licence"))).map((u) => u.id))).toEqual(
      sorted(unlicensed),
    );
    expect(sorted((await all(r("/reports/users-missing?missing=device"))).map((u) => u.id))).toEqual(
      sorted(deviceless),
    );
    const either = await all(r("/reports/users-missing"));
    expect(sorted(either.map((u) => u.id))).toEqual(sorted([...unlicensed, ...deviceless]));
    expect(unlicensed.length).toBeGreaterThan(0);
    const { header, rows, disposition } = await csvRows(r("/reports/users-missing.csv?missing=either"));
    expect(rows).toHaveLength(either.length);
    expect(header).toContain("Missing");
    expect(disposition).toContain("Reports-Co_UsersMissing-either_");
  });

  it("shows a model's change history between two dates, as JSON and CSV, and the runs as CSV", async () => {
    const before = new Date().toISOString();
    const person = (await simObjects(orgRef, "people"))[3]!;
    await sim("PATCH", `/orgs/${orgRef}/people/${String(person.id)}`, { displayName: "Renamed Person" });
    await runSync("users");
    const history = await all(r(`/changes?model=User&from=${encodeURIComponent(before)}`));
    const change = history.find((c) => c.itemId === person.id)!;
    expect(change.kind).toBe("updated");
    expect(change.fields).toEqual(
      expect.arrayContaining([{ path: "displayName", before: person.displayName, after: "Renamed Person" }]),
    );
    expect(
      (await all(r(`/changes?model=User&kind=updated&to=${encodeURIComponent(before)}`))).map(
        (c) => c.itemId,
      ),
    ).not.toContain(person.id);
    const { header, rows } = await csvRows(r(`/changes.csv?model=User&from=${encodeURIComponent(before)}`));
    expect(rows).toHaveLength(history.length);
    const cell = rows.find((x) => x[header.indexOf("Item ID")] === person.id)![
      header.indexOf("Changed fields")
    ];
    expect(cell).toContain(`displayName: ${String(person.displayName)} → Renamed Person`);

    const runs = await all(r("/runs"), 1);
    expect(runs).toHaveLength(2);
    const runCsv = await csvRows(r("/runs.csv"));
    expect(runCsv.rows.map((x) => x[0])).toEqual(runs.map((x) => x.id));
    const changesCsv = await csvRows(r(`/runs/${String(runs[0]!.id)}/changes.csv`));
    expect(changesCsv.rows.length).toBe((await all(r(`/runs/${String(runs[0]!.id)}/changes`), 50)).length);
  });
});
