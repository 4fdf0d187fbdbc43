/**
 * The lead list as Excel (招商项目台账): the export of the leads the list's filters select, the import template and
 * the all-or-nothing import that creates leads through the form's own create (insertNewLead).
 */
import { type LeadFilter, type LeadImportResult, NewLeadInput } from "@zoneos/contracts";
import {
  CHAIN_SEGMENT_NAMES,
  type ChainSegment,
  checkCreditCode,
  chinaDate,
  describeCreditCodeProblem,
  INVESTMENT_BUCKET_NAMES,
  INVESTOR_MARK_NAMES,
  type InvestorMark,
  industryFromText,
  industryName,
  investmentBucket,
  LEAD_CHANNEL_NAMES,
  LEAD_STAGE_NAMES,
  type LeadChannel,
  type LeadStage,
  LOST_REASON_NAMES,
  type LostReason,
  regionNameOfAnyLevel,
  regionOfAnyLevelFromText,
} from "@zoneos/domain";
import type ExcelJS from "exceljs";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import {
  addNotesSheet,
  type ColumnSpec,
  FROZEN_HEADER,
  safeCell,
  styleHeader,
  workbookBuffer,
} from "../../platform/excel.ts";
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
import { chainLinkOptions } from "../chains/chains.queries.ts";
import { listActiveStaff, listUnits, type UserRow } from "../org/org.queries.ts";
import { GREY, THIN, text, WAN_FORMAT, wanNumber } from "../projects/projects.excel.ts";
import { allowedUnitsOf, leadScopeOf } from "./leads.access.ts";
import { leadCodeTaken, leadConditions, listLeads } from "./leads.queries.ts";
import { insertNewLead, type LeadData, leadFilterSql } from "./leads.service.ts";

const DATE_FORMAT = "yyyy-mm-dd";
/** The most rows an export holds (a zone's pipeline is far smaller). */
const EXPORT_LIMIT = 50_000;

/** An ISO date as a date cell (midnight UTC: Excel shows the day as written). */
const dateCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const numberOrNull = (v: string | number | null) => (v === null ? null : Number(v));

// ---------------------------------------------------------------------------------------------------------------
// The export

const EXPORT_COLUMNS: { header: string; width: number; format?: string }[] = [
  { header: "编号", width: 14 },
  { header: "项目名称", width: 30 },
  { header: "投资方", width: 28 },
  { header: "统一社会信用代码", width: 22 },
  { header: "投资方所在地", width: 14 },
  { header: "投资方类型", width: 16 },
  { header: "计划投资（万元）", width: 16, format: WAN_FORMAT },
  { header: "规模", width: 18 },
  { header: "签约金额（万元）", width: 16, format: WAN_FORMAT },
  { header: "签约日期", width: 12, format: DATE_FORMAT },
  { header: "所属行业", width: 22 },
  { header: "产业链 · 环节", width: 22 },
  { header: "招商方式", width: 14 },
  { header: "责任单位", width: 18 },
  { header: "招商专员", width: 12 },
  { header: "挂钩领导", width: 14 },
  { header: "预计用地（亩）", width: 12, format: "#,##0.00" },
  { header: "预计就业（人）", width: 12, format: "#,##0" },
  { header: "当前阶段", width: 10 },
  { header: "阶段日期", width: 12, format: DATE_FORMAT },
  { header: "流失原因", width: 18 },
  { header: "准入评估", width: 10 },
];

