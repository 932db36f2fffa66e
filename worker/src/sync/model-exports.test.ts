import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey } from "../../test/helpers.ts";
import { connect, createCustomer, sim, simObjects, simOrgs, waitForRun } from "../../test/sim.ts";

let admin: Record<string, string>;
let customerId: string;
const get = (path: string) => call(path, { headers: admin });
type Item = Record<string, unknown>;

// Names that break naive CSV writers and spreadsheets.
const TRICKY = [
  { displayName: 'Smith, "Bob"', department: "Sales, EMEA" },
  { displayName: "Line\nBreak", department: 'He said "hi"\r\nthen left' },
  { displayName: "山田 太郎", department: "Зоя Ωμέγα ❤" },
  { displayName: '=HYPERLINK("http://x")', department: "@SUM(A1)" },
  { displayName: "+1 (408) 555-0100", department: "-5" },
];

/** What a spreadsheet cell must read for a JSON value: formula-like text carries a leading apostrophe. */
function expectedCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const readable = (name: string) =>
  ({
    id: "ID",
    label: "Label",
    displayName: "Display name",
    locationId: "Location ID",
    firstSeenAt: "First seen at",
  })[name];

async function allItems(path: string, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const page = await res.json<{ items: Item[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function csv(path: string) {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const text = await res.clone().text();
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  return { res, text, header: header!, rows };
}

beforeAll(async () => {
  await sim("POST", "/reset");
  admin = (await createKey("admin")).headers;
  const org = (await simOrgs()).find((o) => o.ref === "2")!;
  const people = await simObjects(org.ref, "people");
  await Promise.all(
    TRICKY.map((fields, i) => sim("PATCH", `/orgs/${org.ref}/people/${people[i]!.id}`, fields)),
  );
  const customer = await createCustomer(admin, "Ünïcode Exports & Co", org.uuid, { syncOnCreate: false });
  customerId = customer.id;
  expect((await connect(`/api/v1/customers/${customerId}/connect`, admin, org.uuid)).status).toBe(200);
  const syncs = await (await get(`/api/v1/customers/${customerId}/data-syncs`)).json<{
    items: { id: string; builtIn: string | null }[];
  }>();
  const full = syncs.items.find((s) => s.builtIn === "all")!;
  const started = await call(`/api/v1/customers/${customerId}/data-syncs/${full.id}/run`, {
    method: "POST",
    headers: admin,
  });
  expect(started.status).toBe(202);
  const run = await waitForRun(customerId, (await started.json<{ runId: string }>()).runId, admin, 60_000);
  expect(run.status).toMatch(/succeeded|completed_with_errors/);
  // The customer list carries each customer's newest run, for panels that show sync state at a glance.
  const listed = await (await get("/api/v1/customers")).json<{
    items: { id: string; lastRun: { id: string } | null }[];
  }>();
  expect(listed.items.find((c) => c.id === customerId)?.lastRun?.id).toBe(run.id);
});

describe("model CSV exports", () => {
  it("holds exactly the JSON list, cell for cell, through a real CSV parser", async () => {
    const json = await allItems(`/api/v1/customers/${customerId}/models/User?sort=label`, 7);
    const { header, rows } = await csv(`/api/v1/customers/${customerId}/models/User.csv?sort=label`);
    expect(rows).toHaveLength(json.length);
    expect(json.length).toBeGreaterThan(20);
    for (const name of ["id", "label", "displayName", "locationId", "firstSeenAt"])
      expect(header).toContain(readable(name));
    json.forEach((item, i) => {
      const row = rows[i]!;
      for (const [key, value] of Object.entries(item)) {
        const col = header.indexOf(readable(key) ?? "");
        if (col >= 0) expect(row[col], `${key} of ${String(item.id)}`).toBe(expectedCell(value));
      }
    });
    // The tricky names survived the trip, and formula-like ones can't run.
    const names = rows.map((r) => r[header.indexOf("Display name")]);
    expect(names).toContain('Smith, "Bob"');
    expect(names).toContain("Line\nBreak");
    expect(names).toContain("山田 太郎");
    expect(names).toContain('\'=HYPERLINK("http://x")');
    expect(names).toContain("'+1 (408) 555-0100");
    const departments = rows.map((r) => r[header.indexOf("Department")]);
    expect(departments).toEqual(
      expect.arrayContaining(["Зоя Ωμέγα ❤", "'@SUM(A1)", "'-5", 'He said "hi"\r\nthen left']),
    );
  });

  it("puts a user's licences and roles by name, and the location by name, in one cell each", async () => {
    const { header, rows } = await csv(`/api/v1/customers/${customerId}/models/User.csv`);
    const licences = await allItems(`/api/v1/customers/${customerId}/models/License`, 100);
    const licenceNames = new Set(licences.map((l) => String(l.label)));
    const named = rows.map((r) => r[header.indexOf("Licence names")]!).filter(Boolean);
    expect(named.length).toBeGreaterThan(0);
    for (const cell of named)
      for (const name of cell.split("; ")) expect(licenceNames).toContain(name.replace(/^'/, ""));
    expect(header).toEqual(expect.arrayContaining(["Role names", "Location", "Phone numbers"]));
    const locations = new Set(
      (await allItems(`/api/v1/customers/${customerId}/models/Location`, 100)).map((l) => l.label),
    );
    const placed = rows.map((r) => r[header.indexOf("Location")]).filter(Boolean);
    expect(placed.length).toBeGreaterThan(0);
    for (const name of placed) expect(locations).toContain(name);
  });

  it("applies the JSON list's filters and names the file after the customer, the model and the date", async () => {
    const users = await allItems(`/api/v1/customers/${customerId}/models/User`, 100);
    const locationId = String(users.find((u) => u.locationId)!.locationId);
    const json = await allItems(
      `/api/v1/customers/${customerId}/models/User?locationId=${encodeURIComponent(locationId)}`,
      100,
    );
    const { res, rows } = await csv(
      `/api/v1/customers/${customerId}/models/User.csv?locationId=${encodeURIComponent(locationId)}`,
    );
    expect(rows).toHaveLength(json.length);
    expect(json.length).toBeLessThan(users.length);
    const today = new Date().toISOString().slice(0, 10);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain(`filename="_n_code-Exports-Co_User_${today}.csv"`);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(`Ünïcode-Exports-Co_User_${today}.csv`)}`,
    );
  });

  it("exports the number inventory, with a BOM when asked for Excel", async () => {
    const json = await allItems(`/api/v1/customers/${customerId}/number-inventory`, 50);
    const {
      res: withBom,
      header,
      rows,
    } = await csv(`/api/v1/customers/${customerId}/number-inventory.csv?bom=true`);
    expect([...new Uint8Array(await withBom.clone().arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows).toHaveLength(json.length);
    expect(header).toEqual(expect.arrayContaining(["Status", "Usage", "Location"]));
    const res = await get(`/api/v1/customers/${customerId}/number-inventory.csv`);
    expect(new Uint8Array(await res.arrayBuffer())[0]).toBe("I".charCodeAt(0));
  });

  it("answers a bad filter or sort with the JSON error envelope before any CSV is sent", async () => {
    for (const query of ["nope=1", "sort=-nope", "bom=maybe"]) {
      const res = await get(`/api/v1/customers/${customerId}/models/User.csv?${query}`);
      expect(res.status).toBe(400);
      const body = await res.json<{ error: { code: string; message: string } }>();
      expect(body.error.message).toMatch(/query\.(nope|sort|bom)/);
    }
    expect((await get(`/api/v1/customers/${crypto.randomUUID()}/models/User.csv`)).status).toBe(404);
  });
});
