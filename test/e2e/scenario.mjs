// How every end-to-end script (e2e, contract, ui, docs) runs: its main() bounded by an
// overall timeout and ended by Ctrl-C as cleanly as by success, then one summary and the
// exit code. Whichever of main(), the timeout or a signal ends it first wins.

/**
 * Runs `main` and exits: 0 when every check of `report` passed, 1 otherwise. On a failure
 * prints the last `logTailLines` lines of `log` (wrangler's output); `cleanUp` always runs.
 */
export function runScenario({
  name,
  report,
  main,
  cleanUp,
  timeoutMs,
  log = [],
  logTailLines = 40,
}) {
  const startedAt = Date.now();
  let isFinishing = false;

  async function finish(error) {
    if (isFinishing) return;
    isFinishing = true;
    clearTimeout(overall);
    if (error !== undefined) report.check(false, "the scenario ran to the end", describe(error));
    const failed = report.failures.length > 0;
    if (failed && log.length > 0) {
      console.log(`\n== last ${logTailLines} lines of wrangler dev output`);
      console.log(log.slice(-logTailLines).join("\n"));
    }
    await cleanUp();
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(
      `\n== ${name}: ${report.passed()} passed, ${report.failures.length} failed (${seconds}s)`,
    );
    for (const failure of report.failures) console.log(`  - ${failure.split("\n")[0]}`);
    process.exit(failed ? 1 : 0);
  }

  const overall = setTimeout(() => {
    void finish(new Error(`overall timeout: still running after ${timeoutMs / 1000}s`));
  }, timeoutMs);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => void finish(new Error(`interrupted by ${signal}`)));
  }
  main().then(
    () => finish(),
    (error) => finish(error),
  );
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.stack : `${error.stack}\n       cause: ${error.cause}`;
}