/** The leads the list's filters select in the actor's scope (no paging) as an .xlsx; audited as an export. */
export async function exportLeads(
  db: Db,
  ctx: RequestContext,
  filter: z.output<typeof LeadFilter>,
): Promise<{ fileName: string; body: Buffer }> {
  const conds = leadConditions(
    ctx.actor.zoneId,
    leadScopeOf(ctx.actor),
    leadFilterSql(ctx, { ...filter, page: 1, pageSize: EXPORT_LIMIT }),
  );
  const { rows } = await listLeads(db, conds, filter.sort, { limit: EXPORT_LIMIT, offset: 0 });
  const today = chinaDate(ctx.now);
  await recordAudit(db, ctx, {
    action: "lead.export",
    entityType: "lead",
    entityId: "*",
    after: { filter, rows: rows.length },
  });
  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet("招商项目台账", { views: FROZEN_HEADER });
    ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));
    const header = ws.getRow(1);
    header.values = EXPORT_COLUMNS.map((c) => safeCell(c.header));
    header.font = { bold: true };
    header.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    for (let c = 1; c <= EXPORT_COLUMNS.length; c++) {
      header.getCell(c).fill = GREY;
      header.getCell(c).border = THIN;
    }
    for (const l of rows) {
      const industry = l.industryCode ? `${l.industryCode} ${industryName(l.industryCode) ?? ""}`.trim() : null;
      const row = ws.addRow([
        text(l.code),
        text(l.name),
        text(l.investorName),
        text(l.investorCreditCode),
        text(l.investorRegionCode ? (regionNameOfAnyLevel(l.investorRegionCode) ?? l.investorRegionCode) : null),
        text((l.investorMarks as InvestorMark[]).map((m) => INVESTOR_MARK_NAMES[m]?.["zh-CN"] ?? m).join("、")),
        wanNumber(l.investmentWan),
        text(INVESTMENT_BUCKET_NAMES[investmentBucket(l.investmentWan)]["zh-CN"]),
        wanNumber(l.signedAmountWan),
        dateCell(l.signedOn),
        text(industry),
        text(l.chainLinkName ? `${l.chainName ?? ""} · ${l.chainLinkName}` : null),
        text(LEAD_CHANNEL_NAMES[l.channel as LeadChannel]?.["zh-CN"] ?? l.channel),
        text(l.unitName),
        text(l.officerName),
        text(l.leaderName),
        numberOrNull(l.landMu),
        l.jobs,
        text(LEAD_STAGE_NAMES[l.stage as LeadStage]?.["zh-CN"] ?? l.stage),
        dateCell(l.stageOn),
        text(l.lostReason ? (LOST_REASON_NAMES[l.lostReason as LostReason]?.["zh-CN"] ?? l.lostReason) : null),
        text(l.scorecardPassed === null ? "未评估" : l.scorecardPassed ? "通过" : "未通过"),
      ]);
      EXPORT_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.border = THIN;
        if (c.format) cell.numFmt = c.format;
      });
    }
  });
  return { fileName: `招商项目台账-${today}.xlsx`, body };
}

// ---------------------------------------------------------------------------------------------------------------
// The import's columns and template

const IMPORT_COLUMNS = [
  { key: "name", header: "项目名称*", width: 30 },
  { key: "code", header: "编号", width: 14 },
  { key: "investorName", header: "投资方*", width: 28 },
  { key: "creditCode", header: "统一社会信用代码", width: 22 },
  { key: "region", header: "投资方所在地", width: 14 },
  { key: "investmentWan", header: "计划投资（万元）*", width: 16 },
  { key: "industry", header: "所属行业", width: 18 },
  { key: "chain", header: "产业链", width: 16 },
  { key: "link", header: "环节", width: 16 },
  { key: "channel", header: "招商方式*", width: 14 },
  { key: "unit", header: "责任单位*", width: 18 },
  { key: "officer", header: "招商专员", width: 12 },
  { key: "leader", header: "挂钩领导", width: 14 },
  { key: "landMu", header: "预计用地（亩）", width: 12 },
  { key: "jobs", header: "预计就业（人）", width: 12 },
  { key: "stage", header: "当前阶段", width: 10 },
  { key: "stageOn", header: "阶段日期", width: 12 },
  { key: "notes", header: "备注", width: 30 },
] as const satisfies readonly (ColumnSpec & { key: string })[];
type ColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];

const KEYS = new Map<string, ColumnKey>(IMPORT_COLUMNS.map((c) => [normalizeHeader(c.header), c.key]));
const nameOf = (key: ColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)?.header.replace("*", "") ?? key;
const SHEET = "招商项目";
/** The stages a lead may be imported at; the later ones are reached by the stage move (screening, dates). */
const IMPORT_STAGES = ["clue", "contact", "negotiation"] as const;
type ImportStage = (typeof IMPORT_STAGES)[number];
const zh = (names: Record<string, Localized>) => Object.values(names).map((n) => n["zh-CN"]);

