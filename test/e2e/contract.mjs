// Shape checks for the responses clients rely on (DESIGN.md "Shapes the clients rely on").
// Extra fields are welcome; missing or mistyped ones are reported by name.

const RUN_FIELDS = ["id", "job", "version", "status", "params", "output", "error"];
const RUN_TIMES = ["created_at", "started_at", "finished_at"];
const STEP_FIELDS = ["id", "status", "attempts", "output", "error", "started_at", "finished_at"];
const EVENT_FIELDS = ["seq", "at", "type", "step_id", "data"];

/** Names of `fields` absent from `object` (null counts as present: it is a value). */
function missingFields(object, fields) {
  return fields.filter(
    (field) => object === null || typeof object !== "object" || !(field in object),
  );
}

/** True for an ISO 8601 date-time string such as 2026-11-23T10:00:00.000Z. */
function isIsoTime(value) {
  return (
    typeof value === "string" &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** `GET /runs/{id}` of a finished run: every contract field, times as ISO 8601 strings. */
export function checkRunShape(report, run) {
  const missing = missingFields(run, [...RUN_FIELDS, ...RUN_TIMES]);
  const badTimes = RUN_TIMES.filter((field) => !isIsoTime(run?.[field]));
  report.check(
    missing.length === 0 && badTimes.length === 0,
    "  GET /runs/{id} has the contract's fields, times in ISO 8601",
    `missing: ${missing.join(", ") || "-"}; not ISO 8601: ${badTimes.join(", ") || "-"}`,
  );
}

/** `GET /runs/{id}/steps`: every step carries the contract fields. */
export function checkStepsShape(report, steps) {
  const problems = [...steps.values()]
    .map((step) => [step.id, missingFields(step, STEP_FIELDS)])
    .filter(([, missing]) => missing.length > 0)
    .map(([id, missing]) => `${id}: ${missing.join(", ")}`);
  report.check(
    problems.length === 0,
    "  GET /runs/{id}/steps has the contract's fields",
    problems.join("; "),
  );
}

/** `GET /runs/{id}/history`: events carry the contract fields and `seq` increases. */
export function checkHistoryShape(report, events) {
  const incomplete = events.filter((event) => missingFields(event, EVENT_FIELDS).length > 0);
  const isOrdered = events.every((event, i) => i === 0 || event.seq > events[i - 1].seq);
  report.check(
    incomplete.length === 0 && isOrdered,
    "  GET /runs/{id}/history events have the contract's fields, in seq order",
    `incomplete: ${JSON.stringify(incomplete.slice(0, 2))}; ordered: ${isOrdered}`,
  );
}
