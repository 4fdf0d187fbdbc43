/**
 * The demo projects' monthly reports and plan milestones: amounts spread exactly over the months, progress texts by
 * how far a project is, and the reports' bulk insert.
 */
import type { ProjectStage } from "@zoneos/domain";
import { sql } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { projectReports } from "../modules/projects/projects.tables.ts";
import type { Rng } from "./generator.ts";
import { daysInMonth, isoOf, monthOf, PROGRESS, type ReportInsert, yearOf } from "./projects-common.ts";

/**
 * Monthly reports in one statement of one array a column (unnest): on PGlite several times faster than a
 * multi-row VALUES list of the same rows, which binds ten parameters a row.
 */
export async function insertReports(tx: Conn, rows: readonly ReportInsert[]): Promise<void> {
  if (!rows.length) return;
  // One PostgreSQL array literal a column, bound as one parameter.
  const col = (f: (r: ReportInsert) => string | number | null | undefined) =>
    `{${rows
      .map((r) => {
        const v = f(r);
        return v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
      })
      .join(",")}}`;
  await tx.execute(sql`
    insert into ${projectReports} (zone_id, project_id, year, month, completed_wan, progress, problems, reported_by,
      reported_at)
    select * from unnest(${col((r) => r.zoneId)}::uuid[], ${col((r) => r.projectId)}::uuid[],
      ${col((r) => r.year)}::smallint[], ${col((r) => r.month)}::smallint[], ${col((r) => r.completedWan)}::numeric[],
      ${col((r) => r.progress)}::text[], ${col((r) => r.problems)}::text[], ${col((r) => r.reportedBy)}::uuid[],
      ${col((r) => (r.reportedAt as Date).toISOString())}::timestamptz[])`);
}

/** `total` hundredths spread over the months by weight, exactly (the remainder to the heaviest month). */
export function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - out.reduce((s, x) => s + x, 0);
  let heaviest = 0;
  weights.forEach((w, k) => {
    if (w > (weights[heaviest] ?? 0)) heaviest = k;
  });
  out[heaviest] = (out[heaviest] ?? 0) + rest;
  return out;
}

export function progressText(
  r: Rng,
  stage: ProjectStage,
  startOn: string | null,
  year: number,
  month: number,
  months: number,
): string {
  const started = startOn !== null && startOn <= isoOf(year, month, daysInMonth(year, month));
  if (!started) return r.pick(PROGRESS.preliminary);
  const monthsIn = (year - yearOf(startOn)) * 12 + month - monthOf(startOn);
  if (stage === "completed" && month >= months - 1) return r.pick(PROGRESS.late);
  if (monthsIn < 4) return r.pick(PROGRESS.early);
  if (monthsIn < 18) return r.pick(PROGRESS.build);
  return r.pick(PROGRESS.late);
}

export function milestonesOf(stage: ProjectStage, thisYear: boolean): { month: number; text: string }[] {
  if (!thisYear) return [];
  switch (stage) {
    case "new_start":
      return [
        { month: 6, text: "完成桩基施工" },
        { month: 12, text: "主体结构出正负零" },
      ];
    case "continuing":
      return [
        { month: 4, text: "主体结构封顶" },
        { month: 9, text: "设备进场安装" },
        { month: 12, text: "具备竣工验收条件" },
      ];
    case "completed":
      return [{ month: 10, text: "竣工验收" }];
    case "preliminary":
      return [{ month: 8, text: "取得施工许可证" }];
    default:
      return [];
  }
}
