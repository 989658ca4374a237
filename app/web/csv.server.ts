import { slugify } from "~/lib/paths";

// CSV exports, streamed: rows are read from the database a batch at a time and written out as
// the client takes them (a pull stream), so an export of a million rows holds one batch in
// memory and a slow client slows the reading instead of filling the server's memory.
// What spreadsheets need: UTF-8 with a byte-order mark (Excel guesses the encoding without
// one), CRLF line ends and quoted fields (RFC 4180), ISO 8601 dates.

export type CsvCell = string | number | boolean | Date | null | undefined;

// A cell starting with one of these is a formula to a spreadsheet: text people typed (an idea's
// title) must not run as one on the reader's machine, so it is prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** Either of the two above: most cells are plain text, and one test tells them apart. */
const NEEDS_CARE = /^[=+\-@\s]|[",\r\n]|\s$/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return NEEDS_CARE.test(value) ? carefulCell(value) : value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function carefulCell(value: string) {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly CsvCell[]) {
  // A loop rather than map and join: an export writes hundreds of thousands of lines.
  let line = cells.length > 0 ? csvCell(cells[0]) : "";
  for (let index = 1; index < cells.length; index++) line += `,${csvCell(cells[index])}`;
  return `${line}\r\n`;
}

/** "tertulia-ideas-2026-11-24.csv": the site, what it holds, and the day it was made. */
export function csvFilename(siteName: string, what: string, day: Date) {
  return `${slugify(siteName) || "tertulia"}-${what}-${day.toISOString().slice(0, 10)}.csv`;
}

/**
 * A download of `header` and then the rows of `batches`, each batch encoded and sent as the
 * client asks for more. Stopping the download stops the reading.
 */
export function csvResponse(filename: string, header: readonly string[], batches: AsyncIterable<ReadonlyArray<readonly CsvCell[]>>) {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      let chunk = "";
      for (const row of next.value) chunk += csvLine(row);
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