/** The import template: the columns, lists to pick from (channel, unit, stage), and the notes sheet. */
export async function leadImportTemplate(db: Db, ctx: RequestContext): Promise<Buffer> {
  const zoneId = ctx.actor.zoneId;
  const [units, users, chains] = await Promise.all([
    listUnits(db, zoneId),
    listActiveStaff(db, zoneId),
    chainLinkOptions(db, zoneId),
  ]);
  const allowed = allowedUnitsOf(ctx.actor);
  const myUnits = units.filter((u) => allowed === null || allowed.includes(u.id)).map((u) => u.name);
  const leaders = users.filter((u) => u.role === "leader").map((u) => u.displayName);
  const stageNames = IMPORT_STAGES.map((s) => LEAD_STAGE_NAMES[s]["zh-CN"]);
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet(SHEET, { views: FROZEN_HEADER });
    styleHeader(ws, [...IMPORT_COLUMNS]);
    ws.getRow(1).alignment = { wrapText: true, vertical: "middle" };
    const col = (key: ColumnKey) => IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
    const list = (values: string[]): ExcelJS.DataValidation | undefined =>
      values.length && values.join(",").length < 250
        ? { type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`] }
        : undefined;
    const validations: [number, ExcelJS.DataValidation | undefined][] = [
      [col("channel"), list(zh(LEAD_CHANNEL_NAMES))],
      [col("unit"), list(myUnits)],
      [col("stage"), list(stageNames)],
      [col("chain"), list(chains.map((c) => c.name))],
      [col("leader"), list(leaders)],
    ];
    for (let r = 2; r <= 501; r++) for (const [c, v] of validations) if (v) ws.getCell(r, c).dataValidation = v;
    for (const key of ["stageOn"] as const) ws.getColumn(col(key)).numFmt = DATE_FORMAT;

    const chainNotes = chains.length
      ? chains
          .map(
            (c) =>
              `${c.name}：${c.links.map((l) => `${l.name}（${CHAIN_SEGMENT_NAMES[l.segment as ChainSegment]?.["zh-CN"] ?? l.segment}）`).join("、") || "（尚无环节）"}`,
          )
          .join("；")
      : "本区尚未建立产业链图谱。";
    const notes: [string, string][] = [
      ["项目名称*", "2–200 个字符。"],
      [
        "编号",
        "空白：系统按 ZS年份-序号 自动编号；填写：以该编号新建（不得与本区已有编号相同，同一文件内不得重复）。导入只新建招商项目，不修改已有项目。",
      ],
      ["投资方*", "投资方（企业）名称，2–200 个字符。"],
      ["统一社会信用代码", "投资方的 18 位统一社会信用代码，可空。"],
      ["投资方所在地", "GB/T 2260 行政区划名称或代码，省、市、县均可，如 广东省、深圳市、440305。"],
      ["计划投资（万元）*", "不小于 0 的数字，最多 4 位小数。"],
      ["所属行业", "GB/T 4754-2017 行业代码（如 3841、C3841）或完整行业名称。"],
      ["产业链、环节", `本区产业链图谱中的名称；可都空。${chainNotes}`],
      ["招商方式*", zh(LEAD_CHANNEL_NAMES).join(" / ")],
      ["责任单位*", `本区单位名称；您可填写：${myUnits.join("、") || "—"}`],
      ["招商专员", "本区干部（招商专员或单位负责人）的姓名或用户名；重名时请填用户名。"],
      ["挂钩领导", `领导的姓名或用户名${leaders.length ? `：${leaders.join("、")}` : "。"}`],
      ["预计用地（亩）、预计就业（人）", "数字，可空；就业人数为整数。"],
      [
        "当前阶段",
        `${stageNames.join(" / ")}，空白为线索。签约及以后的阶段须在平台中推进（核对准入评估与日期），不能导入。`,
      ],
      ["阶段日期", "到达当前阶段的日期，如 2026-03-01，不晚于今天；空白为今天。"],
      ["备注", "最多 4000 个字符。"],
      [
        "导入规则",
        "先检查全部行；任何一行有误则不写入任何数据，并列出错误（行、列、原因）；全部正确才一次性新建全部招商项目。",
      ],
    ];
    addNotesSheet(wb, notes, { widths: [26, 100] });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The import

/** Which column a NewLeadInput issue is about. */
function columnOfPath(path: readonly PropertyKey[]): ColumnKey {
  switch (path[0]) {
    case "investorCreditCode":
      return "creditCode";
    case "investorRegionCode":
      return "region";
    case "industryCode":
      return "industry";
    case "chainLinkId":
      return "link";
    case "unitId":
      return "unit";
    case "officerId":
      return "officer";
    case "leaderId":
      return "leader";
    case "initialStage":
      return "stage";
    case "code":
    case "name":
    case "investorName":
    case "investmentWan":
    case "channel":
    case "landMu":
    case "jobs":
    case "stageOn":
    case "notes":
      return path[0];
    default:
      return "name";
  }
}

/**
 * Creates leads from an .xlsx (the template's columns). Every row is checked first, with the form's own schema and
 * the create's rules (the unit the actor may use, the officer and leader, a code not taken, the stage and its date);
 * with any problem nothing is written and the problems name row, column, value and reason in the user's language.
 * Otherwise every lead is created in one transaction through the form's create (first stage change, audit).
 */
export async function importLeads(db: Db, ctx: RequestContext, file: Buffer): Promise<LeadImportResult> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const today = chinaDate(ctx.now);
  const table = await readTable(
    file,
    (h) => KEYS.get(h),
    (h) => h.has("name") && h.has("investorName"),
    {
      "zh-CN": "找不到模板的表头行（项目名称*、编号、投资方*……）",
      "en-US": "the template's header row (项目名称*, 编号, 投资方*, …) was not found",
    },
  );

  const [units, users, chains] = await Promise.all([
    listUnits(db, zoneId),
    listActiveStaff(db, zoneId),
    chainLinkOptions(db, zoneId),
  ]);
  const unitsByName = new Map<string, string[]>();
  for (const u of units) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u.id]);
  const allowed = allowedUnitsOf(actor);
  const findOfficer = personFinder(users.filter((u) => u.role === "officer" || u.role === "unithead"));
  const findLeader = personFinder(users.filter((u) => u.role === "leader"));

  const problems: SheetProblem[] = [];
  const good: { number: number; data: LeadData }[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const r of table.rows) {
    const get = (key: ColumnKey) => cellOf(table, r, key);
    const rowProblems: SheetProblem[] = [];
    const problem = (key: ColumnKey, reason: Localized, value = get(key)) => {
      const column = columnLabel(table, key, nameOf(key));
      if (rowProblems.some((p) => p.column === column)) return;
      rowProblems.push({ sheet: r.sheet, row: r.number, column, value, reason });
    };

    const code = get("code");
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) problem("code", localized(`与第 ${first} 行的编号重复`, `Same code as row ${first}`));
      else {
        firstRowOfCode.set(code, r.number);
        if (await leadCodeTaken(db, zoneId, code))
          problem("code", localized("本区已有该编号的招商项目", "A lead of the zone already has this code"));
      }
    }

    const creditText = get("creditCode");
    let creditCode: string | null = null;
    if (creditText) {
      const checked = checkCreditCode(creditText);
      if (checked.ok) creditCode = checked.code;
      else {
        const p = checked.problem;
        problem("creditCode", localized(describeCreditCodeProblem(p, "zh-CN"), describeCreditCodeProblem(p, "en-US")));
      }
    }

    const regionText = get("region");
    const regionCode = regionText ? regionOfAnyLevelFromText(regionText) : null;
    if (regionText && !regionCode)
      problem("region", localized("不是 GB/T 2260 行政区划名称或代码", "Not a GB/T 2260 region name or code"));

    const industryText = get("industry");
    const industryCode = industryText ? industryFromText(industryText) : null;
    if (industryText && !industryCode)
      problem(
        "industry",
        localized("不是 GB/T 4754-2017 行业代码或名称", "Not a GB/T 4754-2017 industry code or name"),
      );

    // 产业链 · 环节: names within the zone's chains; a link named alone must be unique across them.
    const chainText = get("chain");
    const linkText = get("link");
    let chainLinkId: string | null = null;
    if (chainText || linkText) {
      const chain = chainText ? chains.find((c) => c.name === chainText) : undefined;
      if (chainText && !chain) problem("chain", localized("本区没有该产业链", "No chain of the zone has this name"));
      else if (!linkText) problem("link", localized("填写产业链时须填写环节", "Give the link of the chain"));
      else {
        const found = (chain ? [chain] : chains).flatMap((c) => c.links.filter((l) => l.name === linkText));
        if (found.length === 1) chainLinkId = found[0]?.id ?? null;
        else if (found.length > 1)
          problem(
            chain ? "link" : "chain",
            chain
              ? localized("该产业链中有多个同名环节", "Several links of the chain have this name")
              : localized("多条产业链有同名环节，请填写产业链", "Several chains have this link; give the chain"),
            chain ? linkText : chainText,
          );
        else
          problem(
            "link",
            chain
              ? localized(`产业链“${chain.name}”中没有该环节`, `The chain "${chain.name}" has no such link`)
              : localized("本区产业链中没有该环节", "No chain of the zone has this link"),
          );
      }
    }

    const channelText = get("channel");
    const channel = channelText ? codeFromName(LEAD_CHANNEL_NAMES, channelText) : undefined;
    if (channelText && !channel)
      problem(
        "channel",
        localized(
          `应为 ${zh(LEAD_CHANNEL_NAMES).join("、")} 之一`,
          `Must be one of ${zh(LEAD_CHANNEL_NAMES).join(", ")}`,
        ),
      );

    const unitText = get("unit");
    let unitId: string | undefined;
    if (unitText) {
      const found = unitsByName.get(unitText) ?? [];
      if (found.length === 1) unitId = found[0];
      else if (found.length > 1) problem("unit", localized("有多个同名单位", "Several units have this name"));
      else problem("unit", localized("本区没有该单位", "No unit of the zone has this name"));
      if (unitId && allowed !== null && !allowed.includes(unitId))
        problem("unit", messageOf("LEAD_UNIT_NOT_ALLOWED", {}));
    }

    const person = (
      key: "officer" | "leader",
      find: ReturnType<typeof personFinder<UserRow>>,
      who: [string, string],
    ) => {
      const t = get(key);
      if (!t) return null;
      const { user, ambiguous } = find(t);
      if (user) return user.id;
      problem(
        key,
        ambiguous
          ? localized(`有多位${who[0]}同名，请填写用户名`, `Several ${who[1]}s have this name; give the user name`)
          : localized(`本区没有该姓名或用户名的${who[0]}`, `No ${who[1]} of the zone has this name or user name`),
      );
      return null;
    };
    const officerId = person("officer", findOfficer, ["招商专员", "staff member"]);
    const leaderId = person("leader", findLeader, ["领导", "leader"]);

    const stageText = get("stage");
    let initialStage: ImportStage = "clue";
    if (stageText) {
      const stage = codeFromName(LEAD_STAGE_NAMES, stageText);
      if (!stage)
        problem(
          "stage",
          localized(
            `应为 ${IMPORT_STAGES.map((s) => LEAD_STAGE_NAMES[s]["zh-CN"]).join("、")} 之一`,
            `Must be one of ${IMPORT_STAGES.map((s) => LEAD_STAGE_NAMES[s]["zh-CN"]).join(", ")}`,
          ),
        );
      else if (!(IMPORT_STAGES as readonly string[]).includes(stage))
        problem(
          "stage",
          localized(
            `不能以“${LEAD_STAGE_NAMES[stage]["zh-CN"]}”阶段导入：签约及以后的阶段须在平台中推进（核对准入评估与日期），请以线索、接洽或洽谈导入后再推进`,
            `A lead cannot be imported at ${LEAD_STAGE_NAMES[stage]["en-US"]}: 签约 and later are reached by moving the lead in the platform (screening and dates are checked); import it at 线索, 接洽 or 洽谈 and move it`,
          ),
        );
      else initialStage = stage as ImportStage;
    }

    const stageOn = sheetDate(get("stageOn"));
    if (stageOn === undefined) problem("stageOn", localized("日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD"));
    else if (stageOn !== null && stageOn > today)
      problem("stageOn", localized(`阶段日期不能晚于今天（${today}）`, `The date cannot be after today (${today})`));

    const input = {
      name: get("name"),
      code: code || null,
      investorName: get("investorName"),
      investorCreditCode: creditCode,
      investorRegionCode: regionCode ?? null,
      investorMarks: [],
      investmentWan: amountText(get("investmentWan")),
      industryCode: industryCode ?? null,
      chainLinkId,
      channel,
      unitId,
      officerId,
      leaderId,
      landMu: amountText(get("landMu")),
      jobs: get("jobs").replace(/[,，\s]/g, "") || null,
      tripId: null,
      targetId: null,
      notes: get("notes") || null,
      initialStage,
      stageOn: stageOn ?? null,
    };
    const parsed = NewLeadInput.safeParse(input);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const key = columnOfPath(issue.path);
        problem(key, get(key) === "" ? REQUIRED : zodIssueLocalized(issue));
      }
    if (rowProblems.length || !parsed.success) {
      problems.push(...rowProblems);
      continue;
    }
    good.push({ number: r.number, data: parsed.data });
  }

  const result = { totalRows: table.rows.length, problems: presentProblems(problems, ctx.lang) };
  if (problems.length) return { status: "rejected", createdRows: 0, codes: [], ...result };

  // The rows that name their code first: a running number given to an earlier row never takes a code of the file.
  const order = [...good].sort((a, b) => Number(a.data.code === null) - Number(b.data.code === null));
  const codes = new Map<number, string>();
  await db.transaction(async (tx) => {
    for (const g of order) codes.set(g.number, (await insertNewLead(tx, ctx, g.data)).code);
  });
  return {
    status: "done",
    createdRows: good.length,
    codes: good.map((g) => codes.get(g.number) ?? ""),
    ...result,
  };
}
