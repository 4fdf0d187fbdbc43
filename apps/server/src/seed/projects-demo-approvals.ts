/**
 * The demo projects' approval items (审批事项): the departments that handle them, their limits in working days, and
 * the items of a project by its stage, a few over their limits.
 */
import { APPROVAL_ITEM_CATALOGUE, type ApprovalStage, type ProjectStage, type WorkingCalendar } from "@zoneos/domain";
import type { UnitRow } from "../modules/org/org.queries.ts";
import type { Rng } from "./generator.ts";
import { type ApprovalInsert, addDays, at } from "./projects-common.ts";
import type { DemoSpec } from "./projects-demo.data.ts";

/** The department that handles an approval item: a unit of the zone by key, or a name outside it. */
const DEPARTMENT_OF: Record<string, string> = {
  项目备案: "economy",
  用地预审与选址意见书: "planning",
  建设用地规划许可证: "planning",
  "不动产权证书（土地）": "planning",
  设计方案审查: "planning",
  建设工程规划许可证: "planning",
  初步设计审批: "construction",
  施工图审查: "construction",
  消防设计审查: "construction",
  人防工程设计审查: "区人防办",
  施工许可证: "construction",
  规划条件核实: "planning",
  消防验收: "construction",
  竣工联合验收: "construction",
  竣工验收备案: "construction",
};
/** Limits in working days, from the shipped catalogue. */
const LIMIT_OF = new Map(APPROVAL_ITEM_CATALOGUE.map((i) => [i.name, i.limitWorkingDays]));

/** The first working day on or after `date`. */
const workingOnOrAfter = (cal: WorkingCalendar, date: string) =>
  cal.isWorkingDay(date) ? date : cal.addWorkingDays(date, 1);

/**
 * A project's approval items: the stages before its start done in the months before it (施工许可证 shortly before
 * the start), a project not started yet with its current stage in progress, a completed one with its acceptance.
 * Working days are the zone's calendar's, so "within the limit" means what the app will compute.
 */
export function approvalsOf(a: {
  r: Rng;
  cal: WorkingCalendar;
  today: string;
  zoneId: string;
  projectId: string;
  stage: ProjectStage;
  late: DemoSpec["late"];
  startOn: string;
  started: boolean;
  completedOn: string | null;
  unitId: (key: string) => UnitRow | undefined;
}): ApprovalInsert[] {
  const { r, cal, today } = a;
  const out: ApprovalInsert[] = [];
  const item = (stage: ApprovalStage, name: string, appliedNear: string, pendingIfRecent: boolean) => {
    const limit = LIMIT_OF.get(name) ?? 5;
    const applied = workingOnOrAfter(cal, appliedNear);
    if (applied > today) return;
    const late =
      (a.late === "approved" && name === "施工图审查") || (a.late === "pending" && name === "建设工程规划许可证");
    let approved: string | null = cal.addWorkingDays(applied, late ? limit + r.int(3, 6) : r.int(1, limit));
    // Pending: the late one, anything not approved by today, and half of those applied for within their limit.
    const recent = pendingIfRecent && applied >= cal.addWorkingDays(today, -limit);
    if (approved > today || (pendingIfRecent && late) || (recent && r.chance(0.5))) approved = null;
    const deptKey = DEPARTMENT_OF[name] ?? "construction";
    const unit = a.unitId(deptKey);
    const createdAt = at(applied, 9, r.int(0, 59));
    out.push({
      zoneId: a.zoneId,
      projectId: a.projectId,
      stage,
      name,
      departmentUnitId: unit?.id ?? null,
      department: unit?.name ?? deptKey,
      appliedOn: applied,
      approvedOn: approved,
      limitWorkingDays: limit,
      note: late && approved === null ? "材料补正后重新受理，催办中" : null,
      createdAt,
      updatedAt: approved ? at(approved, 16, r.int(0, 59)) : createdAt,
    });
  };
  // Dates before a start are laid out backwards from it; an item of a stage not reached yet is left out.
  const before = (days: number) => addDays(a.startOn, -days);
  const notStarted = !a.started;
  if (a.stage === "signed") {
    item("land_planning", "项目备案", addDays(today, -r.int(25, 60)), false);
    item("land_planning", "用地预审与选址意见书", a.cal.addWorkingDays(today, -r.int(2, 4)), true);
    return out;
  }
  if (notStarted) {
    // preliminary: land done, engineering under way; a late one waits past its limit.
    item("land_planning", "项目备案", addDays(today, -r.int(150, 220)), false);
    item("land_planning", "建设用地规划许可证", addDays(today, -r.int(70, 100)), false);
    item("engineering_permit", "设计方案审查", addDays(today, -r.int(30, 50)), false);
    const wait = a.late === "pending" ? (LIMIT_OF.get("建设工程规划许可证") ?? 5) + r.int(4, 7) : r.int(1, 3);
    item("engineering_permit", "建设工程规划许可证", a.cal.addWorkingDays(today, -wait), true);
    return out;
  }
  if (r.chance(0.7)) item("land_planning", "项目备案", before(r.int(240, 300)), false);
  item("land_planning", "用地预审与选址意见书", before(r.int(200, 230)), false);
  item("engineering_permit", "建设工程规划许可证", before(r.int(80, 100)), false);
  if (a.late === "approved" || r.chance(0.5)) item("construction_permit", "施工图审查", before(r.int(45, 60)), false);
  item("construction_permit", "施工许可证", before(r.int(12, 25)), false);
  if (a.completedOn) {
    item("completion_acceptance", "消防验收", addDays(a.completedOn, r.int(3, 10)), true);
    item("completion_acceptance", "竣工联合验收", addDays(a.completedOn, r.int(12, 20)), true);
  }
  return out;
}
