/**
 * The project import (重大项目导入): its template and the all-or-nothing import that creates or updates projects and
 * sets the year's plan. Sheets are read as tables by platform/excel-table.ts.
 */
import { AnnualPlanInput, type ProjectImportResult, ProjectInput } from "@zoneos/contracts";
import {
  checkCreditCode,
  chinaDate,
  describeCreditCodeProblem,
  formatWan,
  industryFromText,
  PROJECT_LEVEL_NAMES,
  PROJECT_STAGE_NAMES,
  PROJECT_TYPE_NAMES,
  parseWan,
} from "@zoneos/domain";
import type ExcelJS from "exceljs";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { addNotesSheet, type ColumnSpec, FROZEN_HEADER, styleHeader, workbookBuffer } from "../../platform/excel.ts";
import {
  amountText,
  cellOf,
  codeFromName,
  columnLabel,
  localized,
  messageOf,
  normalizeHeader,
  personFinder,
  presentProblems,
  REQUIRED,
  readTable,
  type SheetProblem,
  sheetDate,
} from "../../platform/excel-table.ts";
import type { Localized } from "../../platform/i18n.ts";
import { zodIssueLocalized } from "../../platform/validation.ts";
import { type EnterpriseRow, findByCreditCode } from "../enterprises/enterprises.queries.ts";
import { listActiveStaff, listUnits } from "../org/org.queries.ts";
import { saveAnnualPlan } from "./projects.plans.ts";
import { type ProjectRow, plansOf, planVersionsOf, projectsByCode } from "./projects.queries.ts";
import { insertNewProject, loadWritableProject, mayWrite, saveProjectChange } from "./projects.service.ts";

// ---------------------------------------------------------------------------------------------------------------
// The project import's columns

type ProjectData = z.output<typeof ProjectInput>;
type PlanData = z.output<typeof AnnualPlanInput>;

const PROJECT_COLUMNS = [
  { key: "code", header: "项目编号", width: 14 },
  { key: "name", header: "项目名称*", width: 30 },
  { key: "creditCode", header: "业主单位统一社会信用代码*", width: 24 },
  { key: "ownerName", header: "业主单位名称", width: 28 },
  { key: "totalInvestmentWan", header: "总投资(万元)*", width: 14 },
  { key: "type", header: "项目类型*", width: 12 },
  { key: "level", header: "项目级别*", width: 10 },
  { key: "park", header: "所属园区", width: 16 },
  { key: "industry", header: "行业代码", width: 10 },
  { key: "stage", header: "建设阶段*", width: 10 },
  { key: "plannedStartOn", header: "计划开工日期", width: 12 },
  { key: "plannedCompletionOn", header: "计划竣工日期", width: 12 },
  { key: "actualStartOn", header: "实际开工日期", width: 12 },
  { key: "actualCompletionOn", header: "实际竣工日期", width: 12 },
  { key: "leader", header: "挂钩领导", width: 14 },
  { key: "unit", header: "责任单位*", width: 18 },
  { key: "members", header: "专班成员", width: 24 },
  { key: "location", header: "建设地点", width: 24 },
] as const;
type FixedKey = (typeof PROJECT_COLUMNS)[number]["key"];
type ProjectColumnKey = FixedKey | "planWan" | "newStartPlanned" | "newStartMonth";

const planHeaders = (year: number) => ({
  planWan: `${year}年计划投资(万元)`,
  newStartPlanned: `${year}年计划新开工`,
  newStartMonth: "计划开工月份",
});

const FIXED_KEYS = new Map<string, ProjectColumnKey>(PROJECT_COLUMNS.map((c) => [normalizeHeader(c.header), c.key]));
const PLAN_WAN_RE = /^(\d{4})年计划投资\(万元\)$/;
const NEW_START_RE = /^(\d{4})年计划新开工$/;

function projectKeyOf(h: string): ProjectColumnKey | undefined {
  if (PLAN_WAN_RE.test(h)) return "planWan";
  if (NEW_START_RE.test(h)) return "newStartPlanned";
  if (h === "计划开工月份") return "newStartMonth";
  return FIXED_KEYS.get(h);
}

