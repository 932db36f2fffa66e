/**
 * Tenant isolation, generated from the worker's own OpenAPI document: every operation × five keys (unscoped
 * admin; admin, operator and viewer scoped to customer S; admin scoped to customer T) × the ids the operation
 * takes (S, T, another partner's U and, for sub-resources, S's id with T's sub-resource; P and Q for partner
 * routes; one cell where the operation takes no id). Each cell's expected answer comes from the table in
 * table.ts and the access rules R1–R7; around every answer to a scoped key the test also checks that
 * (a) no identifier of another customer, partner or out-of-reach key is in the body or headers,
 * (b) no request reached Webex (the simulator's request log) for an org outside the key's scope,
 * (c) no database row outside the key's scope changed (a change log per table and owner, partitions.ts,
 *     checked at the end against a fingerprint of the whole database before and after),
 * and that an out-of-scope refusal reads exactly like the answer for a missing id (R4).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { readDocument } from "../fuzz/openapi-doc.ts";
import { call } from "../helpers.ts";
import { waitForRun } from "../sim.ts";
import {
  type Expectation,
  expectation,
  foreignTokens,
  judgeAnswer,
  judgeDatabase,
  judgeLeaks,
  judgeLikeMissing,
  judgeWebex,
  RANK,
  type Sent,
  send,
  simRequests,
} from "./cells.ts";
import { changedSlices, fingerprint, installChangeLog, takeChanges } from "./partitions.ts";
import { PROBES } from "./probes.ts";
import { type Ctx, expectationsTable, type Row, type Target } from "./table.ts";
import {
  buildWorld,
  KEY_LABELS,
  KEY_SPECS,
  type KeyLabel,
  makeKey,
  send as sendJson,
  type World,
  type WorldKey,
  waitForBwJob,
  waitForRotation,
} from "./world.ts";

let world: World;

const table = expectationsTable({
  run: async (ctx, body) => {
    await waitForRun(ctx.c.id, (body as { runId: string }).runId, world.keys.A.headers, 30_000);
  },
  rotation: async (ctx, body) => waitForRotation(world.keys.A.headers, ctx.c.id, (body as { id: string }).id),
  bwJob: async (ctx, body) => waitForBwJob(world.keys.A.headers, ctx.p.id, (body as { id: string }).id),
});

function targetsOf(op: string, row: Row): Target[] {
  switch (row.kind) {
    case "customer":
      return [
        ...(["S", "T", "U"] as const).map((label) => ({ axis: "customer" as const, label })),
        ...(row.subResource ? [{ axis: "customer" as const, label: "S+T" as const }] : []),
      ];
    case "partner":
      return op.includes("{id}")
        ? (["P", "Q"] as const).map((label) => ({ axis: "partner" as const, label }))
        : [{ axis: "none", label: "-" }];
    case "keys":
      return (["S", "T", "U", "all"] as const).map((label) => ({ axis: "keys" as const, label }));
    case "global":
      return row.throwaway
        ? (["own", "other"] as const).map((label) => ({ axis: "throwaway" as const, label }))
        : [{ axis: "none", label: "-" }];
    default:
      return [{ axis: "none", label: "-" }];
  }
}

type Cell = { op: string; row: Row; keyLabel: KeyLabel; target: Target; expected: Expectation };

/**
 * "S+T" (S's id, T's sub-resource) is asked only by keys that reach S with the route's role: for the others it
 * is the same cell as S (refused for the role, or S outside the scope).
 */
function reachesS(row: Row, label: KeyLabel) {
  const { role, scope } = KEY_SPECS[label];
  return (!row.role || RANK[role] >= RANK[row.role]) && (scope === "all" || scope.includes("S"));
}

/**
 * Every cell, rows in phase order (destructive last). Within a row the scoped keys' cells come first and the
 * unscoped admin's last: its cells need no scope checks, so what they change is read once, at the end of the row.
 */
function planCells(): Cell[] {
  const phase = (row: Row) => (row.phase === "destructive" ? 2 : row.phase === "late" ? 1 : 0);
  const ordered = Object.entries(table).sort(([, a], [, b]) => phase(a) - phase(b));
  const cell = (op: string, row: Row, target: Target) => (keyLabel: KeyLabel) => ({
    op,
    row,
    keyLabel,
    target,
    expected: expectation(row, KEY_SPECS[keyLabel], target),
  });
  return ordered.flatMap(([op, row]) => {
    const targets = targetsOf(op, row);
    const keys = (target: Target, labels: KeyLabel[]) =>
      labels.filter((k) => target.label !== "S+T" || reachesS(row, k));
    const scoped = KEY_LABELS.filter((k) => k !== "A");
    return [
      ...targets.flatMap((target) => keys(target, scoped).map(cell(op, row, target))),
      ...targets.flatMap((target) => keys(target, ["A"]).map(cell(op, row, target))),
    ];
  });
}

