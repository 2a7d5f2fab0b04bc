/**
 * RFC 4180 CSV writing: CRLF record ends, a cell is quoted when it holds a comma, quote,
 * CR or LF (or starts or ends with a space, which spreadsheets would otherwise trim), and
 * quotes inside are doubled. Output is UTF-8 text with no BOM.
 */

/** One cell as RFC 4180 text. */
export function csvCell(value: string | number | null | undefined): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV text: the header row, then one line per row, each ended by CRLF. */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const line = (cells: ReadonlyArray<string | number | null | undefined>) => cells.map(csvCell).join(',');
  return [header, ...rows].map((r) => `${line(r)}\r\n`).join('');
}
