/**
 * The slice of `node:child_process` that test/support/workers-config.ts uses (the project
 * type-checks without @types/node, see node-http.d.ts).
 */
declare module "node:child_process" {
  export function execFileSync(
    file: string,
    args: readonly string[],
    options: { stdio: "ignore" | "inherit" },
  ): unknown;
}
