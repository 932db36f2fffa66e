import { describe, expect, inject, it } from "vitest";
import { CONTRACT, contractGaps } from "../src/worker-api/contract.ts";

describe("the extension's worker client", () => {
  it("reads only fields the worker's OpenAPI document promises", async () => {
    const doc = (await (await fetch(`${inject("workerUrl")}/api/v1/openapi.json`)).json()) as {
      components: { schemas: Record<string, Parameters<typeof contractGaps>[2]> };
    };
    const gaps = Object.entries(CONTRACT).flatMap(([name, schema]) =>
      contractGaps(name, schema, doc.components.schemas[name]),
    );
    expect(gaps).toEqual([]);
  });
});
