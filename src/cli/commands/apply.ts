import type { ActionSource, CairnClient, JobSource } from "../../client";
import { expectDone, expectOk } from "../../client";
import { checkSources, formatProblem } from "../check";
import { connect } from "../config";
import { EXIT, type ExitCode } from "../errors";
import { color, print, printError, printJson } from "../output";
import { type Change, planChanges, prunedNames, type RemoteState } from "../plan";
import { loadSources, type Problem, type Source } from "../sources";

export interface ApplyOptions {
  dryRun?: boolean;
  prune?: boolean;
  json?: boolean;
}

/** Largest page the list routes give. */
const PAGE_LIMIT = 200;

/**
 * `cairn apply <path>...`: makes the server's actions and jobs match the files. Every file
 * is checked first (with the server's actions that stay known to the jobs); one problem
 * anywhere and nothing is applied. Then the plan is printed and, unless --dry-run, carried out.
 */
export async function applyCommand(paths: string[], options: ApplyOptions): Promise<ExitCode> {
  const { sources, problems: parseProblems } = loadSources(paths);
  // Files that do not even parse need no server to be reported.
  if (parseProblems.length > 0) return reportProblems(parseProblems);
  const client = connect();
  const remote = await readRemote(client, sources);
  const pruned = options.prune ? prunedNames(remote.actions.keys(), actionsOf(sources)) : new Set();
  const kept = new Map([...remote.actions].filter(([name]) => !pruned.has(name)));
  const { problems } = checkSources(sources, kept);
  if (problems.length > 0) return reportProblems(problems);
  const changes = planChanges(sources, remote, options.prune === true);
  if (options.json && options.dryRun) {
    printJson({ dry_run: true, changes: changes.map(describeChange) });
    return EXIT.ok;
  }
  if (!options.json) printPlan(changes);
  if (options.dryRun) {
    printError("dry run: nothing applied");
    return EXIT.ok;
  }
  const applied = [];
  for (const change of changes) applied.push(await applyChange(client, change));
  if (options.json) printJson({ dry_run: false, changes: applied });
  else printError(color.green(`applied: ${summarize(changes, "done")}`));
  return EXIT.ok;
}

function reportProblems(problems: readonly Problem[]): ExitCode {
  for (const problem of problems) print(formatProblem(problem));
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  printError(color.red(`${count}: nothing applied`));
  return EXIT.failure;
}

/** The stored actions (as written) and, for the jobs in the files, their source and version. */
async function readRemote(client: CairnClient, sources: readonly Source[]): Promise<RemoteState> {
  const actions = new Map<string, unknown>();
  for (const action of await listAll((cursor) =>
    client.GET("/actions", { params: { query: { limit: PAGE_LIMIT, cursor } } }),
  )) {
    const { created_at: _created, updated_at: _updated, ...written } = action;
    actions.set(action.name, written);
  }
  const jobNames = (
    await listAll((cursor) =>
      client.GET("/jobs", { params: { query: { limit: PAGE_LIMIT, cursor } } }),
    )
  ).map((job) => job.name);
  const wanted = new Set(
    sources.filter((source) => source.kind === "job").map((source) => source.name),
  );
  const jobs = new Map<string, { version: number; definition: unknown }>();
  for (const name of jobNames) {
    if (!wanted.has(name)) {
      jobs.set(name, { version: 0, definition: undefined });
      continue;
    }
    const job = await expectOk(client.GET("/jobs/{name}", { params: { path: { name } } }));
    jobs.set(name, { version: job.version, definition: job.definition });
  }
  return { actions, jobs };
}

type Page<T> = Promise<{
  data?: { items: T[]; next_cursor: string | null };
  error?: unknown;
  response: Response;
}>;

async function listAll<T>(fetchPage: (cursor: string | undefined) => Page<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await expectOk(fetchPage(cursor));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

type Applied = ReturnType<typeof describeChange>;

async function applyChange(client: CairnClient, change: Change): Promise<Applied> {
  const path = { params: { path: { name: change.name } } };
  if (change.op === "unchanged") return describeChange(change);
  if (change.op === "delete") {
    await expectDone(
      change.kind === "job"
        ? client.DELETE("/jobs/{name}", path)
        : client.DELETE("/actions/{name}", path),
    );
    printError(`deleted ${change.kind} ${change.name}`);
    return describeChange(change);
  }
  if (change.kind === "action") {
    await expectOk(
      client.PUT("/actions/{name}", { ...path, body: change.source.value as ActionSource }),
    );
    printError(`${change.op === "create" ? "created" : "updated"} action ${change.name}`);
    return describeChange(change);
  }
  const job = await expectOk(
    client.PUT("/jobs/{name}", { ...path, body: change.source.value as JobSource }),
  );
  printError(
    `${change.op === "create" ? "created" : "updated"} job ${change.name} (version ${job.version})`,
  );
  return { ...describeChange(change), version: job.version };
}

function describeChange(change: Change) {
  return {
    op: change.op,
    kind: change.kind,
    name: change.name,
    ...("source" in change ? { file: change.source.file } : {}),
    ...("version" in change && change.version !== undefined ? { version: change.version } : {}),
  };
}

function printPlan(changes: readonly Change[]): void {
  if (changes.length === 0) {
    print("plan: nothing to do");
    return;
  }
  print(`plan: ${summarize(changes)}`);
  const width = Math.max(...changes.map((change) => change.name.length));
  for (const change of changes) {
    const version =
      change.op === "update" && change.version !== undefined
        ? `  (makes version ${change.version})`
        : "";
    const where = "source" in change ? `  ${color.dim(change.source.file)}` : "";
    print(
      `  ${OP_COLORS[change.op](change.op.padEnd(9))}  ${change.kind.padEnd(6)}  ${change.name.padEnd(width)}${version}${where}`,
    );
  }
}

const OP_COLORS: Record<Change["op"], (text: string) => string> = {
  create: color.green,
  update: color.yellow,
  unchanged: color.dim,
  delete: color.red,
};

const WORDS = {
  planned: {
    create: "to create",
    update: "to update",
    unchanged: "unchanged",
    delete: "to delete",
  },
  done: { create: "created", update: "updated", unchanged: "unchanged", delete: "deleted" },
} as const;

function summarize(changes: readonly Change[], tense: keyof typeof WORDS = "planned"): string {
  const ops = ["create", "update", "unchanged", "delete"] as const;
  return ops
    .map((op) => `${changes.filter((change) => change.op === op).length} ${WORDS[tense][op]}`)
    .join(", ");
}

function actionsOf(sources: readonly Source[]): Source[] {
  return sources.filter((source) => source.kind === "action");
}
