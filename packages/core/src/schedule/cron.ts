/**
 * @module schedule/cron
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC) for sync schedules:
 * `*`, lists, ranges and steps. Parsing names the field that is wrong.
 */

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

export type CronSpec = { sets: Set<number>[]; domAny: boolean; dowAny: boolean };

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const match = part.match(/^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/);
    if (!match) throw new Error(`${field.name}: "${part}" is not a number, range, list or step`);
    const step = match[4] ? Number(match[4]) : 1;
    const from = match[1] === "*" ? field.min : Number(match[2]);
    const to = match[1] === "*" ? field.max : match[3] ? Number(match[3]) : match[4] ? field.max : from;
    if (from < field.min || to > field.max || from > to || step < 1) {
      throw new Error(`${field.name}: "${part}" is outside ${field.min}-${field.max}`);
    }
    for (let v = from; v <= to; v += step) out.add(field.name === "day of week" && v === 7 ? 0 : v);
  }
  return out;
}

export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new Error(`expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  return {
    sets: parts.map((p, i) => parseField(p, FIELDS[i]!)),
    domAny: parts[2] === "*",
    dowAny: parts[4] === "*",
  };
}

/** The first minute strictly after `after` that matches (UTC), within the next 366 days. */
export function nextCronTime(spec: CronSpec, after: Date): Date {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const [minutes, hours, doms, months, dows] = spec.sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const limit = after.getTime() + 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
      continue;
    }
    const domOk = doms.has(t.getUTCDate());
    const dowOk = dows.has(t.getUTCDay());
    // Standard cron: when both day fields are restricted, either may match.
    const dayOk =
      spec.domAny && spec.dowAny ? true : spec.domAny ? dowOk : spec.dowAny ? domOk : domOk || dowOk;
    if (!dayOk) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
      continue;
    }
    if (!hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
      continue;
    }
    if (!minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      continue;
    }
    return t;
  }
  throw new Error("the expression never matches within a year");
}

/** When a schedule runs next: after `intervalMinutes`, or at the cron expression's next match. */
export function nextRun(
  schedule: { intervalMinutes: number | null; cron: string | null },
  after: Date,
): Date {
  if (schedule.cron) return nextCronTime(parseCron(schedule.cron), after);
  return new Date(after.getTime() + (schedule.intervalMinutes ?? 1440) * 60_000);
}
