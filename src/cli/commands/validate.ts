import { checkSources, formatProblem } from "../check";
import { EXIT, type ExitCode } from "../errors";
import { color, print, printError, printJson } from "../output";
import { loadSources } from "../sources";

export interface ValidateOptions {
  json?: boolean;
}

/** `cairn validate <path>...`: every problem of every file, offline; exit 1 if any. */
export function validateCommand(paths: string[], options: ValidateOptions): ExitCode {
  const { sources, problems: parseProblems } = loadSources(paths);
  const problems = [...parseProblems, ...checkSources(sources).problems];
  const files = sources.length + new Set(parseProblems.map((problem) => problem.file)).size;
  if (options.json) {
    printJson({ valid: problems.length === 0, files, problems });
  } else {
    for (const problem of problems) print(formatProblem(problem));
    printError(
      problems.length === 0
        ? color.green(`${files} file${files === 1 ? "" : "s"} valid`)
        : color.red(
            `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}`,
          ),
    );
  }
  return problems.length === 0 ? EXIT.ok : EXIT.failure;
}
