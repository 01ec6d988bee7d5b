/**
 * Terminal output. Results go to stdout (ids, tables, JSON for scripts); progress and
 * diagnostics go to stderr, so `cairn run x --wait > out.json` keeps only the output.
 */
import pc from "picocolors";
import type { ApiError, ConnectionError } from "../client";

export const color = pc;

export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}

export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Pretty JSON on stdout: what `--json` prints. */
export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Rows as aligned columns; the last column is not padded. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ");
  print(color.bold(line(header)));
  for (const row of rows) print(line(row));
}

/**
 * An API error as the user needs it: the problem's detail and each field path with its
 * message, never a stack trace.
 */
export function describeApiError(error: ApiError): string[] {
  const title = error.problem?.title ?? "Request failed";
  const lines = [`${color.red("error")}: ${error.status} ${title}: ${error.message}`];
  // A validation problem's detail already lists its fields; print the ones it does not.
  for (const issue of error.problem?.errors ?? []) {
    const field = `${issue.path === "" ? "(body)" : issue.path}: ${issue.message}`;
    if (!error.message.includes(`${issue.path}: ${issue.message}`)) lines.push(`  ${field}`);
  }
  if (error.status === 401) {
    lines.push("  (set CAIRN_TOKEN, or run in the folder whose .dev.vars holds API_TOKEN)");
  }
  return lines;
}

export function describeConnectionError(error: ConnectionError): string[] {
  return [
    `${color.red("error")}: ${error.message}`,
    "  (is the Worker running? `npm start` serves one on :8787; set CAIRN_URL for another)",
  ];
}
