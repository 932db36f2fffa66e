import { describe, expect, it } from "vitest";
import { explainBroadworksError } from "./errors.ts";
import {
  directorySyncSchema,
  directorySyncStatusSchema,
  enterpriseSchema,
  externalUserSyncSchema,
} from "./schemas.ts";

type Json = Record<string, unknown>;

/**
 * The official BroadWorks spec: `WEBEX_OPENAPI_DIR`, else the project's reference folder beside the checkout.
 * It is not part of this repository; a checkout without it skips the spec test (and says so).
 */
async function loadSpec(): Promise<Json | null> {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const dirs = [
    env?.WEBEX_OPENAPI_DIR && `file://${env.WEBEX_OPENAPI_DIR.replace(/\/?$/, "/")}`,
    new URL("../../../../../shared/webex-api/openapi/", import.meta.url).href,
    "file:///work/shared/webex-api/openapi/",
  ].filter((d): d is string => !!d);
  for (const dir of dirs) {
    try {
      const mod = (await import(`${dir}webex-broadworks.json`, { with: { type: "json" } })) as {
        default: Json;
      };
      return mod.default;
    } catch {
      // Not in this place: try the next.
    }
  }
  return null;
}

const spec = await loadSpec();

describe("schemas", () => {
  it("accepts what Webex sends while a sync has not run: no counts, no times", () => {
    expect(
      directorySyncSchema.parse({ enableDirSync: true, directorySyncStatus: { syncStatus: "NOT_SYNCED" } }),
    ).toEqual({
      enableDirSync: true,
      directorySyncStatus: { syncStatus: "NOT_SYNCED" },
    });
  });

  it("keeps unknown fields, reads a garbled count as absent and an error code sent as text as a number", () => {
    const s = directorySyncStatusSchema.parse({
      syncStatus: "FAILED",
      usersAdded: null,
      newField: "kept",
      errors: [{ errorCode: "600014", description: "no connection" }],
    });
    expect(s).toEqual({
      syncStatus: "FAILED",
      usersAdded: undefined,
      newField: "kept",
      errors: [{ errorCode: 600014, description: "no connection" }],
    });
  });

  it("refuses answers wxsync cannot act on", () => {
    expect(enterpriseSchema.safeParse({ orgId: "o", spEnterpriseId: "x" }).success).toBe(false);
    expect(directorySyncSchema.safeParse({ directorySyncStatus: {} }).success).toBe(false);
    expect(externalUserSyncSchema.safeParse({ userResponse: { userId: "u" }, status: "MAYBE" }).success).toBe(
      false,
    );
  });
});

describe.skipIf(!spec)("schemas against the official BroadWorks spec's examples", () => {
  const doc = spec ?? {};
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;

  /** An example built from a schema's per-property examples, `$ref`s followed: the spec's fullest sample. */
  function fromSchema(node: Json): unknown {
    if (typeof node.$ref === "string") return fromSchema(schemas[node.$ref.split("/").pop()!]!);
    if (node.type === "array") return [fromSchema(node.items as Json)];
    if (node.properties) {
      return Object.fromEntries(
        Object.entries(node.properties as Record<string, Json>).map(([k, v]) => [k, fromSchema(v)]),
      );
    }
    return node.example ?? (Array.isArray(node.enum) ? node.enum[0] : undefined);
  }

  /** The 200 answer's own example and the one built from its schema, for one operation. */
  function examples(path: string, method: string): unknown[] {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const content = ((paths[path]![method]!.responses as Record<string, Json>)["200"]!.content as Json)[
      "application/json"
    ] as Json;
    return [content.example, fromSchema(content.schema as Json)];
  }

  it("parses the enterprise list, with and without the items wrapper the schema forgets", () => {
    const [listed, bare] = examples("/broadworks/enterprises", "get") as Json[];
    const items = listed!.items as unknown[];
    expect(items).toHaveLength(1);
    for (const item of [...items, bare]) {
      const e = enterpriseSchema.parse(item);
      expect(e.spEnterpriseId).toBe("Reseller1+acme");
      expect(e.broadworksDirectorySync?.directorySyncStatus?.syncStatus).toBe("COMPLETE");
    }
  });

  it("parses the answers to enabling, Sync now and reading the status", () => {
    const base = "/broadworks/enterprises/{id}/broadworksDirectorySync";
    const [put] = examples(base, "put").map((x) => directorySyncSchema.parse(x));
    const [post] = examples(base, "post").map((x) => directorySyncSchema.parse(x));
    expect(put!.directorySyncStatus?.syncStatus).toBe("NOT_SYNCED");
    expect(post!.directorySyncStatus?.syncStatus).toBe("IN_PROGRESS");
    const [short, full] = examples(base, "get").map((x) => directorySyncSchema.parse(x));
    expect(short!.directorySyncStatus).toMatchObject({ usersAdded: 44, totalExternalUsersInCI: 1077 });
    expect(full!.directorySyncStatus?.lastSyncTrackingId).toMatch(/^NA_/);
    // The spec's example error code is not a 6000xx one: it parses, and is explained as unknown.
    const code = full!.directorySyncStatus!.errors![0]!.errorCode;
    expect(code).toBe(6003);
    expect(explainBroadworksError(code).known).toBe(false);
  });

  it("parses the single-user sync answer", () => {
    for (const x of examples("/broadworks/enterprises/{id}/broadworksDirectorySync/externalUser", "post")) {
      expect(externalUserSyncSchema.parse(x)).toMatchObject({
        status: "ADD",
        userResponse: { userId: "john.anderson@acme.com" },
      });
    }
  });
});