const SHEET = "重大项目";
const currentYear = (now: Date) => Number(chinaDate(now).slice(0, 4));
const zh = (names: Record<string, Localized>) => Object.values(names).map((n) => n["zh-CN"]);

/** The import template: the columns (this year's plan columns named with the year), lists to pick from, notes. */
export async function projectImportTemplate(db: Db, ctx: RequestContext): Promise<Buffer> {
  const zoneId = ctx.actor.zoneId;
  const year = currentYear(ctx.now);
  const [units, users] = await Promise.all([listUnits(db, zoneId), listActiveStaff(db, zoneId)]);
  const parks = units.filter((u) => u.kind === "park").map((u) => u.name);
  const leaders = users.filter((u) => u.role === "leader").map((u) => u.displayName);
  const plan = planHeaders(year);
  const columns: ColumnSpec[] = [
    ...PROJECT_COLUMNS,
    { header: plan.planWan, width: 16 },
    { header: plan.newStartPlanned, width: 14 },
    { header: plan.newStartMonth, width: 12 },
  ];
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet(SHEET, { views: FROZEN_HEADER });
    styleHeader(ws, columns);
    ws.getRow(1).alignment = { wrapText: true, vertical: "middle" };
    const col = (key: FixedKey) => PROJECT_COLUMNS.findIndex((c) => c.key === key) + 1;
    const list = (values: string[]): ExcelJS.DataValidation | undefined =>
      values.length && values.join(",").length < 250
        ? { type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`] }
        : undefined;
    const validations: [number, ExcelJS.DataValidation | undefined][] = [
      [col("type"), list(zh(PROJECT_TYPE_NAMES))],
      [col("level"), list(zh(PROJECT_LEVEL_NAMES))],
      [col("stage"), list(zh(PROJECT_STAGE_NAMES))],
      [col("park"), list(parks)],
      [col("unit"), list(units.map((u) => u.name))],
      [PROJECT_COLUMNS.length + 2, list(["是", "否"])],
      [
        PROJECT_COLUMNS.length + 3,
        { type: "whole", operator: "between", allowBlank: true, formulae: [1, 12], showErrorMessage: true },
      ],
    ];
    for (let r = 2; r <= 501; r++) for (const [c, v] of validations) if (v) ws.getCell(r, c).dataValidation = v;

    const notes: [string, string][] = [
      [
        "项目编号",
        "空白：新建项目，系统按 XM年份-序号 自动编号；填写本区已有的项目编号：按本行修改该项目（须有权修改）；填写新的编号：以该编号新建项目。同一文件内不得重复。",
      ],
      ["项目名称*", "2–200 个字符。"],
      [
        "业主单位统一社会信用代码*",
        "18 位统一社会信用代码。企业库中已有的企业直接作为业主单位；没有的，须同时填写业主单位名称，导入时新建该企业。",
      ],
      ["业主单位名称", "仅在企业库中没有该统一社会信用代码时使用（新建企业的名称）。"],
      ["总投资(万元)*", "不小于 0 的数字，最多 4 位小数。"],
      ["项目类型*", zh(PROJECT_TYPE_NAMES).join(" / ")],
      ["项目级别*", zh(PROJECT_LEVEL_NAMES).join(" / ")],
      ["所属园区", parks.length ? `园区名称：${parks.join("、")}` : "园区名称。"],
      ["行业代码", "GB/T 4754-2017 行业代码，如 3011 或 C3011，也可填完整行业名称。"],
      ["建设阶段*", zh(PROJECT_STAGE_NAMES).join(" / ")],
      ["计划/实际开工、竣工日期", "日期，如 2026-03-01。"],
      ["挂钩领导", `领导的姓名或用户名${leaders.length ? `：${leaders.join("、")}` : "。"}`],
      ["责任单位*", `本区单位名称（每月填报该项目的单位）：${units.map((u) => u.name).join("、")}`],
      ["专班成员", "干部的姓名或用户名，多人用顿号或逗号分隔；重名时请填用户名。"],
      ["建设地点", "最多 300 个字符。"],
      [plan.planWan, `${year} 年年度计划投资（万元）。空白：不修改年度计划。`],
      [plan.newStartPlanned, `是 / 否：是否为 ${year} 年计划新开工项目；填“是”时须填写计划开工月份。`],
      [plan.newStartMonth, "1–12。"],
      [
        "导入规则",
        "先检查全部行；任何一行有误则不写入任何数据，并列出错误（行、列、原因）；全部正确才一次性写入。修改已有项目时，本行各列即为项目的新内容（空白即清空）。",
      ],
    ];
    addNotesSheet(wb, notes, { widths: [26, 100] });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The project import

const YES = new Set(["是", "y", "yes", "true", "1"]);
const NO = new Set(["否", "n", "no", "false", "0", ""]);

/** Which column a ProjectInput issue is about. */
function columnOfPath(path: readonly PropertyKey[]): ProjectColumnKey {
  const [field, sub] = path;
  switch (field) {
    case "newOwner":
      return sub === "name" ? "ownerName" : "creditCode";
    case "ownerEnterpriseId":
      return "creditCode";
    case "parkUnitId":
      return "park";
    case "industryCode":
      return "industry";
    case "leaderId":
      return "leader";
    case "unitId":
      return "unit";
    case "memberIds":
      return "members";
    case "code":
    case "name":
    case "totalInvestmentWan":
    case "type":
    case "level":
    case "stage":
    case "plannedStartOn":
    case "plannedCompletionOn":
    case "actualStartOn":
    case "actualCompletionOn":
    case "location":
      return field;
    default:
      return "name";
  }
}

/** The facts of a project as the import compares them (a row equal to the stored facts changes nothing). */
function comparableFacts(p: {
  code: string | null;
  name: string;
  ownerEnterpriseId: string | null;
  totalInvestmentWan: string;
  type: string;
  level: string;
  parkUnitId: string | null;
  industryCode: string | null;
  stage: string;
  plannedStartOn: string | null;
  plannedCompletionOn: string | null;
  actualStartOn: string | null;
  actualCompletionOn: string | null;
  leaderId: string | null;
  unitId: string;
  memberIds: readonly string[];
  location: string | null;
}): string {
  return JSON.stringify([
    p.code,
    p.name,
    p.ownerEnterpriseId,
    formatWan(parseWan(p.totalInvestmentWan)),
    p.type,
    p.level,
    p.parkUnitId,
    p.industryCode,
    p.stage,
    p.plannedStartOn,
    p.plannedCompletionOn,
    p.actualStartOn,
    p.actualCompletionOn,
    p.leaderId,
    p.unitId,
    [...new Set(p.memberIds)].sort(),
    p.location,
  ]);
}

/** Who may make a unit responsible for a project (as the form): an administrator any, a unit head their subtree. */
function unitAllowed(actor: Actor, unitId: string): boolean {
  if (actor.role === "admin") return true;
  const allowed = actor.role === "unithead" ? actor.unitSubtree : actor.unitId ? [actor.unitId] : [];
  return allowed.includes(unitId);
}

interface GoodRow {
  number: number;
  data: ProjectData;
  /** The project the row changes; none: a new project. */
  existing?: ProjectRow;
  plan?: PlanData;
  /** The facts differ from the stored ones (always for a new project). */
  factsChanged: boolean;
  /** The plan differs from the stored one (false without plan cells). */
  planChanged: boolean;
}

/**
 * Creates or updates projects from an .xlsx (the template's columns) and sets the year's plan of each. Every row is
 * checked first, with the form's own schema: with any problem nothing is written and the problems name row, column,
 * value and reason in the user's language. Otherwise every row lands in one transaction, each project audited.
 */
export async function importProjects(
  db: Db,
  ctx: RequestContext,
  file: Buffer,
): Promise<z.output<typeof ProjectImportResult>> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const table = await readTable(file, projectKeyOf, (h) => h.has("name") && h.has("unit"), {
    "zh-CN": "找不到模板的表头行（项目编号、项目名称*、业主单位统一社会信用代码*……责任单位*）",
    "en-US": "the template's header row (项目编号, 项目名称*, … 责任单位*) was not found",
  });
  const headerYear = (key: "planWan" | "newStartPlanned", re: RegExp) => {
    const idx = table.header.get(key);
    const m = idx === undefined ? null : re.exec(normalizeHeader(table.headerCells[idx] ?? ""));
    return m ? Number(m[1]) : undefined;
  };
  const planYears = [headerYear("planWan", PLAN_WAN_RE), headerYear("newStartPlanned", NEW_START_RE)];
  if (planYears[0] !== undefined && planYears[1] !== undefined && planYears[0] !== planYears[1])
    throw new AppError("IMPORT_BAD_FILE", {
      reason: localized(
        `计划投资与计划新开工两列的年份不同（${planYears[0]}、${planYears[1]}）`,
        `the plan columns name different years (${planYears[0]}, ${planYears[1]})`,
      ),
    });
  const planYear = planYears[0] ?? planYears[1] ?? currentYear(ctx.now);
  const planNames = planHeaders(planYear);
  const nameOf = (key: ProjectColumnKey) =>
    key === "planWan" || key === "newStartPlanned" || key === "newStartMonth"
      ? planNames[key]
      : (PROJECT_COLUMNS.find((c) => c.key === key)?.header.replace("*", "") ?? key);

  // Everything a row may name, read once.
  const [units, users] = await Promise.all([listUnits(db, zoneId), listActiveStaff(db, zoneId)]);
  const unitsByName = new Map<string, string[]>();
  for (const u of units) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u.id]);
  const parksByName = new Map(units.filter((u) => u.kind === "park").map((u) => [u.name, u.id]));
  const findLeader = personFinder(users.filter((u) => u.role === "leader"));
  const findStaff = personFinder(users);
  const codes = [...new Set(table.rows.map((r) => cellOf(table, r, "code")).filter(Boolean))];
  const existingByCode = await projectsByCode(db, zoneId, { kind: "zone" }, codes);
  const enterprises = new Map<string, EnterpriseRow | undefined>();

  const problems: SheetProblem[] = [];
  const good: GoodRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const r of table.rows) {
    const get = (key: ProjectColumnKey) => cellOf(table, r, key);
    const rowProblems: SheetProblem[] = [];
    const problem = (key: ProjectColumnKey, reason: Localized, value = get(key)) => {
      if (rowProblems.some((p) => p.column === columnLabel(table, key, nameOf(key)))) return;
      rowProblems.push({ sheet: r.sheet, row: r.number, column: columnLabel(table, key, nameOf(key)), value, reason });
    };

    // 项目编号: a project of the zone to update, a new code, or empty.
    const code = get("code");
    let existing: ProjectRow | undefined;
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined)
        problem("code", localized(`与第 ${first} 行的项目编号重复`, `Same project code as row ${first}`));
      else firstRowOfCode.set(code, r.number);
      existing = existingByCode.get(code);
      if (existing && !mayWrite(actor, existing))
        problem(
          "code",
          localized(
            "本区已有该编号的项目，您无权修改（项目须属于您的单位）",
            "A project of the zone has this code and you may not change it",
          ),
        );
    }

    // 业主单位: an enterprise of the zone by credit code, or a new one named in the next column.
    const creditText = get("creditCode");
    const ownerName = get("ownerName");
    let ownerEnterpriseId: string | null = null;
    let newOwner: { creditCode: string; name: string } | null = null;
    if (!creditText) problem("creditCode", REQUIRED);
    else {
      const checked = checkCreditCode(creditText);
      if (!checked.ok) {
        const p = checked.problem;
        problem("creditCode", localized(describeCreditCodeProblem(p, "zh-CN"), describeCreditCodeProblem(p, "en-US")));
        newOwner = { creditCode: creditText, name: ownerName };
      } else {
        if (!enterprises.has(checked.code))
          enterprises.set(checked.code, await findByCreditCode(db, zoneId, checked.code));
        const found = enterprises.get(checked.code);
        if (found) ownerEnterpriseId = found.id;
        else {
          newOwner = { creditCode: checked.code, name: ownerName };
          if (!ownerName)
            problem(
              "ownerName",
              localized(
                "企业库中没有该统一社会信用代码，请填写业主单位名称（导入时新建该企业）",
                "No enterprise of the zone has this credit code: give the owner's name to add it",
              ),
            );
        }
      }
    }

    const enumOf = <T extends string>(key: "type" | "level" | "stage", names: Record<T, Localized>) => {
      const text = get(key);
      if (!text) return undefined;
      const value = codeFromName(names, text);
      if (!value)
        problem(
          key,
          localized(
            `应为 ${zh(names).join("、")} 之一`,
            `Must be one of ${Object.values<Localized>(names)
              .map((n) => n["zh-CN"])
              .join(", ")}`,
          ),
        );
      return value;
    };
    const type = enumOf("type", PROJECT_TYPE_NAMES);
    const level = enumOf("level", PROJECT_LEVEL_NAMES);
    const stage = enumOf("stage", PROJECT_STAGE_NAMES);

    const unitText = get("unit");
    let unitId: string | undefined;
    if (unitText) {
      const found = unitsByName.get(unitText) ?? [];
      if (found.length === 1) unitId = found[0];
      else if (found.length > 1) problem("unit", localized("有多个同名单位", "Several units have this name"));
      else problem("unit", localized("本区没有该单位", "No unit of the zone has this name"));
      if (unitId && (!existing || existing.unitId !== unitId) && !unitAllowed(actor, unitId))
        problem("unit", messageOf("PROJECT_UNIT_NOT_ALLOWED", {}));
    }

    const parkText = get("park");
    const parkUnitId = parkText ? parksByName.get(parkText) : null;
    if (parkText && !parkUnitId) problem("park", localized("本区没有该园区", "No park of the zone has this name"));

    const industryText = get("industry");
    const industryCode = industryText ? industryFromText(industryText) : null;
    if (industryText && !industryCode)
      problem(
        "industry",
        localized("不是 GB/T 4754-2017 行业代码或名称", "Not a GB/T 4754-2017 industry code or name"),
      );

    const leaderText = get("leader");
    let leaderId: string | null = null;
    if (leaderText) {
      const { user, ambiguous } = findLeader(leaderText);
      if (user) leaderId = user.id;
      else
        problem(
          "leader",
          ambiguous
            ? localized("有多位领导同名，请填写用户名", "Several leaders have this name; give the user name")
            : localized("本区没有该姓名或用户名的领导", "No leader of the zone has this name or user name"),
        );
    }

    const memberIds: string[] = [];
    for (const part of get("members")
      .split(/[、,，;；\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const { user, ambiguous } = findStaff(part);
      if (user) memberIds.push(user.id);
      else
        problem(
          "members",
          ambiguous
            ? localized(`“${part}”有重名，请填写用户名`, `Several staff are named "${part}"; give the user name`)
            : localized(`本区没有姓名或用户名为“${part}”的干部`, `No staff of the zone is named "${part}"`),
        );
    }

    const dates = {} as Record<
      "plannedStartOn" | "plannedCompletionOn" | "actualStartOn" | "actualCompletionOn",
      string | null
    >;
    for (const key of ["plannedStartOn", "plannedCompletionOn", "actualStartOn", "actualCompletionOn"] as const) {
      const d = sheetDate(get(key));
      if (d === undefined) problem(key, localized("日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD"));
      dates[key] = d ?? null;
    }

    const input = {
      name: get("name"),
      code: code || null,
      ownerEnterpriseId,
      newOwner,
      totalInvestmentWan: amountText(get("totalInvestmentWan")),
      type,
      level,
      parkUnitId: parkUnitId ?? null,
      industryCode: industryCode ?? null,
      stage,
      ...dates,
      leaderId,
      unitId,
      memberIds,
      location: get("location") || null,
    };
    const parsed = ProjectInput.safeParse(input);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const key = columnOfPath(issue.path);
        problem(key, get(key) === "" ? REQUIRED : zodIssueLocalized(issue));
      }

    // This year's plan: set when any of its cells is filled.
    const planText = amountText(get("planWan"));
    const newStartText = get("newStartPlanned");
    const monthText = get("newStartMonth").replace(/月$/, "");
    let plan: PlanData | undefined;
    if (planText || YES.has(newStartText.toLowerCase()) || monthText) {
      const newStartPlanned = YES.has(newStartText.toLowerCase());
      if (!newStartPlanned && !NO.has(newStartText.toLowerCase()))
        problem("newStartPlanned", localized("应填“是”或“否”", "Must be 是 (yes) or 否 (no)"));
      // The schema's own rule, said here too: it is not reached while the amount is wrong.
      if (newStartPlanned && !monthText)
        problem("newStartMonth", localized("计划新开工项目须填写计划开工月份", "A planned new start needs its month"));
      const planParsed = AnnualPlanInput.safeParse({
        planWan: planText,
        fromMonth: 1,
        newStartPlanned,
        newStartMonth: monthText || null,
      });
      if (planParsed.success) plan = planParsed.data;
      else
        for (const issue of planParsed.error.issues) {
          const key: ProjectColumnKey = issue.path[0] === "newStartMonth" ? "newStartMonth" : "planWan";
          problem(key, get(key) === "" && issue.path[0] !== "newStartMonth" ? REQUIRED : zodIssueLocalized(issue));
        }
    }

    if (rowProblems.length || !parsed.success) {
      problems.push(...rowProblems);
      continue;
    }
    let factsChanged = true;
    let planChanged = plan !== undefined;
    if (existing) {
      factsChanged = comparableFacts(existing) !== comparableFacts({ ...parsed.data, code: existing.code });
      if (plan) {
        const [versions, plans] = await Promise.all([
          planVersionsOf(db, zoneId, existing.id),
          plansOf(db, zoneId, existing.id),
        ]);
        const stored = versions.find((v) => v.year === planYear && v.fromMonth === 1);
        const storedPlan = plans.find((p) => p.year === planYear);
        planChanged = !(
          stored !== undefined &&
          parseWan(stored.planWan) === parseWan(plan.planWan) &&
          (storedPlan?.newStartPlanned ?? false) === plan.newStartPlanned &&
          (storedPlan?.newStartMonth ?? null) === (plan.newStartPlanned ? plan.newStartMonth : null)
        );
      }
    }
    good.push({ number: r.number, data: parsed.data, existing, plan, factsChanged, planChanged });
  }

  const result = { totalRows: table.rows.length, problems: presentProblems(problems, ctx.lang) };
  if (problems.length) return { status: "rejected", changedRows: 0, unchangedRows: 0, ...result };

  const changed = good.filter((g) => g.factsChanged || g.planChanged);
  await db.transaction(async (tx) => {
    for (const g of changed) {
      let project: Pick<ProjectRow, "id" | "code" | "name">;
      if (g.existing) {
        // Read again inside the transaction: the version the change is made against.
        const before = await loadWritableProject(tx, actor, g.existing.id);
        project = g.factsChanged
          ? await saveProjectChange(tx, ctx, before, { ...g.data, version: before.version })
          : before;
      } else {
        project = await insertNewProject(tx, ctx, g.data);
      }
      if (g.plan && g.planChanged) {
        // The import carries no milestones: a plan that has some keeps them.
        const stored = (await plansOf(tx, zoneId, project.id)).find((p) => p.year === planYear);
        await saveAnnualPlan(tx, ctx, project, planYear, {
          ...g.plan,
          reason: g.plan.reason ?? "通过 Excel 导入修改",
          milestones: stored?.milestones ?? [],
        });
      }
    }
  });
  return { status: "done", changedRows: changed.length, unchangedRows: good.length - changed.length, ...result };
}
