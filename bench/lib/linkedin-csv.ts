/**
 * Connections.csv in LinkedIn's 2024 layout (FORMATS.md §1.1): the three-line Notes
 * preamble and a blank line, the header, `DD Mon YYYY` dates newest first, RFC 4180
 * quoting, LF line ends and no newline after the last row.
 */

export const CONNECTIONS_PREAMBLE =
  'Notes:\n' +
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n' +
  '\n';
export const CONNECTIONS_HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-05-30` → `30 May 2024`. */
export function connectedOn(day: string): string {
  return `${day.slice(8, 10)} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? 'Jan'} ${day.slice(0, 4)}`;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A row to be sorted into the file. */
export interface ConnectionRow {
  day: string;
  /** Tie-break inside a day: contact index, then 0 for the person and 1.. for hidden rows. */
  index: number;
  sub: number;
  line: string;
}

/** The file's rows, newest first, ties in contact order. */
export function sortRows(rows: ConnectionRow[]): ConnectionRow[] {
  return rows.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.index - b.index || a.sub - b.sub));
}

/** One row from its cells (in header order); Connected On is last. */
export function rowLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',');
}
