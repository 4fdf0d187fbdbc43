/**
 * Generated cases (诉求) in bulk, written by the database itself (INSERT … SELECT over generate_series): a few
 * thousand for the demo zone, 20,000 or 1,000,000 for the benchmarks. Deterministic for a seed (PostgreSQL's
 * `setseed`).
 *
 * The rows follow the rules of the case engine: due times are the exact SLA due times of the zone's working-day
 * calendar (the same working-day index arrays the figures use: acceptance at the end of the effective working day
 * of receipt, resolution at the end of the N-th working day after it); the steps happen in order, none after `now`,
 * so the state is whatever step was last reached: recent cases are open, old ones mostly closed. About 85% are
 * accepted in time and three quarters replied on time; a few never got past dispatch and, once overdue by three
 * working-day-ish days, sit with 兜底办 as escalated. Ratings: 满意 55%, 基本满意 20%, 不满意 5% (reopened once,
 * then closed automatically), none 20% (closed automatically).
 */
import { workingDayIndex } from "@zoneos/domain";
import { sql } from "drizzle-orm";
import type { Conn, Db } from "../db/client.ts";
import { zoneCalendar } from "../modules/calendar/calendar.service.ts";
import { listCategories } from "../modules/cases/cases.queries.ts";
import { serviceCentreOf } from "../modules/cases/cases.service.ts";
import { enterprises } from "../modules/enterprises/enterprises.tables.ts";
import { listUnits, listUsers } from "../modules/org/org.queries.ts";

const DAY_S = 86_400;
const CHINA_OFFSET_S = 8 * 3600;

/** Titles by category code: what enterprises actually ask. */
const TITLES: Record<string, string[]> = {
  policy: ["咨询研发费用加计扣除政策", "咨询高新技术企业认定条件", "咨询专精特新申报流程", "咨询稳岗补贴申领"],
  talent: ["人才公寓申请", "高层次人才子女入学", "博士后工作站申报", "引进人才落户咨询"],
  employment: ["一线普工招聘困难", "技能培训补贴申请", "用工高峰期劳务对接"],
  finance: ["流动资金贷款对接", "知识产权质押融资", "科创基金投资对接", "应收账款融资咨询"],
  infrastructure: ["厂区道路破损维修", "园区供电容量不足", "厂区周边排水不畅", "天然气接入申请", "公交线路延伸"],
  land: ["扩建用地指标申请", "标准厂房租赁需求", "土地证办理进度"],
  planning: ["厂房加层规划审批", "规划条件核实", "园区道路规划调整"],
  approval: ["环评审批进度", "施工许可办理", "消防验收咨询", "能评审批加快"],
  project: ["项目开工前手续协调", "项目周边拆迁协调"],
  other: ["企业周边治安问题", "员工通勤班车需求", "企业名称变更咨询"],
};

