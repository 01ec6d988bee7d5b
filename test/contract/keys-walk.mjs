// The walk of the access routes and answers: API keys made, listed and revoked through
// /keys, and the 403 and 429 answers the document gives token routes, each produced by a
// real key against the real route table and rate limiter.

/**
 * Walks /keys and the answers keys meet. `jobs` names two saved jobs: `allowed` for the
 * run key, `other` outside it. `ratePerMinute` is the Worker's RATE_LIMIT_PER_MINUTE.
 */
export async function walkKeys({ walker, report, jobs, ratePerMinute }) {
  const { send } = walker;
  report.section("Route walk: API keys, scopes and the rate limit");
  const reader = await send("post", "/keys", {
    body: { name: "contract reader", scopes: ["read"] },
    status: 201,
  });
  const runner = await send("post", "/keys", {
    body: { name: "contract runner", scopes: ["run"], jobs: [jobs.allowed] },
    status: 201,
  });
  await walker.refuseInvalidBodies("post", "/keys");
  await send("get", "/keys", { status: 200 });

  const as = (created) => ({
    auth: false,
    headers: { authorization: `Bearer ${created.body.key}` },
  });
  await send("post", "/jobs", { ...as(reader), body: { name: "contract-never" }, status: 403 });
  await send("get", "/keys", { ...as(runner), status: 403 });
  await send("post", "/jobs/{name}/runs", {
    ...as(runner),
    params: { name: jobs.other },
    status: 403,
  });

  // A body the route rejects still counts: the limit is taken before the body is read.
  const limited = { ...as(runner), params: { name: jobs.allowed }, body: [] };
  // The bucket refills while the calls are made (a loaded machine makes them slowly), so
  // the bound leaves room beyond the limit itself.
  let calls = 0;
  while (
    calls < ratePerMinute * 3 &&
    (await walker.peek("post", "/jobs/{name}/runs", limited)) !== 429
  )
    calls += 1;
  const refused = await send("post", "/jobs/{name}/runs", { ...limited, status: 429 });
  const retryAfter = refused.headers.get("retry-after");
  report.check(
    /^[1-9]\d*$/.test(retryAfter ?? ""),
    `after ${calls} calls the run key gets 429 with the documented Retry-After (${retryAfter} s)`,
    `Retry-After: ${retryAfter}`,
  );

  await send("delete", "/keys/{id}", { params: { id: runner.body.id }, status: 204 });
  await send("delete", "/keys/{id}", { params: { id: reader.body.id }, status: 204 });
  await send("get", "/runs", { ...as(reader), status: 401 });
}
