export { cellText, csvRow, quoteField, readableName } from "./encode.ts";
export { type CsvColumn, type CsvOptions, csvChunks, everyPage } from "./stream.ts";