const CELLS = planCells();
const OPERATIONS = new Set(CELLS.map((c) => c.op)).size;
const ALLOWED = CELLS.filter((c) => c.expected.allowed).length;
const SIZE = `${OPERATIONS} operations × ${KEY_LABELS.length} keys × their ids (S, T, U and S+T where the key reaches S; P, Q; one where there is none) = ${CELLS.length} cells, ${ALLOWED} allowed, ${CELLS.length - ALLOWED} refused`;

/** The key and ids of one cell; throwaway rows make their customer (and a key scoped to it) first. */
async function contextOf(cell: Cell, n: number): Promise<{ ctx: Ctx; key: WorldKey }> {
  const admin = world.keys.A.headers;
  let key = world.keys[cell.keyLabel];
  const { customers, partners } = world;
  const t = cell.target;
  const c = t.axis === "customer" && t.label !== "S+T" ? customers[t.label] : customers.S;
  const sub = t.axis === "customer" && t.label === "S+T" ? customers.T : c;
  const p = t.axis === "partner" ? partners[t.label] : partners.P;
  const ctx: Ctx = { world, key, target: t, c, sub, p, n, pathId: t.axis === "partner" ? p.id : c.id };
  if (cell.row.throwaway) {
    const made = await sendJson("POST", "/api/v1/customers", admin, {
      name: `Iso Doomed ${n}`,
      organizationId: crypto.randomUUID(),
      syncOnCreate: false,
    });
    if (made.status !== 201) throw new Error(`throwaway customer: ${made.status} ${await made.text()}`);
    ctx.made = (await made.json<{ id: string }>()).id;
    ctx.pathId = ctx.made;
    if (t.label === "own" && key.scope !== "all")
      key = await makeKey(`${key.label}-own-${n}`, key.role, [ctx.made]);
    ctx.key = key;
  } else if (cell.row.prepare) {
    ctx.made = await cell.row.prepare(ctx, admin);
    if (cell.row.kind === "keys") ctx.pathId = ctx.made;
  }
  return { ctx, key };
}

/** Whether a refused cell's target is out of the key's scope (so it must read like a missing one). */
function outOfScope(cell: Cell) {
  if (cell.expected.allowed || cell.expected.why.startsWith("R1")) return false;
  return (
    (cell.row.kind === "customer" && cell.target.label !== "S+T") ||
    (cell.row.kind === "partner" && cell.target.axis === "partner") ||
    (cell.row.kind === "keys" && !cell.row.creates)
  );
}

/** Every database slice the change log reported, to prove at the end that it missed none. */
const everChanged = new Set<string>();
async function changes() {
  const taken = await takeChanges();
  for (const slice of taken.keys()) everChanged.add(slice);
  return taken;
}
/** Writes and Webex requests nobody judges (setup, the unscoped admin's cells) are read and dropped. */
let unread = true;
async function dropUnread() {
  if (!unread) return;
  await changes();
  await simRequests();
  unread = false;
}

/** The answer for a missing id, once per operation and role (R4: every out-of-scope id must read like it). */
const missingAnswers = new Map<string, { sent: Sent; id: string }>();

type Outcome = { cell: Cell; status: number; problems: string[] };

async function runCell(cell: Cell, n: number): Promise<Outcome> {
  const { expected, row } = cell;
  const { ctx, key } = await contextOf(cell, n);
  if (row.prepare || row.throwaway) unread = true;
  const scoped = key.scope !== "all";
  if (scoped) await dropUnread();
  const method = cell.op.slice(0, cell.op.indexOf(" "));
  const template = cell.op.slice(cell.op.indexOf(" ") + 1);
  const req = (await row.request?.(ctx)) ?? {};
  const sent = await send(method, template, ctx, key.headers, req, row);
  if (sent.status >= 200 && sent.status < 300 && row.settle)
    await row.settle(ctx, sent.json, world.keys.A.headers);
  const problems = judgeAnswer(sent, expected, row.page);
  if (outOfScope(cell)) {
    // A missing id gets the same answer whichever scoped key of that role asks (SA and TA share one).
    const cache = `${cell.op}|${key.role}|${cell.target.axis}`;
    let missing = missingAnswers.get(cache);
    if (!missing) {
      const id = crypto.randomUUID();
      missing = { sent: await send(method, template, { ...ctx, pathId: id }, key.headers, req, row), id };
      missingAnswers.set(cache, missing);
    }
    problems.push(...judgeLikeMissing(sent, missing.sent, ctx.pathId, missing.id));
  }
  if (expected.allowed && scoped && row.check) {
    const problem = row.check(ctx, sent.json);
    if (problem) problems.push(problem);
  }
  if (scoped) {
    problems.push(...judgeLeaks(sent, foreignTokens(world, key)));
    problems.push(...judgeWebex(await simRequests(), world, key));
    problems.push(...judgeDatabase(await changes(), key));
  } else {
    unread = true;
  }
  return { cell, status: sent.status, problems };
}

