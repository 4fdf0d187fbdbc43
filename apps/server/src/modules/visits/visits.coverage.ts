import type { Coverage, UnvisitedQuery, VisitRuleItem, VisitRulesUpdate } from "@zoneos/contracts";
import {
  chinaDate,
  coverageFigures,
  coverageReferenceDate,
  DEFAULT_VISIT_RULES,
  type PlanItem,
  parsePeriodKey,
  periodOf,
  planWindowStart,
  type VisitRule,
  visitPlan,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { FROZEN_HEADER, safeCell, streamWorkbook, styleHeader } from "../../platform/excel.ts";
import { listServedEnterprises, type ServedEnterprise } from "../enterprises/enterprises.queries.ts";
import { resolveScope } from "../enterprises/enterprises.service.ts";
import { listUnits, listZones } from "../org/org.queries.ts";
import { officersInScope, staffById } from "./visits.assign.ts";
import { presentRule } from "./visits.presenter.ts";
import { insertMissingRules, lastVisitDates, listRules, replaceRules, visitDates } from "./visits.queries.ts";

// ---- rules

export async function getVisitRules(db: Db, ctx: RequestContext): Promise<{ items: VisitRuleItem[] }> {
  return { items: (await listRules(db, ctx.actor.zoneId)).map(presentRule) };
}

/** Replaces the zone's visit rules with the list given (rules left out are removed). */
export async function putVisitRules(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof VisitRulesUpdate>,
): Promise<{ items: VisitRuleItem[] }> {
  const zoneId = ctx.actor.zoneId;
  const codes = new Set<string>();
  for (const r of input.items) {
    if (codes.has(r.code)) throw new AppError("VALIDATION_FAILED", { details: `duplicate code ${r.code}` });
    codes.add(r.code);
  }
  return db.transaction(async (tx) => {
    const before = (await listRules(tx, zoneId)).map(presentRule);
    await replaceRules(
      tx,
      zoneId,
      input.items.map((r, i) => ({ zoneId, ...r, sortOrder: i })),
    );
    const after = (await listRules(tx, zoneId)).map(presentRule);
    await recordAudit(tx, ctx, {
      action: "visit_rules.update",
      entityType: "visit_rules",
      entityId: zoneId,
      before: { rules: before },
      after: { rules: after },
    });
    return { items: after };
  });
}

/** Gives a zone the shipped visit rules; rules it has already stay as they are. */
export async function seedVisitRules(conn: Conn, zoneId: string): Promise<void> {
  await insertMissingRules(
    conn,
    DEFAULT_VISIT_RULES.map((r, i) => ({ zoneId, ...r, sortOrder: i })),
  );
}

/** At start-up: a zone without any visit rule (one created before visits existed) gets the shipped ones. */
export async function ensureZoneVisitRules(conn: Conn): Promise<void> {
  for (const zone of await listZones(conn)) {
    if ((await listRules(conn, zone.id)).length === 0) await seedVisitRules(conn, zone.id);
  }
}

// ---- coverage

interface PlanContext {
  referenceDate: string;
  periodKey: string | null;
  rules: VisitRule[];
  enterprises: Map<string, ServedEnterprise>;
  plan: PlanItem[];
  officers: Map<string, { displayName: string; unitId: string | null }>;
  /** The officers the actor's coverage lists even when nothing is due for them. */
  listedOfficerIds: string[];
  unitNames: Map<string, string>;
}

/** The plan of the enterprises in the actor's scope at the reference date of `period`. */
async function planOf(db: Db, ctx: RequestContext, period: string | undefined): Promise<PlanContext> {
  const { actor } = ctx;
  if (actor.role === "enterprise") throw new AppError("FORBIDDEN");
  const zoneId = actor.zoneId;
  const referenceDate = coverageReferenceDate(period || undefined, chinaDate(ctx.now));
  if (!referenceDate) throw new AppError("VISIT_PERIOD_INVALID", { period: period ?? "" });
  const rules = (await listRules(db, zoneId)).map(presentRule).filter((r) => r.active) as VisitRule[];
  const scope = await resolveScope(db, actor);
  const from = planWindowStart(rules, referenceDate);
  // ISO dates sort as text: the last day of the longest period.
  const to = [referenceDate, ...rules.map((r) => periodOf(referenceDate, r.period).end)].sort().at(-1) ?? referenceDate;
  const [enterprises, dates, staff, units, listed] = await Promise.all([
    listServedEnterprises(db, zoneId, scope),
    visitDates(db, zoneId, scope, from, to),
    staffById(db, zoneId),
    listUnits(db, zoneId),
    officersInScope(db, actor),
  ]);
  return {
    referenceDate,
    periodKey: period && parsePeriodKey(period) ? (parsePeriodKey(period)?.key ?? null) : null,
    rules,
    enterprises: new Map(enterprises.map((e) => [e.id, e])),
    plan: visitPlan(enterprises, rules, dates, referenceDate),
    officers: staff,
    listedOfficerIds: listed.map((o) => o.id),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
  };
}

/**
 * Visit coverage per officer and per unit at the reference date of `period` (a period key or a date; see
 * `coverageReferenceDate`): due = enterprises some active rule requires, visited = those visited in their period,
 * rate = visited ÷ due (null when nothing is due). An enterprise counts for its service officer and the officer's
 * unit; key enterprises without an officer form a row of their own. Staff only.
 */
export async function visitCoverage(db: Db, ctx: RequestContext, period: string | undefined): Promise<Coverage> {
  const p = await planOf(db, ctx, period);
  const byOfficer = new Map<string | null, PlanItem[]>();
  for (const id of p.listedOfficerIds) byOfficer.set(id, []);
  for (const item of p.plan) {
    const officerId = p.enterprises.get(item.enterpriseId)?.officerId ?? null;
    const list = byOfficer.get(officerId);
    if (list) list.push(item);
    else byOfficer.set(officerId, [item]);
  }
  const officers = [...byOfficer.entries()].map(([officerId, items]) => {
    const o = officerId ? p.officers.get(officerId) : undefined;
    const unitId = o?.unitId ?? null;
    return {
      officerId,
      officerName: o?.displayName ?? null,
      unitId,
      unitName: unitId ? (p.unitNames.get(unitId) ?? null) : null,
      ...coverageFigures(items),
      items,
    };
  });
  const byUnit = new Map<string | null, PlanItem[]>();
  for (const o of officers) {
    const list = byUnit.get(o.unitId) ?? [];
    list.push(...o.items);
    byUnit.set(o.unitId, list);
  }
  const rank = (a: { rate: number | null; due: number }, b: { rate: number | null; due: number }) =>
    (a.rate ?? 2) - (b.rate ?? 2) || b.due - a.due;
  return {
    referenceDate: p.referenceDate,
    periodKey: p.periodKey,
    rules: p.rules.map((r) => {
      const range = periodOf(p.referenceDate, r.period);
      return { code: r.code, name: r.name, periodKey: range.key, start: range.start, end: range.end };
    }),
    total: coverageFigures(p.plan),
    officers: officers
      .map(({ items: _items, ...o }) => o)
      .sort((a, b) => rank(a, b) || (a.officerName ?? "").localeCompare(b.officerName ?? "", "zh-CN")),
    units: [...byUnit.entries()]
      .map(([unitId, items]) => ({
        unitId,
        unitName: unitId ? (p.unitNames.get(unitId) ?? null) : null,
        ...coverageFigures(items),
      }))
      .sort((a, b) => rank(a, b) || (a.unitName ?? "").localeCompare(b.unitName ?? "", "zh-CN")),
  };
}

export interface UnvisitedItem {
  enterpriseId: string;
  name: string;
  creditCode: string;
  isKey: boolean;
  officerId: string | null;
  officerName: string | null;
  unitName: string | null;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  lastVisitedOn: string | null;
}

/** The enterprises due but not yet visited in their period, for one officer, one unit or the whole scope. */
export async function unvisitedEnterprises(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof UnvisitedQuery>,
): Promise<{ items: UnvisitedItem[]; total: number }> {
  const p = await planOf(db, ctx, q.period);
  const rows = p.plan.flatMap((item) => {
    if (item.visited) return [];
    const e = p.enterprises.get(item.enterpriseId);
    if (!e) return [];
    const o = e.officerId ? p.officers.get(e.officerId) : undefined;
    const unitId = o?.unitId ?? null;
    if (q.officerId && e.officerId !== q.officerId) return [];
    if (q.unitId && unitId !== q.unitId) return [];
    if (q.unassigned === "true" && e.officerId !== null) return [];
    return [
      { item, e, officerName: o?.displayName ?? null, unitName: unitId ? (p.unitNames.get(unitId) ?? null) : null },
    ];
  });
  const last = await lastVisitDates(
    db,
    ctx.actor.zoneId,
    rows.map((r) => r.e.id),
    p.referenceDate,
  );
  const items = rows.map(({ item, e, officerName, unitName }) => ({
    enterpriseId: e.id,
    name: e.name,
    creditCode: e.creditCode,
    isKey: e.isKey,
    officerId: e.officerId,
    officerName,
    unitName,
    periodKey: item.period.key,
    periodStart: item.period.start,
    periodEnd: item.period.end,
    lastVisitedOn: last.get(e.id) ?? null,
  }));
  return { items, total: items.length };
}

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/** Coverage as a workbook: per officer, per unit, and the enterprises not yet visited. Audited. */
export async function exportCoverage(db: Db, ctx: RequestContext, period: string | undefined) {
  const [cov, unvisited] = await Promise.all([
    visitCoverage(db, ctx, period),
    unvisitedEnterprises(db, ctx, { period }),
  ]);
  await recordAudit(db, ctx, {
    action: "visit.coverage_export",
    entityType: "visit",
    entityId: "*",
    after: { period: period ?? null, referenceDate: cov.referenceDate },
  });
  const zh = ctx.lang === "zh-CN";
  const figureHeaders = [
    { header: zh ? "应走访" : "Due", width: 10 },
    { header: zh ? "已走访" : "Visited", width: 10 },
    { header: zh ? "覆盖率" : "Coverage", width: 10 },
  ];
  return streamWorkbook(async (wb) => {
    const a = wb.addWorksheet(zh ? "按干部" : "By officer", { views: FROZEN_HEADER });
    styleHeader(a, [
      { header: zh ? "干部" : "Officer", width: 16 },
      { header: zh ? "单位" : "Unit", width: 20 },
      ...figureHeaders,
    ]);
    a.getRow(1).commit();
    for (const o of cov.officers)
      a.addRow([
        safeCell(o.officerName ?? (zh ? "（未挂点）" : "(no officer)")),
        safeCell(o.unitName),
        o.due,
        o.visited,
        percent(o.rate),
      ]).commit();
    a.addRow([zh ? "合计" : "Total", "", cov.total.due, cov.total.visited, percent(cov.total.rate)]).commit();
    a.commit();
    const b = wb.addWorksheet(zh ? "按单位" : "By unit", { views: FROZEN_HEADER });
    styleHeader(b, [{ header: zh ? "单位" : "Unit", width: 24 }, ...figureHeaders]);
    b.getRow(1).commit();
    for (const u of cov.units)
      b.addRow([safeCell(u.unitName ?? (zh ? "（未挂点）" : "(none)")), u.due, u.visited, percent(u.rate)]).commit();
    b.commit();
    const c = wb.addWorksheet(zh ? "未走访企业" : "Not visited", { views: FROZEN_HEADER });
    styleHeader(c, [
      { header: zh ? "企业" : "Enterprise", width: 36 },
      { header: zh ? "统一社会信用代码" : "Credit code", width: 22 },
      { header: zh ? "重点企业" : "Key", width: 8 },
      { header: zh ? "挂点干部" : "Officer", width: 14 },
      { header: zh ? "单位" : "Unit", width: 18 },
      { header: zh ? "考核期" : "Period", width: 10 },
      { header: zh ? "最近走访" : "Last visit", width: 12 },
    ]);
    c.getRow(1).commit();
    for (const u of unvisited.items)
      c.addRow([
        safeCell(u.name),
        u.creditCode,
        safeCell(u.isKey),
        safeCell(u.officerName),
        safeCell(u.unitName),
        u.periodKey,
        u.lastVisitedOn ?? "",
      ]).commit();
    c.commit();
  });
}
