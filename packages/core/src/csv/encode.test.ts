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

  // Input → what the cell holds. One table, so the choices (numbers, phone numbers, separators) read in one place.
  const FORMULA_GUARD: [string, unknown, string][] = [
    ["formula", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["plus", "+SUM(1,2)", "'+SUM(1,2)"],
    ["minus", "-2+3", "'-2+3"],
    ["at", "@HYPERLINK(x)", "'@HYPERLINK(x)"],
    ["tab first", "\t=1", "'\t=1"],
    ["CR first", "\r=1", "'\r=1"],
    ["tab first, then text", "\tplain", "'\tplain"],
    ["NUL first", "\0x", "'\0x"],
    ["spaces before =", "   =1+1", "'   =1+1"],
    ["line feed before +", "\n+1", "'\n+1"],
    ["NBSP before -", "\u00A0-1", "'\u00A0-1"],
    ["ideographic space before @", "\u3000@x", "'\u3000@x"],
    ["zero-width space before =", "\u200B=1", "'\u200B=1"],
    ["full-width =", "\uFF1D1+1", "'\uFF1D1+1"],
    ["full-width +", "\uFF0B1", "'\uFF0B1"],
    ["full-width -", "\uFF0D1", "'\uFF0D1"],
    ["full-width @", "\uFF20x", "'\uFF20x"],
    ["semicolon, then formula", "a;=1+1", "'a;=1+1"],
    ["comma and space, then formula", "Sales, =1+1", "'Sales, =1+1"],
    ["tab, then formula", "a\t@x", "'a\t@x"],
    ["pipe, spaces, then formula", "a |  -x", "'a |  -x"],
    ["semicolon, NBSP, full-width =", "a;\u00A0\uFF1Dx", "'a;\u00A0\uFF1Dx"],
    ["a list whose second item is a formula", ["Ann", "=1+1"], "'Ann; =1+1"],
    ["an object with a formula-like key after a comma", { a: "x", "@k": "y" }, "'a: x, @k: y"],
    // Left alone: the formula character is not where a cell (or a split cell) starts.
    ["= inside", "a=b", "a=b"],
    ["email", "ann@example.com", "ann@example.com"],
    ["hyphenated name", "Jean-Luc Picard", "Jean-Luc Picard"],
    ["separator, then text", "Sales, EMEA", "Sales, EMEA"],
    ["separator, then text with a sign inside", "a; b-c", "a; b-c"],
    ["an object's value (after its key)", { b: "@y" }, "b: @y"],
    // Numbers (our choice, see encode.ts): a JSON number is data; text shaped like a number is text.
    ["negative number", -5, "-5"],
    ["number", 14085550100, "14085550100"],
    ["negative number as text", "-5", "'-5"],
    ["E.164 phone number", "+14085550100", "'+14085550100"],
    ["spaced phone number", "+1 408 555 0100", "'+1 408 555 0100"],
    ["phone number in brackets", "(408) 555-0100", "(408) 555-0100"],
    ["extension", "1000", "1000"],
    ["phone numbers in a list", ["+1 408 555 0100", "+1 408 555 0101"], "'+1 408 555 0100; +1 408 555 0101"],
    ["extension, then a phone number", ["1000", "+14085550100"], "'1000; +14085550100"],
  ];

  it.each(FORMULA_GUARD)("guards formulas: %s", (_, input, cell) => {
    expect(cellText(input)).toBe(cell);
  });

  it("keeps the guard through quoting and a real CSV parser", () => {
    const [row] = parseCsv(csvRow(["=1+1", "+14085550100", "a;=1", "Sales, EMEA", -5]));
    expect(row).toEqual(["'=1+1", "'+14085550100", "'a;=1", "Sales, EMEA", "-5"]);
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
