import { describe, expect, it } from "vitest";
import { validateSettings } from "./OptionsForm.tsx";

const key = `wxs_${"A".repeat(43)}`;

describe("validateSettings", () => {
  it.each([
    [{ workerUrl: "not a url", apiKey: "" }, "Worker URL: enter a full URL"],
    [{ workerUrl: "http://wxsync.example.com", apiKey: "" }, "Worker URL: use https"],
    [{ workerUrl: "https://wxsync.example.com", apiKey: "secret" }, "API key: wxsync keys start with wxs_"],
  ])("names the field and the problem for %j", (settings, expected) => {
    expect(validateSettings(settings)).toContain(expected);
  });

  it("accepts https workers, local http workers and well-formed keys", () => {
    expect(validateSettings({ workerUrl: "https://wxsync.example.com", apiKey: key })).toBeNull();
    expect(validateSettings({ workerUrl: "http://127.0.0.1:8787", apiKey: "" })).toBeNull();
  });
});