const describeCell = (o: Outcome) => {
  const { cell } = o;
  const expected = cell.expected.allowed
    ? `allowed ${cell.expected.statuses.join("/")}`
    : `${cell.expected.status} (${cell.expected.why})`;
  return `${cell.op} | key ${cell.keyLabel} | id ${cell.target.label}: expected ${expected}, got ${o.status}\n    ${o.problems.join("\n    ")}`;
};

/** Routes as hono holds them and paths as the document writes them, compared without parameter names. */
const shape = (path: string) =>
  path
    .replace(/:\w+\{[^}]*\\\.csv\}/g, "{}.csv")
    .replace(/:\w+(\{[^}]*\})?/g, "{}")
    .replace(/\{\w+\}/g, "{}");

describe("tenant isolation, generated from the OpenAPI document", () => {
  let documented: string[];

  beforeAll(async () => {
    const started = Date.now();
    world = await buildWorld();
    await installChangeLog();
    console.log(`isolation world built in ${Math.round((Date.now() - started) / 1000)} s`);
    const doc = readDocument(await (await call("/api/v1/openapi.json")).json());
    documented = doc.operations.map((op) => `${op.method} ${op.path}`);
  }, 120_000);

  it("has a row for every documented operation and every route the worker serves, and no row for none", () => {
    const rows = Object.entries(table);
    const listed = rows.filter(([, row]) => !row.undocumented).map(([op]) => op);
    expect(
      documented.filter((op) => !listed.includes(op)),
      "operations without a row",
    ).toEqual([]);
    expect(
      listed.filter((op) => !documented.includes(op)),
      "rows for no documented operation",
    ).toEqual([]);
    // A route served but not documented must not escape the matrix either.
    const served = [
      ...new Set(
        createApp()
          .routes.filter((r) => r.method !== "ALL")
          .map((r) => `${r.method} ${shape(r.path)}`),
      ),
    ];
    const known = new Set(rows.map(([op]) => shape(op)));
    expect(
      served.filter((route) => !known.has(route)),
      "routes without a row",
    ).toEqual([]);
    const undocumented = rows.filter(([, row]) => row.undocumented).map(([op]) => shape(op));
    expect(
      undocumented.filter((op) => !served.includes(op)),
      "undocumented rows for no route",
    ).toEqual([]);
  });

  it(`answers ${SIZE} as R1–R7 say, leaking nothing and changing nothing outside the key's scope`, async () => {
    const started = Date.now();
    const before = await fingerprint();
    await changes();
    await simRequests();
    const outcomes: Outcome[] = [];
    let n = 0;
    for (const cell of CELLS) outcomes.push(await runCell(cell, ++n));
    await changes();
    const missed = changedSlices(before, await fingerprint()).filter((slice) => !everChanged.has(slice));
    const failed = outcomes.filter((o) => o.problems.length > 0);
    console.log(
      `isolation matrix: ${SIZE}; ${failed.length} failing; ran in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    if (failed.length) console.log(failed.map(describeCell).join("\n"));
    expect(missed, "slices that changed without the change log seeing them").toEqual([]);
    expect(failed.map(describeCell)).toEqual([]);
  }, 600_000);

  it("refuses the bodies that move a customer onto another org (R5) or probe another customer by a conflict (R7)", async () => {
    await dropUnread();
    unread = true;
    const problems: string[] = [];
    for (const probe of PROBES) {
      await changes();
      await simRequests();
      const key = world.keys[probe.key];
      const body = probe.body(world);
      const res = await sendJson(probe.method, probe.path(world), key.headers, body);
      const text = await res.text();
      const sent: Sent = {
        url: probe.path(world),
        method: probe.method,
        status: res.status,
        text,
        headers: res.headers.get("location") ?? "",
        json: null,
        echo: `${probe.path(world)}\n${JSON.stringify(body)}`,
      };
      const wrote = await changes();
      const found: string[] = [];
      if (!probe.status.includes(res.status)) found.push(`answered ${res.status}: ${text.slice(0, 240)}`);
      if (res.status === 409) {
        const message = (JSON.parse(text) as { error: { message: string } }).error.message;
        for (const says of probe.says)
          if (!(typeof says === "string" ? message.includes(says) : says.test(message)))
            found.push(`the refusal does not say ${says}: ${message}`);
        const changed = [...wrote.keys()].filter((slice) => !slice.endsWith(" audit"));
        if (changed.length) found.push(`a refusal changed ${changed.join(", ")}`);
      }
      if (key.scope !== "all") {
        found.push(...judgeLeaks(sent, foreignTokens(world, key)));
        found.push(...judgeWebex(await simRequests(), world, key));
        found.push(...judgeDatabase(wrote, key));
      }
      if (found.length) problems.push(`${probe.title}\n    ${found.join("\n    ")}`);
    }
    if (problems.length) console.log(problems.join("\n"));
    expect(problems).toEqual([]);
  });
});
