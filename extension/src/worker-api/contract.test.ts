import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contractGaps } from "./contract.ts";

describe("contractGaps", () => {
  it("flags a field the worker does not document, or does not promise, and nothing else", () => {
    const schema = z.object({
      id: z.string(),
      name: z.string(),
      note: z.string().optional(),
      gone: z.string(),
    });
    const documented = { properties: { id: {}, name: {}, note: {} }, required: ["id"] };
    expect(contractGaps("Thing", schema, documented)).toEqual([
      "Thing.name: the extension needs it, the worker does not promise it",
      "Thing.gone: not documented by the worker",
    ]);
    expect(contractGaps("Missing", schema, undefined)).toEqual([
      "Missing: not in the worker's OpenAPI document",
    ]);
  });
});