const textArray = (xs: readonly string[]) =>
  `{${xs.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
const intArray = (xs: readonly number[]) => `{${xs.join(",")}}`;

export interface GenerateCasesOptions {
  zoneId: string;
  count: number;
  /** Cases are received between `from` and the day before `now`. */
  from: Date;
  now: Date;
  seed: number;
  /** Also write each case's history (create, dispatch, accept, reply, rate or auto close, escalate). */
  steps: boolean;
  /** Rows per statement (each its own transaction). */
  chunk?: number;
}

/**
 * Writes `count` cases for the zone's enterprises, units and officers (the zone needs its units, users and
 * categories; enterprises are optional). Returns how many it wrote.
 */
export async function generateCases(db: Db, o: GenerateCasesOptions): Promise<number> {
  const { zoneId } = o;
  const units = (await listUnits(db, zoneId)).filter((u) => u.kind !== "company");
  const staff = (await listUsers(db, zoneId, {}, { limit: 100_000, offset: 0 })).rows.filter(
    (u) => (u.role === "officer" || u.role === "unithead") && u.unitId && !u.disabled,
  );
  const categories = await listCategories(db, zoneId);
  const enterpriseIds = (
    await db.select({ id: enterprises.id }).from(enterprises).where(sql`${enterprises.zoneId} = ${zoneId}`)
  ).map((r) => r.id);
  const centre = await serviceCentreOf(db, zoneId);
  if (!units.length || !categories.length) return 0;
  const titles: string[] = [];
  const titleCategory: number[] = [];
  categories.forEach((c, i) => {
    for (const t of TITLES[c.code] ?? [`${c.name}相关诉求`]) {
      titles.push(t);
      titleCategory.push(i + 1);
    }
  });
  const cal = await zoneCalendar(db, zoneId);
  const fromDay = new Date(o.from.getTime() - 10 * DAY_S * 1000).toISOString().slice(0, 10);
  const lastDay = new Date(o.now.getTime() + 200 * DAY_S * 1000).toISOString().slice(0, 10);
  const ix = workingDayIndex(cal, fromDay, lastDay);
  // The slot (1-based day of the run) of the working day with each index: index k → dayAt[k + 1].
  const dayAt: number[] = [];
  ix.index.forEach((k, slot) => {
    if (ix.working[slot] && dayAt[k] === undefined) dayAt[k] = slot + 1;
  });
  for (let k = 0; k < dayAt.length; k++) dayAt[k] ??= 1;
  const params = {
    units: `{${units.map((u) => u.id).join(",")}}`,
    officers: `{${staff.map((u) => u.id).join(",")}}`,
    officerUnits: `{${staff.map((u) => u.unitId).join(",")}}`,
    enterprises: `{${enterpriseIds.join(",")}}`,
    cats: textArray(categories.map((c) => c.code)),
    catDays: intArray(categories.map((c) => c.resolveDays)),
    acceptDays: intArray(categories.map((c) => c.acceptDays)),
    titles: textArray(titles),
    titleCats: intArray(titleCategory),
    idx: intArray(ix.index),
    work: `{${ix.working.map((w) => (w ? "t" : "f")).join(",")}}`,
    dayAt: intArray(dayAt),
  };
  const fromS = Math.floor(o.from.getTime() / 1000) + CHINA_OFFSET_S;
  const nowS = Math.floor(o.now.getTime() / 1000);
  const firstReceiptDay = Math.floor(fromS / DAY_S);
  const lastReceiptDay = Math.floor((nowS + CHINA_OFFSET_S) / DAY_S) - 1;
  const chunk = o.chunk ?? 50_000;
  let written = 0;
  for (let start = 0; start < o.count; start += chunk) {
    const size = Math.min(chunk, o.count - start);
    await db.transaction(async (tx) => {
      // A seed of its own for each chunk (setseed takes -1…1): chunks of 100,000 must not repeat each other.
      await tx.execute(sql`select setseed(${(((o.seed * 7919 + start / chunk) * 104_729) % 999_983) / 999_983})`);
      await insertChunk(tx, {
        zoneId,
        size,
        params,
        firstDay: ix.firstDay,
        eod: ix.endOfDaySeconds,
        firstReceiptDay,
        lastReceiptDay: Math.max(firstReceiptDay, lastReceiptDay),
        nowS,
        centre: centre.unitId,
        desk: centre.escalationUnitId,
        steps: o.steps,
      });
    });
    written += size;
  }
  return written;
}

interface ChunkArgs {
  zoneId: string;
  size: number;
  params: Record<string, string>;
  firstDay: number;
  eod: number;
  firstReceiptDay: number;
  lastReceiptDay: number;
  nowS: number;
  centre: string | null;
  desk: string | null;
  steps: boolean;
}

async function insertChunk(tx: Conn, a: ChunkArgs): Promise<void> {
  const p = a.params;
  // Instants are handled as seconds since the epoch in China time (local seconds) until written.
  const ts = (localSeconds: string) => sql.raw(`to_timestamp(${localSeconds} - ${CHINA_OFFSET_S})`);
  const endOfSlot = (slot: string) => `((first_day + ${slot} - 1)::float8 * ${DAY_S} + eod)`;
  const insertCases = sql`
    with p as (
      select ${p.units}::uuid[] as units, ${p.officers}::uuid[] as officers, ${p.officerUnits}::uuid[] as officer_units,
        ${p.enterprises}::uuid[] as ents, ${p.cats}::text[] as cats, ${p.catDays}::int[] as cat_days,
        ${p.acceptDays}::int[] as accept_days, ${p.titles}::text[] as titles, ${p.titleCats}::int[] as title_cats,
        ${p.idx}::int[] as idx, ${p.work}::boolean[] as work, ${p.dayAt}::int[] as day_at,
        ${a.firstDay}::int as first_day, ${a.eod}::int as eod, ${a.nowS + CHINA_OFFSET_S}::float8 as now_l,
        ${a.centre}::uuid as centre, ${a.desk}::uuid as desk
    ), g as (
      select n, random() as r_day, random() as r_time, random() as r_title, random() as r_officer,
        random() as r_accept, random() as r_reply, random() as r_close, random() as r_rating, random() as r_flags,
        random() as r_source, random() as r_ent
      from generate_series(1, ${a.size}::int) n
    ), d as (
      -- The day of receipt (four in five that fall on a day off move to the next working day) and the time.
      select g.*, p.*,
        ${a.firstReceiptDay}::int + floor(r_day * ${a.lastReceiptDay - a.firstReceiptDay + 1})::int as day0,
        8.5 * 3600 + r_time * 9.5 * 3600 as tod,
        1 + floor(r_title * array_length(p.titles, 1))::int as title_i
      from g cross join p
    ), d2 as (
      select d.*,
        case when not work[day0 - first_day + 1] and r_flags < 0.8
          then day_at[idx[day0 - first_day + 1] + 2] + first_day - 1 else day0 end as day1
      from d
    ), r as (
      select d2.*,
        day1::float8 * ${DAY_S} + tod as received_l,
        title_cats[title_i] as cat_i,
        idx[day1 - first_day + 1] + case when work[day1 - first_day + 1] and tod <= eod then 0 else 1 end as eff
      from d2
    ), due as (
      select r.*,
        ${sql.raw(endOfSlot("day_at[eff + 1 + accept_days[cat_i]]"))} as accept_due_l,
        ${sql.raw(endOfSlot("day_at[eff + 1 + cat_days[cat_i]]"))} as resolve_due_l
      from r
    ), ev as (
      select due.*,
        case when r_flags >= 0.97 then null
          when r_accept < 0.85 then received_l + (accept_due_l - received_l) * (r_accept / 0.85) * 0.95
          else accept_due_l + 1800 + (r_accept - 0.85) / 0.15 * 1.5 * ${DAY_S} end as accepted_l
      from due
    ), ev2 as (
      select ev.*, accepted_l + greatest(600, (resolve_due_l - accepted_l) * r_reply * 1.35) as replied_l from ev
    ), ev3 as (
      select ev2.*, replied_l + (0.2 + r_close * 4) * ${DAY_S} as closed_l from ev2
    ), s as (
      select ev3.*,
        case when closed_l <= now_l then 'closed' when replied_l <= now_l then 'replied'
          when accepted_l <= now_l then 'accepted'
          when r_source < 0.35 and r_flags < 0.985 then 'new' else 'dispatched' end as state,
        case when r_source < 0.35 then 'portal' when r_source < 0.65 then 'visit'
          when r_source < 0.85 then 'hotline' else 'service_day' end as source,
        case when r_officer < 0.85 and array_length(officers, 1) > 0
          then 1 + floor(r_officer / 0.85 * array_length(officers, 1))::int end as officer_i
      from ev3
    ), f as (
      select s.*,
        case when state = 'closed' then case when r_rating < 0.55 then 'satisfied'
          when r_rating < 0.75 then 'basically_satisfied' when r_rating < 0.8 then 'unsatisfied' end end as rating,
        state in ('new', 'dispatched', 'accepted') and desk is not null
          and resolve_due_l + 3 * ${DAY_S} <= now_l and (r_flags >= 0.97 or r_flags < 0.3) as escalated,
        case when officer_i is not null then officer_units[officer_i]
          else units[1 + floor(r_officer * array_length(units, 1))::int] end as unit_id
      from s
    ), numbered as (
      select f.*,
        extract(year from to_timestamp(received_l) at time zone 'UTC')::int as year
      from f
    ), seq as (
      select numbered.*,
        coalesce((select cc.last from case_counters cc where cc.zone_id = ${a.zoneId}::uuid and cc.year = numbered.year), 0)
          + row_number() over (partition by year order by received_l, n) as seq_no
      from numbered
    )
    insert into cases (zone_id, number, source, enterprise_id, category, title, description, priority,
      received_unit_id, owner_unit_id, owner_officer_id, dispatcher_unit_id, state, received_at, accept_due_at,
      resolve_due_at, accepted_at, replied_at, closed_at, escalated_at, supervised, reopen_count, rating, rated_at,
      version, created_at, updated_at)
    select ${a.zoneId}::uuid, 'SQ' || year || '-' || lpad(seq_no::text, 6, '0'), source,
      case when array_length(ents, 1) > 0 then ents[1 + floor(r_ent * array_length(ents, 1))::int] end,
      cats[cat_i], titles[title_i], titles[title_i] || '：企业反映情况，请协调解决。',
      case when r_flags < 0.05 then 'urgent' else 'normal' end,
      case when source = 'portal' then null else unit_id end,
      case when escalated then desk when state = 'new' then null else unit_id end,
      case when escalated or state = 'new' then null else officer_id end,
      centre, case when escalated then 'dispatched' else state end,
      ${ts("received_l")}, ${ts("accept_due_l")}, ${ts("resolve_due_l")},
      case when accepted_l <= now_l then ${ts("accepted_l")} end,
      case when state in ('replied', 'closed') then ${ts("replied_l")} end,
      case when state = 'closed' then ${ts("closed_l")} end,
      case when escalated then ${ts(`(resolve_due_l + 3 * ${DAY_S})`)} end,
      escalated and r_rating < 0.3,
      case when rating = 'unsatisfied' then 1 else 0 end,
      rating,
      case when rating is not null then ${ts("closed_l")} end,
      1 + (case when state <> 'new' then 1 else 0 end) + (case when accepted_l <= now_l then 1 else 0 end)
        + (case when state in ('replied', 'closed') then 1 else 0 end) + (case when state = 'closed' then 1 else 0 end),
      ${ts("received_l")},
      ${ts(`least(now_l, greatest(received_l, case when accepted_l <= now_l then accepted_l else received_l end,
        case when state in ('replied', 'closed') then replied_l else received_l end,
        case when state = 'closed' then closed_l else received_l end))`)}
    from (select seq.*, case when officer_i is not null then officers[officer_i] end as officer_id from seq) x
    returning id, state, received_at, accepted_at, replied_at, closed_at, escalated_at, rating, owner_unit_id,
      owner_officer_id, dispatcher_unit_id`;
  if (!a.steps) {
    await tx.execute(insertCases);
    await updateCounters(tx, a.zoneId);
    return;
  }
  await tx.execute(sql`
    with ins as (${insertCases})
    insert into case_steps (zone_id, case_id, step, actor_id, actor_name, at, comment, from_state, to_state, data)
    select ${a.zoneId}::uuid, ins.id, v.step, null, v.actor, v.at, v.comment, v.from_state, v.to_state, v.data::jsonb
    from ins cross join lateral (values
      (1, 'create', ins.received_at, null, 'new', '企业服务中心', null, '{}'),
      (2, 'dispatch', ins.received_at + interval '20 minutes', 'new', 'dispatched', '企业服务中心', null,
        '{"unitId": "' || coalesce(ins.owner_unit_id::text, '') || '"}'),
      (3, 'accept', ins.accepted_at, 'dispatched', 'accepted', null, null, '{}'),
      (4, 'reply', ins.replied_at, 'accepted', 'replied', null, '已按政策答复企业，并告知后续办理事项。', '{}'),
      (5, case when ins.rating in ('satisfied', 'basically_satisfied') then 'rate' else 'auto_close' end,
        ins.closed_at, 'replied', 'closed', case when ins.rating in ('satisfied', 'basically_satisfied')
          then '企业用户' else '系统' end, null,
        case when ins.rating in ('satisfied', 'basically_satisfied') then '{"rating": "' || ins.rating || '"}'
          else '{}' end),
      (6, 'auto_escalate', ins.escalated_at, case when ins.accepted_at is null then 'dispatched' else 'accepted' end,
        'dispatched', '系统', null, '{}')
    ) as v(ord, step, at, from_state, to_state, actor, comment, data)
    where v.at is not null and (v.step <> 'dispatch' or ins.dispatcher_unit_id is not null and ins.state <> 'new')
    order by ins.id, v.ord`);
  await updateCounters(tx, a.zoneId);
}

/** The zone's case counters after a bulk insert: new cases through the API continue the numbering. */
async function updateCounters(tx: Conn, zoneId: string): Promise<void> {
  await tx.execute(sql`
    insert into case_counters (zone_id, year, last)
    select ${zoneId}::uuid, substr(number, 3, 4)::int, max(substr(number, 8)::int) from cases where zone_id = ${zoneId}::uuid
    group by 1, 2
    on conflict (zone_id, year) do update set last = greatest(case_counters.last, excluded.last)`);
}
