import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EXTENSION_ID, type ExtensionBrowser, launchWithExtension, saveSettings } from "./browser.ts";
import { panel, panelFrame, savedDownload } from "./panel.ts";
import { addConnectedCustomer, api, connectThroughWebex, type SimOrg, simControl } from "./stack-api.ts";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(inject("artifactsDir"), `${name}.png`) });

let browser: ExtensionBrowser;
let orgs: SimOrg[];
let customer: { id: string; name: string; orgUuid: string };

const setSettings = (settings: { workerUrl: string; apiKey: string }) =>
  saveSettings(browser.context, settings);

/** Opens an admin.webex.com page and waits for the wxsync panel's frame in it. */
async function open(url: string) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await panelFrame(page);
  return page;
}

beforeAll(async () => {
  browser = await launchWithExtension({
    extensionDir: inject("extensionDir"),
    controlHubPort: inject("controlHubPort"),
    settings: { workerUrl: inject("workerUrl"), apiKey: "" },
  });
  ({ customer, orgs } = await addConnectedCustomer<typeof customer>("Globex", "0"));
});
afterAll(async () => browser?.close());

describe("the extension in Control Hub", () => {
  it("options: Test connection says what is wrong, then who the key is and what it may do", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await page.locator("input[name=workerUrl]").fill(inject("workerUrl"));
    await page.locator("input[name=apiKey]").fill(`wxs_${"x".repeat(43)}`);
    await page.getByTestId("test-connection").click();
    await expect.poll(() => page.getByTestId("connection-report").getAttribute("data-ok")).toBe("false");
    expect(await page.getByTestId("connection-report").textContent()).toContain("refused the key");
    await shot(page, "options-bad-key");
    await page.locator("input[name=apiKey]").fill(inject("adminKey"));
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Saved.");
    await page.getByTestId("test-connection").click();
    await expect.poll(() => page.getByTestId("connection-report").getAttribute("data-ok")).toBe("true");
    expect(await page.getByTestId("connection-report").textContent()).toContain(
      '"E2E admin", admin role, for every customer',
    );
    expect(await page.getByTestId("connection-abilities").textContent()).toContain("run syncs");
    await shot(page, "options-connected");
    await page.close();
  });

  it("users page: Sync Webex App Users runs with a progress bar to the end, then the users CSV matches the API", async () => {
    const page = await open(`https://admin.webex.com/users?orgId=${customer.orgUuid}`);
    await expect.poll(() => panel(page, "wxsync-customer").textContent(), { timeout: 20_000 }).toBe("Globex");
    await panel(page, "wxsync-sync-users").click();
    await panel(page, "wxsync-model-progress").first().waitFor({ timeout: 20_000 });
    await shot(page, "control-hub-sync-progress");
    await panel(page, "wxsync-run-summary").waitFor({ timeout: 90_000 });
    expect(await panel(page, "wxsync-run-progress").getAttribute("value")).toBe("100");
    expect(await panel(page, "wxsync-run-summary").textContent()).toMatch(/\+\d+ added/);
    await expect.poll(() => panel(page, "wxsync-last-sync").textContent()).toMatch(/^succeeded|^completed/);
    await shot(page, "control-hub-sync-done");

    await panel(page, "wxsync-export").click();
    // Saved by the browser's download manager under the worker's name: no link was ever put in the page.
    const file = await savedDownload(
      browser.background,
      browser.downloadDir,
      /^Globex_User_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(await panel(page, "wxsync-export-state").textContent()).toBe(`Downloaded ${basename(file)}`);
    const [header, ...rows] = parse(readFileSync(file, "utf8"), { bom: true }) as string[][];
    const users = await api<{ items: { id: string; label: string }[] }>(
      "GET",
      `/api/v1/customers/${customer.id}/models/User?limit=1000`,
    );
    expect(rows).toHaveLength(users.items.length);
    const ids = rows.map((r) => r[header!.indexOf("ID")]);
    expect(ids.sort()).toEqual(users.items.map((u) => u.id).sort());
    await shot(page, "control-hub-users-csv");
    await page.close();
  });

  it("devices page: Sync partner devices, then rotate every partner-managed device's SIP password with progress", async () => {
    // A few more partner-managed phones than the small tenant has, so the rotation has something to show.
    await simControl("POST", "/orgs/0/third-party-devices", { count: 6 });
    const page = await open(`https://admin.webex.com/devices?orgId=${customer.orgUuid}`);
    await expect.poll(() => panel(page, "wxsync-customer").textContent(), { timeout: 20_000 }).toBe("Globex");
    await panel(page, "wxsync-sync-devices").click();
    await expect
      .poll(() => panel(page, "wxsync-run").getAttribute("data-status"), { timeout: 90_000 })
      .toBe("succeeded");
    const synced = await api<{ items: { id: string }[] }>(
      "GET",
      `/api/v1/customers/${customer.id}/models/DeviceCallingDetails?managedBy=PARTNER&limit=1000`,
    );
    expect(synced.items.length).toBeGreaterThanOrEqual(6);

    await panel(page, "wxsync-rotate-all").click();
    await shot(page, "control-hub-devices-confirm");
    await panel(page, "wxsync-rotate-confirm").click();
    await expect
      .poll(() => panel(page, "wxsync-rotation").getAttribute("data-status"), { timeout: 90_000 })
      .toBe("succeeded");
    expect(await panel(page, "wxsync-rotation-summary").textContent()).toBe(
      `succeeded: ${synced.items.length} of ${synced.items.length} rotated`,
    );
    await shot(page, "control-hub-devices-rotated");
    // Webex (the simulator) got exactly one new password per partner-managed device.
    const log = await simControl<{ items: { deviceId: string; action: string; changed?: boolean }[] }>(
      "GET",
      "/devices/log?orgId=0",
    );
    const changed = log.items
      .filter((l) => l.action === "setSipPassword" && l.changed)
      .map((l) => l.deviceId);
    expect(changed.sort()).toEqual(synced.items.map((d) => d.id).sort());

    await panel(page, "wxsync-export-sip").click();
    const file = await savedDownload(
      browser.background,
      browser.downloadDir,
      /^Globex_DeviceCallingDetails_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const [header, ...rows] = parse(readFileSync(file, "utf8"), { bom: true }) as string[][];
    expect(header).toContain("SIP user name");
    expect(header!.some((h) => /password/i.test(h))).toBe(false);
    expect(rows.length).toBeGreaterThanOrEqual(synced.items.length);
    await page.close();
  });

  it("a page that names no org asks which customer is on screen; a viewer key sees no operator buttons", async () => {
    await setSettings({ workerUrl: inject("workerUrl"), apiKey: inject("viewerKey") });
    // The worker says it is a viewer key (the panel asks the same question).
    expect(await api("GET", "/api/v1/whoami", undefined, inject("viewerKey"))).toMatchObject({
      role: "viewer",
    });
    const page = await open("https://admin.webex.com/calling/numbers");
    const select = panel(page, "wxsync-customer-select");
    await select.waitFor({ timeout: 20_000 });
    // Chosen with the keyboard, as a user would: the panel takes only trusted input (a script's
    // selectOption() is not), and typing a name's first letter picks it.
    await select.focus();
    await select.press("G");
    await expect.poll(() => panel(page, "wxsync-customer").textContent()).toBe("Globex");
    expect(await panel(page, "wxsync-export").textContent()).toBe("Export number inventory (CSV)");
    await expect.poll(() => panel(page, "wxsync-sync-users").isDisabled()).toBe(true);
    await expect.poll(() => panel(page, "wxsync-sync-data").isDisabled()).toBe(true);
    expect(await panel(page, "wxsync-role-reason").textContent()).toContain("viewer key");
    await shot(page, "control-hub-viewer");
    // The choice is remembered for the tab.
    await page.reload();
    await expect.poll(() => panel(page, "wxsync-customer").textContent(), { timeout: 20_000 }).toBe("Globex");
    await page.close();
    await setSettings({ workerUrl: inject("workerUrl"), apiKey: inject("adminKey") });
  });

  it("the worker stopped (nothing answers at its address) shows the offline state, not a broken panel", async () => {
    await setSettings({ workerUrl: "http://127.0.0.1:9", apiKey: inject("adminKey") });
    const page = await open(`https://admin.webex.com/users?orgId=${customer.orgUuid}`);
    await expect
      .poll(() => panel(page, "wxsync-offline").textContent(), { timeout: 20_000 })
      .toContain("wxsync is offline");
    expect(await panel(page, "wxsync-health").textContent()).toContain(
      "Cannot reach the wxsync worker at http://127.0.0.1:9",
    );
    expect(await page.locator("#control-hub h1").textContent()).toBe("Control Hub");
    await shot(page, "control-hub-worker-down");
    await page.close();
    await setSettings({ workerUrl: inject("workerUrl"), apiKey: inject("adminKey") });
  });

  it("Partner Hub: every customer, the BroadWorks enterprises, bulk enable and Sync all selected with progress", async () => {
    const partnerOrg = orgs.find((o) => o.ref === "partner")!;
    const partner = await api<{ id: string }>("POST", "/api/v1/partners", {
      name: "Initech Partner",
      organizationId: partnerOrg.uuid,
    });
    await connectThroughWebex(`/api/v1/partners/${partner.id}/connect`, partnerOrg.uuid);
    await simControl("POST", "/broadworks", { count: 2 });
    await api("POST", `/api/v1/partners/${partner.id}/broadworks/refresh`);

    const page = await open("https://admin.webex.com/partner/customers");
    const rows = panel(page, "wxsync-partner-enterprise");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    expect(await panel(page, "wxsync-partner-customer").count()).toBeGreaterThanOrEqual(1);
    // Each customer's sync state at a glance: Globex's users sync has run.
    expect(await panel(page, "wxsync-partner-sync-state").first().textContent()).toBe("succeeded");
    await panel(page, "wxsync-partner-select-all").check();
    await panel(page, "wxsync-partner-enable").click();
    await expect.poll(() => panel(page, "wxsync-partner-bulk-result").count(), { timeout: 20_000 }).toBe(4);
    expect(
      await panel(page, "wxsync-partner-bulk-result").evaluateAll((els) =>
        els.map((e) => e.getAttribute("data-ok")),
      ),
    ).toEqual(["true", "true", "true", "true"]);
    await shot(page, "partner-hub-enabled");

    if (!(await panel(page, "wxsync-partner-select-all").isChecked()))
      await panel(page, "wxsync-partner-select-all").check();
    await panel(page, "wxsync-partner-sync-all").click();
    await panel(page, "wxsync-partner-job-progress").waitFor({ timeout: 20_000 });
    await shot(page, "partner-hub-sync-all-progress");
    await panel(page, "wxsync-partner-job-summary").waitFor({ timeout: 120_000 });
    expect(await panel(page, "wxsync-partner-job-summary").textContent()).toMatch(/4/);
    await shot(page, "partner-hub-sync-all-done");
    const jobs = await api<{ items: { status: string; progress: { done: number } }[] }>(
      "GET",
      `/api/v1/partners/${partner.id}/broadworks/jobs`,
    );
    expect(jobs.items[0]).toMatchObject({ status: "succeeded", progress: { done: 4 } });
    await page.close();
  });

  it("popup and dashboard: customers in trouble first, runs, logs and the two charts", async () => {
    // A full data sync first, so licences and numbers are there to draw.
    const syncs = await api<{ items: { id: string; name: string }[] }>(
      "GET",
      `/api/v1/customers/${customer.id}/data-syncs`,
    );
    const full = syncs.items.find((x) => x.name === "SyncSparkGlobex")!;
    const { runId } = await api<{ runId: string }>(
      "POST",
      `/api/v1/customers/${customer.id}/data-syncs/${full.id}/run`,
    );
    await expect
      .poll(
        async () =>
          (await api<{ status: string }>("GET", `/api/v1/customers/${customer.id}/runs/${runId}`)).status,
        {
          timeout: 90_000,
          interval: 500,
        },
      )
      .toMatch(/succeeded|completed_with_errors/);

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect
      .poll(() => popup.getByTestId("popup-summary").textContent(), { timeout: 20_000 })
      .toMatch(/^1 customers/);
    await shot(popup, "popup");
    const opened = browser.context.waitForEvent("page");
    await popup.getByTestId("open-dashboard").click();
    const dash = await opened;
    await dash.getByTestId("dash-customer-row").first().waitFor({ timeout: 20_000 });
    await dash.getByTestId("dash-customer-select").first().click();
    await expect
      .poll(() => dash.getByTestId("dash-run-row").count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    await dash.getByTestId("dash-licence-chart-bar").first().waitFor({ timeout: 20_000 });
    const licences = await api<{ items: unknown[] }>(
      "GET",
      `/api/v1/customers/${customer.id}/reports/licence-usage`,
    );
    expect(await dash.getByTestId("dash-licence-chart-bar").count()).toBe(licences.items.length);
    const inventory = await api<{ counts: { total: number } }>(
      "GET",
      `/api/v1/customers/${customer.id}/number-inventory?limit=1`,
    );
    await expect
      .poll(() => dash.getByTestId("dash-inventory-total").textContent())
      .toContain(String(inventory.counts.total));
    await dash.getByTestId("dash-log-row").first().waitFor({ timeout: 20_000 });
    await dash.setViewportSize({ width: 1280, height: 2000 });
    await dash.screenshot({ path: join(inject("artifactsDir"), "dashboard.png"), fullPage: true });
    await dash.close();
    await popup.close();
  });

  // Last: moving the simulator's clock ages every token it has issued.
  it("warns that the Webex authorization is gone once the simulator's clock passes its 90 days", async () => {
    // Webex renews a refresh token each time it is used, so it only runs out when nothing used it for 90 days.
    await simControl("POST", "/clock/advance", { ms: 91 * 86_400_000 });
    const refreshed = await api<{ outcome: string; customer: { tokenHealth: { status: string } } }>(
      "POST",
      `/api/v1/customers/${customer.id}/tokens/refresh`,
    );
    expect(refreshed).toMatchObject({ outcome: "revoked", customer: { tokenHealth: { status: "revoked" } } });
    const page = await open(`https://admin.webex.com/users?orgId=${customer.orgUuid}`);
    await panel(page, "wxsync-token-warning").waitFor({ timeout: 20_000 });
    expect(await panel(page, "wxsync-token-warning").textContent()).toContain("connect the customer again");
    await shot(page, "control-hub-token-warning");
    await page.close();
  });
});
