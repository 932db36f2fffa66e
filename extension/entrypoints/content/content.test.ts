import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Every file of ours the content script imports, followed through relative imports. */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, spec] of text.matchAll(/from\s+"(\.[^"]+)"/g)) visit(resolve(dirname(file), spec!));
  };
  visit(entry);
  return [...seen];
}

describe("the content script", () => {
  it("reads no settings, storage or messages: it only places the panel frame", () => {
    const files = importGraph(join(import.meta.dirname, "index.ts"));
    expect(files.map((f) => f.replace(/^.*\/extension\//, "")).sort()).toEqual([
      "entrypoints/content/index.ts",
      "src/host/panel-host.ts",
      "src/panel-page/size.ts",
    ]);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/storage\.|settings|sendMessage|\bsend\(/);
    }
  });
});
