import { describe, expect, it } from "vitest";
import { describeSchedule } from "../../src/definition/schedule-describe";
import { parseSchedule } from "../../src/definition/schedule-expression";

function describeCron(cron: string, timezone = "UTC"): string {
  const parsed = parseSchedule(cron, timezone);
  if (!parsed.ok) throw new Error(parsed.message);
  return describeSchedule(parsed.spec);
}

describe("describeSchedule", () => {
  it.each([
    ["*/5 * * * *", "UTC", "every 5 minutes"],
    ["* * * * *", "UTC", "every minute"],
    ["* * * * * *", "UTC", "every second"],
    ["*/10 * * * * *", "UTC", "every 10 seconds"],
    ["0 * * * *", "UTC", "every hour"],
    ["15 * * * *", "UTC", "every hour at minute 15"],
    ["0 9 * * MON-FRI", "Europe/Berlin", "at 09:00 on Monday–Friday (Europe/Berlin)"],
    ["30 0 9 * * 1,3,5", "UTC", "at 09:00:30 on Monday, Wednesday and Friday (UTC)"],
    ["0 9,17 * * *", "America/New_York", "at 09:00 and 17:00 every day (America/New_York)"],
    ["15 9-17 * * 1-5", "UTC", "at minute 15 during hours 9–17 on Monday–Friday (UTC)"],
    ["*/10 9-17 * * *", "UTC", "every 10 minutes during hours 9–17 (UTC)"],
    ["0 */2 * * *", "Asia/Kolkata", "every 2 hours (Asia/Kolkata)"],
    ["30 */6 * * *", "UTC", "at 00:30, 06:30, 12:30 and 18:30 every day (UTC)"],
    ["15 */3 * * *", "UTC", "every 3 hours at minute 15 (UTC)"],
    ["0 0 * * 5L", "UTC", "at 00:00 on the last Friday of the month (UTC)"],
    ["0 0 * * 1,5L", "UTC", "at 00:00 on Monday and the last Friday of the month (UTC)"],
    ["0 0 L,15 * *", "UTC", "at 00:00 on day 15 and the last day of the month (UTC)"],
    ["0 0 1-5 * 1", "UTC", "at 00:00 on days 1–5 of the month or on Monday (UTC)"],
    ["0 0 1 * *", "UTC", "at 00:00 on day 1 of the month (UTC)"],
    ["0 0 L * *", "UTC", "at 00:00 on the last day of the month (UTC)"],
    ["0 0 1 1,7 *", "UTC", "at 00:00 on day 1 of the month in January and July (UTC)"],
    ["0 8 * * 1#2", "UTC", "at 08:00 on the 2nd Monday of the month (UTC)"],
    ["@daily", "UTC", "at 00:00 every day (UTC)"],
    ["@weekly", "UTC", "at 00:00 on Sunday (UTC)"],
    ["@yearly", "UTC", "at 00:00 on day 1 of the month in January (UTC)"],
    ["@every 5m", "UTC", "every 5 minutes"],
    ["@every 1h", "UTC", "every hour"],
    ["@every 90s", "UTC", "every 1 minute 30 seconds"],
    ["@every 2d", "UTC", "every 2 days"],
  ])("%s in %s: %s", (cron, zone, text) => {
    expect(describeCron(cron, zone)).toBe(text);
  });
});
