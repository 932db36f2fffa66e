/**
 * `npm run bench -- export [--rows 100000] [--runs 3]`: the worker under `wrangler dev` streaming the number
 * inventory of one customer with `--rows` numbers as CSV. Prints, per run, the time to the first byte of the
 * body, the total time, the size, and the worker's peak memory next to the file size (the file is never held
 * whole: the peak stays far below it). Rows are written straight into local D1, so only the export is timed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureLocalApiKey } from "../lib/local-api-key.ts";
import { persistArgs, startStack } from "../lib/local-stack.ts";
import { WORKER_DIR, WRANGLER } from "../lib/paths.ts";
import { freePort } from "../lib/ports.ts";
import { runOrThrow } from "../lib/processes.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, runs: { type: "string", default: "3" } },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const CUSTOMER = "00000000-0000-4000-8000-00000000beef";

const q = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`;

/** 100,000 numbers across 40 locations; a third assigned to people whose names need CSV quoting. */
function seedSql(rows: number): string {
  const now = new Date().toISOString();
  const lines = [
    `INSERT INTO customers (id, name, org_id, org_uuid, dirsync_enabled, sync_on_create, created_at, updated_at) VALUES (${q(CUSTOMER)}, 'Bench Numbers', 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9iZW5jaA', '${CUSTOMER}', 0, 0, ${q(now)}, ${q(now)});`,
  ];
  const columns =
    "customer_id, id, label, hash, payload, first_seen_at, changed_at, phone_number, extension, state, phone_number_type, main_number, toll_free_number, location_id, location_name, owner_id, owner_type, owner_name, status, usage, vendor, calling_licensed";
  // D1 refuses statements over 100 KB: 100 rows each.
  for (let start = 0; start < rows; start += 100) {
    const values: string[] = [];
    for (let i = start; i < Math.min(rows, start + 100); i++) {
      const number = `+1408${String(5_000_000 + i).padStart(7, "0")}`;
      const location = `loc-${i % 40}`;
      const owned = i % 3 === 0;
      const owner = owned ? `O'Brien, "Pat" ${i}` : null;
      const payload = JSON.stringify({
        phoneNumber: number,
        extension: String(10000 + (i % 90000)),
        state: "ACTIVE",
        location: { id: location, name: `Site ${i % 40}, Building A` },
        owner: owned
          ? { id: `person-${i}`, type: "PEOPLE", firstName: "Pat", lastName: `O'Brien ${i}` }
          : undefined,
      });
      values.push(
        `(${[
          q(CUSTOMER),
          q(number),
          q(number),
          q(`h${i}`),
          q(payload),
          q(now),
          q(now),
          q(number),
          q(String(10000 + (i % 90000))),
          q("ACTIVE"),
          q("PRIMARY"),
          0,
          0,
          q(location),
          q(`Site ${i % 40}, Building A`),
          owned ? q(`person-${i}`) : "NULL",
          owned ? q("PEOPLE") : "NULL",
          q(owner),
          q(owned ? "Used" : "Available"),
          q(owned ? "User" : null),
          q("Webex Calling"),
          1,
        ].join(", ")})`,
      );
    }
    lines.push(`INSERT INTO webex_number (${columns}) VALUES ${values.join(",\n")};`);
  }
  return lines.join("\n");
}

/** Resident memory (MB) of the worker's workerd processes, found through the worker service's process group. */
function workerdRssMb(pgid: number): number | null {
  const ps = spawnSync("ps", ["-eo", "pgid=,rss=,comm="], { encoding: "utf8" });
  if (ps.status !== 0) return null;
  let kb = 0;
  for (const line of ps.stdout.split("\n")) {
    const [group, rss, ...comm] = line.trim().split(/\s+/);
    if (Number(group) === pgid && comm.join(" ").includes("workerd")) kb += Number(rss);
  }
  return kb > 0 ? kb / 1024 : null;
}

async function main() {
  const persistTo = mkdtempSync(join(tmpdir(), "wxsync-bench-export-"));
  let key = "";
  const stack = await startStack({
    workerPort: await freePort(),
    simPort: await freePort(),
    persistTo,
    logDir: persistTo,
    prepare: async () => {
      key = (await ensureLocalApiKey(persistTo)).key;
      const file = join(persistTo, "seed.sql");
      writeFileSync(file, seedSql(ROWS));
      const started = performance.now();
      runOrThrow(WRANGLER, ["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--file", file], {
        cwd: WORKER_DIR,
        env: {
          WRANGLER_SEND_METRICS: "false",
          WRANGLER_SEND_ERROR_REPORTS: "false",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
        },
      });
      console.log(
        `seeded ${ROWS} numbers into local D1 in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  });
  try {
    const worker = stack.services.find((s) => s.name === "worker")!;
    const pgid = worker.child.pid!;
    const url = `${stack.workerUrl}/api/v1/customers/${CUSTOMER}/number-inventory.csv`;
    // Warm up: the first request compiles the worker.
    await (await fetch(`${stack.workerUrl}/api/v1/health`)).text();
    console.log(`\n## number-inventory.csv, ${ROWS} rows (wrangler dev, local D1)`);
    console.log(
      "run | first byte ms | total ms | MB | rows | workerd RSS before → peak MB (includes local D1's SQLite)",
    );
    for (let run = 1; run <= RUNS; run++) {
      const before = workerdRssMb(pgid);
      let peak = before ?? 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, workerdRssMb(pgid) ?? 0);
      }, 100);
      const started = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
      if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
      const reader = res.body.getReader();
      let firstByte = 0;
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!firstByte) firstByte = performance.now() - started;
        bytes += value.byteLength;
        for (const b of value) if (b === 10) lines++;
      }
      const total = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, workerdRssMb(pgid) ?? 0);
      // Quoted owner names hold no line breaks, so records = lines − header.
      console.log(
        `${run} | ${firstByte.toFixed(0)} | ${total.toFixed(0)} | ${(bytes / 1e6).toFixed(1)} | ${lines - 1} | ${before === null ? "n/a" : `${before.toFixed(0)} → ${peak.toFixed(0)}`}`,
      );
      if (lines - 1 !== ROWS) throw new Error(`expected ${ROWS} rows, got ${lines - 1}`);
    }
  } finally {
    await stack.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
