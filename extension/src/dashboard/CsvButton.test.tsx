import { describe, expect, it, vi } from "vitest";
import { CsvButton } from "./CsvButton.tsx";
import { click, fakeSend, mount, ok, one } from "./testing.ts";

describe("CSV button", () => {
  it("asks the worker for the export and saves it under the worker's file name", async () => {
    const { send, callsOf } = fakeSend({
      "csv.get": () => ok({ fileName: "Acme-SyncRuns.csv", text: "id\nr1\n" }),
    });
    const download = vi.fn(async (file: { fileName: string }) => ({
      ok: true as const,
      fileName: file.fileName,
    }));
    const root = await mount(
      <CsvButton
        send={send}
        path="/api/v1/customers/c1/runs.csv"
        label="Runs CSV"
        testid="csv"
        download={download}
      />,
    );
    await click(one(root, "csv"));
    expect(callsOf("csv.get")).toEqual([{ path: "/api/v1/customers/c1/runs.csv" }]);
    expect(download).toHaveBeenCalledWith({ fileName: "Acme-SyncRuns.csv", text: "id\nr1\n" });
    expect(one(root, "csv-note")?.textContent).toBe("Saved Acme-SyncRuns.csv");
  });
});
