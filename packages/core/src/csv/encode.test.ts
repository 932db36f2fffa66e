import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cellText, csvChunks, csvRow, everyPage, readableName } from "./index.ts";

const parseCsv = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

describe("CSV cells", () => {
  it("round-trips commas, quotes, line breaks and non-Latin text through a real CSV parser", () => {
    const values = [
      'Smith, "Bob"',
      "line one\nline two",
      "Zoë Ångström",
      "山田 太郎",
      "Ωμέγα",
      "tab\there",
      "",
    ];
    expect(parseCsv(csvRow(values))).toEqual([values]);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const evil of ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@HYPERLINK(x)", "\t=1", "\r=1"])
      expect(cellText(evil)).toBe(`'${evil}`);
    expect(cellText("a=b")).toBe("a=b");
    // Numbers are data: written as they are.
    expect(cellText(-5)).toBe("-5");
    const [row] = parseCsv(csvRow(["=1+1", "+14085550100"]));
    expect(row).toEqual(["'=1+1", "'+14085550100"]);
  });

  it("puts a list or an object in one readable cell", () => {
    expect(cellText(["+1 408 555 0100", "+1 408 555 0101"])).toBe("'+1 408 555 0100; +1 408 555 0101");
    expect(
      cellText([
        { type: "work", value: "1000" },
        { type: "mobile", value: "2000" },
      ]),
    ).toBe("type: work, value: 1000; type: mobile, value: 2000");
    expect(cellText({ a: 1, b: null, c: true })).toBe("a: 1, c: true");
    expect(cellText(null)).toBe("");
    expect(cellText(false)).toBe("false");
    expect(cellText(Number.NaN)).toBe("");
  });

  it("names columns for people", () => {
    expect(readableName("locationId")).toBe("Location ID");
    expect(readableName("phoneNumbers")).toBe("Phone numbers");
    expect(readableName("mac")).toBe("MAC");
    expect(readableName("id")).toBe("ID");
    expect(readableName("webexTrackingId")).toBe("Webex tracking ID");
    expect(readableName("callingLicensed")).toBe("Calling licensed");
  });
});

describe("CSV streams", () => {
  it("writes a header, then one chunk per page, with an optional BOM", async () => {
    async function* pages() {
      yield [{ name: "Ann", n: 1 }];
      yield [];
      yield [{ name: "Bob, Jr.", n: 2 }];
    }
    const chunks: string[] = [];
    for await (const c of csvChunks([{ name: "name" }, { name: "n", header: "Count" }], pages(), {
      bom: true,
    }))
      chunks.push(c);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]?.startsWith("\uFEFFName,Count\r\n")).toBe(true);
    expect(parseCsv(chunks.join(""))).toEqual([
      ["Name", "Count"],
      ["Ann", "1"],
      ["Bob, Jr.", "2"],
    ]);
  });

  it("fetches the next page only when the reader asks for more", async () => {
    const fetched: (string | undefined)[] = [];
    const source = everyPage(async (cursor) => {
      fetched.push(cursor);
      const n = Number(cursor ?? 0);
      return { items: [{ n }], nextCursor: n < 99 ? String(n + 1) : null };
    });
    const chunks = csvChunks([{ name: "n" }], source);
    await chunks.next(); // header
    await chunks.next(); // first page
    expect(fetched).toEqual([undefined]);
    let rest = 0;
    for await (const _ of chunks) rest++;
    expect(rest).toBe(99);
    expect(fetched).toHaveLength(100);
  });
});
