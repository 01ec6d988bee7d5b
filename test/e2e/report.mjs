// A tiny check collector: every check prints one line, failures are kept for the summary
// and the exit code. Checks do not throw, so one run reports every problem it has.

/** Creates `{ check, section, failures }`; `check(condition, message, detail?)` returns the condition. */
export function createReport() {
  const failures = [];
  let passed = 0;
  return {
    failures,
    passed: () => passed,
    section(title) {
      console.log(`\n== ${title}`);
    },
    check(condition, message, detail) {
      if (condition) {
        passed++;
        console.log(`  ok   ${message}`);
      } else {
        failures.push(detail === undefined ? message : `${message}\n       ${detail}`);
        console.log(`  FAIL ${message}${detail === undefined ? "" : `\n       ${detail}`}`);
      }
      return Boolean(condition);
    },
    note(message) {
      console.log(`  note ${message}`);
    },
  };
}
