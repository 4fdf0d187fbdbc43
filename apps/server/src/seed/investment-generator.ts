/**
 * Investment attraction data (招商引资): industrial chains with their links, local enterprises placed on them and
 * target companies; trips; leads with their whole stage history (dates), scorecards and activities. The demo zone
 * gets three hand-named chains and a few hundred leads; the benchmark and `npm run demo-data` get any number of
 * generated chains, links, placements and leads. Deterministic for a seed and relative to `now`; JavaScript builds
 * the rows, bulk inserts write them, then ANALYZE.
 */
import { randomUUID } from "node:crypto";
import {
  chinaDate,
  DEFAULT_COVERAGE,
  DEFAULT_SCREENING_SCHEME,
  LEAD_PIPELINE,
  type LeadChannel,
  type LeadStage,
  LOST_REASONS,
  type LostReason,
  type PipelineStage,
  pipelineIndex,
  scoreScreening,
} from "@zoneos/domain";
import { sql } from "drizzle-orm";
import type { Conn, Db } from "../db/client.ts";
import { chainLinks, chainPlacements, chains, chainTargets } from "../modules/chains/chains.tables.ts";
import {
  leadActivities,
  leadCounters,
  leadScorecards,
  leadStageChanges,
  leads,
  trips,
} from "../modules/leads/leads.tables.ts";
import { projects } from "../modules/projects/projects.tables.ts";
import { searchTextOf } from "../platform/pinyin.ts";
import { creditCode, type Rng, rng } from "./generator.ts";
import { addDays, at, logUniform, roundWan, uniform, zoneFacts } from "./projects-common.ts";

type LinkSpec = { name: string; industryCode?: string; sub?: string[] };
type ChainSpec = {
  name: string;
  description: string;
  upstream: LinkSpec[];
  midstream: LinkSpec[];
  downstream: LinkSpec[];
};

/** The demo zone's chains (三张图 of a zone building new-energy vehicles, electronics and lithium batteries). */
export const DEMO_CHAINS: ChainSpec[] = [
  {
    name: "新能源汽车",
    description: "整车带动动力电池、电机电控和智能座舱配套，补齐汽车芯片和热管理短板",
    upstream: [
      { name: "动力电池", industryCode: "3841", sub: ["电芯", "电池包（PACK）", "电池管理系统（BMS）"] },
      { name: "驱动电机", industryCode: "3812" },
      { name: "电控系统", sub: ["整车控制器", "电机控制器"] },
      { name: "汽车芯片", industryCode: "3973" },
    ],
    midstream: [
      { name: "整车制造", industryCode: "3612" },
      { name: "汽车零部件", industryCode: "3670", sub: ["车身结构件", "热管理系统", "底盘系统"] },
      { name: "智能座舱" },
      { name: "自动驾驶系统" },
    ],
    downstream: [{ name: "充换电设施" }, { name: "汽车销售与服务" }, { name: "动力电池回收" }],
  },
  {
    name: "电子信息",
    description: "以集成电路设计和封装测试为核心，带动新型显示和智能终端",
    upstream: [
      { name: "半导体材料", industryCode: "3985", sub: ["硅片", "电子特气", "光刻胶"] },
      { name: "集成电路设计", industryCode: "6520" },
      { name: "电子元器件", industryCode: "3989" },
    ],
    midstream: [
      { name: "晶圆制造", industryCode: "3973" },
      { name: "封装测试" },
      { name: "新型显示", industryCode: "3974" },
    ],
    downstream: [
      { name: "智能终端", sub: ["智能手机", "可穿戴设备"] },
      { name: "工业软件", industryCode: "6513" },
      { name: "信息技术服务" },
    ],
  },
  {
    name: "锂电新能源",
    description: "从锂电材料到储能系统的全链条，电解液、铝箔、铜箔是招商重点",
    upstream: [
      { name: "锂资源", sub: ["碳酸锂", "氢氧化锂"] },
      { name: "正极材料" },
      { name: "负极材料" },
      { name: "电解液" },
      { name: "隔膜" },
      { name: "铝箔" },
      { name: "铜箔" },
    ],
    midstream: [{ name: "电芯制造", industryCode: "3841" }, { name: "电池模组" }, { name: "电池管理系统" }],
    downstream: [{ name: "储能系统", sub: ["电网侧储能", "工商业储能"] }, { name: "电池回收利用" }],
  },
];

/** Home regions of investors and targets (county-level GB/T 2260 codes of the cities capital comes from). */
const INVESTOR_REGIONS = [
  "440305",
  "310115",
  "440106",
  "320505",
  "330212",
  "420111",
  "510107",
  "350902",
  "110108",
  "320115",
  "370212",
  "430104",
  "330106",
  "500112",
  "610113",
  "320214",
  "340104",
  "120116",
];
const CITY_PREFIX: Record<string, string> = {
  "44": "深圳",
  "31": "上海",
  "32": "苏州",
  "33": "宁波",
  "42": "武汉",
  "51": "成都",
  "35": "宁德",
  "11": "北京",
  "37": "青岛",
  "43": "长沙",
  "50": "重庆",
  "61": "西安",
  "34": "合肥",
  "12": "天津",
};
const TRADE = "华锐宏达恒泰中科鼎盛睿智博远新源合创泰和卓越星辰天成东方海纳聚能汇川国轩瑞浦欣旺德赛";
const INDUSTRY_WORDS = ["新能源科技", "新材料", "电子科技", "智能装备", "半导体", "汽车科技", "动力科技", "储能技术"];
const SUFFIX = ["股份有限公司", "有限公司", "集团有限公司", "科技股份有限公司"];

const CHANNEL_WEIGHTS: [LeadChannel, number][] = [
  ["chain", 35],
  ["business", 20],
  ["capital", 10],
  ["entrusted", 8],
  ["resident", 12],
  ["event", 10],
  ["other", 5],
];
const FINAL_STAGE_WEIGHTS: [LeadStage, number][] = [
  ["clue", 20],
  ["contact", 17],
  ["negotiation", 20],
  ["signed", 10],
  ["registered", 6],
  ["started", 9],
  ["producing", 6],
  ["lost", 12],
];
const LOST_NOTES: Record<LostReason, string> = {
  land: "项目用地指标无法在年内落实，企业转投他处",
  policy: "企业要求的设备补贴超出区内政策上限",
  competition: "周边园区给出更优惠的土地和税收条件",
  investor: "企业调整全国布局，暂缓新建产能",
  funding: "企业融资未能到位，项目搁置",
  environment: "环评要求较高，企业改址建设",
  energy: "能耗指标不足，项目无法落地",
  other: "企业战略调整",
};
const OVERRIDE_REASON = "项目为产业链链主企业配套，经管委会主任办公会研究同意签约";
const ACTIVITY_TEXTS = {
  meeting: ["与企业高管座谈，介绍园区产业基础和政策", "企业来访洽谈，初步确定投资规模", "召开项目专题协调会"],
  site_visit: ["陪同企业考察拟选地块及标准厂房", "企业技术团队实地踏勘用地"],
  call: ["电话沟通投资协议条款", "跟进企业董事会决策进度"],
  document: ["提交项目投资意向书", "报送项目准入评估材料", "起草投资协议文本"],
  other: ["参加企业新品发布会并对接合作"],
} as const;
const COMPANY_NOTES = ["有意在长三角布局新产能", "表示将派团队来区考察", "已建立联系，持续跟进", "初步达成投资意向"];
const TRIP_PURPOSES = [
  "开展新能源汽车产业链招商",
  "长三角电子信息产业招商推介",
  "走访锂电材料头部企业",
  "参加投资促进活动",
];

function pickWeighted<T>(r: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items.at(-1) as [T, number])[0];
}

function companyName(r: Rng, region: string): string {
  const city = CITY_PREFIX[region.slice(0, 2)] ?? "江苏";
  const a = TRADE.charAt(r.int(0, TRADE.length - 1));
  const b = TRADE.charAt(r.int(0, TRADE.length - 1));
  return `${city}${a}${b}${r.pick(INDUSTRY_WORDS)}${r.pick(SUFFIX)}`;
}

/** Values of the default scorecard that pass (or, with `pass` false, fail on energy use). */
function scorecardValues(r: Rng, intensity: number, pass: boolean): Record<string, number | string> {
  return {
    intensity: Math.max(pass ? 300 : 120, Math.round(intensity)),
    tax_per_mu: pass ? r.int(16, 45) : r.int(8, 30),
    energy: pass ? Number(uniform(r, 0.05, 0.48).toFixed(2)) : Number(uniform(r, 0.55, 0.9).toFixed(2)),
    environment: pass ? r.pick(["A", "A", "B", "C"]) : r.pick(["B", "C"]),
    chain_pull: r.pick(["leader", "supplier", "supplier", "none"]),
    technology: r.pick(["world", "national", "national", "advanced", "ordinary"]),
  };
}

export interface GenerateInvestmentOptions {
  zoneId: string;
  seed: number;
  now: Date;
  /** Leads to write (each with its stage history). */
  leads: number;
  /** Null: the three demo chains (DEMO_CHAINS); a number: that many generated chains of `linksPerChain` links. */
  chains: number | null;
  linksPerChain?: number;
  /** Enterprise placements over all links (demo chains: spread so coverage is mixed; generated: this many). */
  placements: number;
  /** Target companies per link without strong coverage (demo) or per link (generated). */
  targetsPerLink: number;
  trips: number;
  /** Activities per lead (0 to this many). */
  activitiesPerLead: number;
  /** The span of history in days before `now`. */
  historyDays: number;
  usernamePrefix?: string;
}

export interface InvestmentWritten {
  chains: number;
  links: number;
  placements: number;
  targets: number;
  trips: number;
  leads: number;
  stageChanges: number;
}

async function insertChunks<T>(tx: Conn, rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  void tx;
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Writes the investment data for a zone that has its units, accounts and enterprises. */
export async function generateInvestment(db: Db, o: GenerateInvestmentOptions): Promise<InvestmentWritten> {
  const { zoneId } = o;
  const r = rng(o.seed * 31 + 7);
  const f = await zoneFacts(db, zoneId, o.usernamePrefix ?? "");
  const today = chinaDate(o.now);
  const allEnterprises = [...f.enterprisesByPark.values()].flat().sort((a, b) => (a.name < b.name ? -1 : 1));
  const leaders = f.leaders;
  const invest = f.unitByKey.get("invest");
  const parks = f.units.filter((u) => u.kind === "park");
  const hitech = f.unitByKey.get("park-hitech");
  const leadUnits: [(typeof f.units)[number], number][] = [
    ...(invest ? [[invest, 6] as [(typeof f.units)[number], number]] : []),
    ...parks.map((p): [(typeof f.units)[number], number] => [p, p.id === hitech?.id ? 4 : 3]),
    ...["economy", "tech"].flatMap((k) => {
      const u = f.unitByKey.get(k);
      return u ? [[u, 1] as [(typeof f.units)[number], number]] : [];
    }),
  ];
  if (!leadUnits.length) leadUnits.push(...f.units.map((u): [(typeof f.units)[number], number] => [u, 1]));

  // ---- chains, links, placements, targets
  const chainRows: (typeof chains.$inferInsert)[] = [];
  const linkRows: (typeof chainLinks.$inferInsert & { id: string; chainId: string })[] = [];
  const specs: ChainSpec[] =
    o.chains === null
      ? DEMO_CHAINS
      : Array.from({ length: o.chains }, (_, k) => generatedChain(k, o.linksPerChain ?? 200));
  for (const [k, spec] of specs.entries()) {
    const chainId = randomUUID();
    chainRows.push({
      id: chainId,
      zoneId,
      name: spec.name,
      description: spec.description,
      weakMin: DEFAULT_COVERAGE.weakMin,
      strongMin: DEFAULT_COVERAGE.strongMin,
      sortOrder: k,
      createdAt: o.now,
      updatedAt: o.now,
    });
    let order = 0;
    for (const segment of ["upstream", "midstream", "downstream"] as const) {
      for (const link of spec[segment]) {
        const id = randomUUID();
        linkRows.push({
          id,
          zoneId,
          chainId,
          parentId: null,
          segment,
          name: link.name,
          industryCode: link.industryCode ?? null,
          sortOrder: order++,
        });
        for (const sub of link.sub ?? [])
          linkRows.push({ id: randomUUID(), zoneId, chainId, parentId: id, segment, name: sub, sortOrder: order++ });
      }
    }
  }
  const placementRows: (typeof chainPlacements.$inferInsert)[] = [];
  const placed = new Set<string>();
  const place = (link: (typeof linkRows)[number], enterpriseId: string) => {
    const key = `${link.id}/${enterpriseId}`;
    if (placed.has(key)) return;
    placed.add(key);
    placementRows.push({ zoneId, chainId: link.chainId, linkId: link.id, enterpriseId, createdAt: o.now });
  };
  if (allEnterprises.length) {
    if (o.chains === null) {
      // Mixed coverage: a quarter of the links empty (缺链), a third weak, the rest strong.
      for (const link of linkRows) {
        const n = pickWeighted(r, [
          [0, 25],
          [r.int(1, 2), 35],
          [r.int(3, 7), 40],
        ]);
        for (let i = 0; i < n; i++) place(link, r.pick(allEnterprises).id);
      }
    } else {
      // The chains share the placements evenly; within a chain they are skewed like real ones: a few crowded
      // links, many thin ones, some empty.
      const linksOf = new Map<string, (typeof linkRows)[number][]>();
      for (const l of linkRows) linksOf.set(l.chainId, [...(linksOf.get(l.chainId) ?? []), l]);
      const chainLinkLists = [...linksOf.values()];
      for (let i = 0; i < o.placements; i++) {
        const links = chainLinkLists[i % chainLinkLists.length] as (typeof linkRows)[number][];
        const link = links[Math.floor(r.next() ** 2 * links.length)] as (typeof linkRows)[number];
        place(link, r.pick(allEnterprises).id);
      }
    }
  }
  const localCount = new Map<string, number>();
  for (const p of placementRows) localCount.set(p.linkId, (localCount.get(p.linkId) ?? 0) + 1);
  const targetRows: (typeof chainTargets.$inferInsert & { id: string })[] = [];
  for (const link of linkRows) {
    const count =
      o.chains === null
        ? (localCount.get(link.id) ?? 0) >= DEFAULT_COVERAGE.strongMin
          ? 0
          : r.int(1, o.targetsPerLink)
        : o.targetsPerLink;
    for (let i = 0; i < count; i++) {
      const region = r.pick(INVESTOR_REGIONS);
      targetRows.push({
        id: randomUUID(),
        zoneId,
        chainId: link.chainId,
        linkId: link.id,
        name: companyName(r, region),
        creditCode: r.chance(0.6) ? creditCode(r, region) : null,
        regionCode: region,
        size: pickWeighted(r, [
          ["large", 5],
          ["medium", 3],
          ["small", 2],
        ]),
        listed: r.chance(0.4),
        reason: `${link.name}环节${(localCount.get(link.id) ?? 0) === 0 ? "区内空白" : "配套薄弱"}，可补链强链`,
        createdAt: o.now,
      });
    }
  }

  // ---- trips
  const tripLeaders = [...leaders, ...f.units.flatMap((u) => f.staffOfUnit(u.id).filter((s) => s.role === "unithead"))];
  const tripRows: (typeof trips.$inferInsert & { id: string; endOn: string })[] = [];
  for (let i = 0; i < (tripLeaders.length ? o.trips : 0); i++) {
    const leader = r.chance(0.6) && leaders.length ? r.pick(leaders) : r.pick(tripLeaders);
    const unit = leader.unitId ? f.units.find((u) => u.id === leader.unitId) : (invest ?? f.units[0]);
    if (!unit) continue;
    const startOn = addDays(today, -r.int(5, o.historyDays));
    const staff = f.staffOfUnit(invest?.id ?? unit.id);
    const destinations = [
      r.pick(INVESTOR_REGIONS).slice(0, 4),
      ...(r.chance(0.4) ? [r.pick(INVESTOR_REGIONS).slice(0, 4)] : []),
    ];
    tripRows.push({
      id: randomUUID(),
      zoneId,
      leaderId: leader.id,
      unitId: unit.id,
      memberIds: staff.slice(0, r.int(1, 3)).map((s) => s.id),
      startOn,
      endOn: addDays(startOn, r.int(1, 4)),
      destinationCodes: [...new Set(destinations)],
      companiesMet: Array.from({ length: r.int(2, 4) }, () => ({
        name: companyName(r, r.pick(INVESTOR_REGIONS)),
        note: r.pick(COMPANY_NOTES),
      })),
      purpose: r.pick(TRIP_PURPOSES),
      summary: "拜访企业并推介园区，形成在谈线索",
      createdBy: leader.id,
      createdAt: at(startOn),
      updatedAt: at(startOn),
    });
  }
  tripRows.sort((a, b) => (a.endOn < b.endOn ? -1 : 1));

  // ---- leads with their history
  const industryProjects =
    o.chains === null
      ? await db
          .select({ id: projects.id, unitId: projects.unitId })
          .from(projects)
          .where(sql`${projects.zoneId} = ${zoneId} and ${projects.type} = 'industry'`)
          .orderBy(projects.code)
      : [];
  let nextProject = 0;
  const leadRows: (typeof leads.$inferInsert)[] = [];
  const changeRows: (typeof leadStageChanges.$inferInsert)[] = [];
  const scorecardRows: (typeof leadScorecards.$inferInsert)[] = [];
  const activityRows: (typeof leadActivities.$inferInsert)[] = [];
  const seqOfYear = new Map<number, number>();
  const usedTargets = new Set<string>();
  const firstDates: string[] = Array.from({ length: o.leads }, () => addDays(today, -r.int(3, o.historyDays)));
  firstDates.sort();
  for (let i = 0; i < o.leads; i++) {
    const id = randomUUID();
    const first = firstDates[i] as string;
    const drawn = pickWeighted(r, FINAL_STAGE_WEIGHTS);
    // In the demo, a lead breaks ground only as one of the zone's projects: when those are used up, it is registered.
    const noProjectLeft = o.chains === null && nextProject >= industryProjects.length;
    const finalStage = noProjectLeft && (drawn === "started" || drawn === "producing") ? "registered" : drawn;
    const lostFrom: PipelineStage | null =
      finalStage === "lost"
        ? pickWeighted<PipelineStage>(r, [
            ["clue", 4],
            ["contact", 4],
            ["negotiation", 3],
          ])
        : null;
    const reached = finalStage === "lost" ? (lostFrom as PipelineStage) : finalStage;
    const path: LeadStage[] = LEAD_PIPELINE.slice(0, pipelineIndex(reached) + 1).filter(
      (s) => s !== "contact" || reached === "contact" || !r.chance(0.2),
    );
    if (finalStage === "lost") path.push("lost");
    // Dates: from the first one to at most today, gaps in proportion to random weights.
    const span = Math.max(path.length - 1, Math.floor((Date.parse(today) - Date.parse(first)) / 86_400_000));
    const weights = path.map(() => uniform(r, 0.5, 1.5));
    const sum = weights.reduce((s, w) => s + w, 0);
    const dates: string[] = [];
    let elapsed = 0;
    for (const [k, w] of weights.entries()) {
      if (k > 0) elapsed += Math.max(1, Math.floor((w / sum) * span * 0.9));
      dates.push(addDays(first, Math.min(elapsed, span)));
    }
    const investorRegion = r.pick(INVESTOR_REGIONS);
    const investorName = companyName(r, investorRegion);
    const investorCode = r.chance(0.6) ? creditCode(r, investorRegion) : null;
    const investment = roundWan(logUniform(r, 2_000, 1_200_000));
    const landMu = Math.max(10, Math.round(investment / uniform(r, 150, 800)));
    // A lead that broke ground became a project of the registry, under the lead's unit: the project's.
    const project =
      path.includes("started") && nextProject < industryProjects.length ? industryProjects[nextProject++] : undefined;
    const drawnUnit = pickWeighted(r, leadUnits);
    const unit = (project && f.units.find((u) => u.id === project.unitId)) || drawnUnit;
    const staff = f.staffOfUnit(unit.id);
    const officer = staff.length && r.chance(0.9) ? r.pick(staff) : null;
    const leader = leaders.length && r.chance(0.75) ? r.pick(leaders) : null;
    const link = linkRows.length && r.chance(0.75) ? r.pick(linkRows) : null;
    const target =
      link && r.chance(0.2)
        ? targetRows.find((t) => t.linkId === link.id && !usedTargets.has(t.id) && t.leadId === undefined)
        : undefined;
    if (target) {
      usedTargets.add(target.id);
      target.leadId = id;
    }
    const channel = target ? "chain" : pickWeighted(r, CHANNEL_WEIGHTS);
    const trip = r.chance(0.15) ? tripRows.filter((t) => t.endOn <= first).at(-1) : undefined;
    const name = `${investorName.replace(/(股份|集团|科技股份)?有限公司$/, "")}${link ? link.name : r.pick(INDUSTRY_WORDS)}项目`;
    const year = Number(first.slice(0, 4));
    const seq = (seqOfYear.get(year) ?? 0) + 1;
    seqOfYear.set(year, seq);
    const code = `ZS${year}-${String(seq).padStart(3, "0")}`;
    const signedIdx = path.indexOf("signed");
    const signed = signedIdx >= 0;
    const passes = r.chance(0.85);
    const hasScorecard = signed ? passes || r.chance(0.4) : reached === "negotiation" ? r.chance(0.5) : false;
    const scorePass = signed ? passes : r.chance(0.7);
    const marks = [
      ...(r.chance(0.06) ? ["global500"] : []),
      ...(r.chance(0.08) ? ["china500"] : []),
      ...(r.chance(0.04) ? ["central_soe"] : []),
      ...(r.chance(0.2) ? ["listed"] : []),
    ];
    const stageDate = dates.at(-1) as string;
    const startedIdx = path.indexOf("started");
    const projectId = project?.id ?? null;
    const registeredIdx = path.indexOf("registered");
    const lostReason = finalStage === "lost" ? r.pick(LOST_REASONS) : null;
    leadRows.push({
      id,
      zoneId,
      code,
      name,
      searchText: `${searchTextOf(name, code)} ${searchTextOf(investorName, investorCode ?? "")}`,
      investorName,
      investorCreditCode: investorCode,
      investorRegionCode: investorRegion,
      investorMarks: marks,
      investmentWan: String(investment),
      signedAmountWan: signed ? String(roundWan(investment * uniform(r, 0.8, 1.1))) : null,
      signedOn: signed ? (dates[signedIdx] as string) : null,
      industryCode: link?.industryCode ?? null,
      chainId: link?.chainId ?? null,
      chainLinkId: link?.id ?? null,
      channel,
      unitId: unit.id,
      officerId: officer?.id ?? null,
      leaderId: leader?.id ?? null,
      landMu: String(landMu),
      jobs: Math.round(investment / uniform(r, 50, 300)),
      stage: finalStage,
      stageOn: stageDate,
      lostReason,
      lostNote: lostReason ? LOST_NOTES[lostReason] : null,
      tripId: trip?.id ?? null,
      targetId: target?.id ?? null,
      projectId: projectId ?? null,
      registeredEnterpriseId:
        (registeredIdx >= 0 || startedIdx >= 0) && allEnterprises.length ? r.pick(allEnterprises).id : null,
      createdBy: officer?.id ?? null,
      createdAt: at(first),
      updatedAt: at(stageDate),
    });
    const card = hasScorecard ? scorecardValues(r, investment / landMu, scorePass) : null;
    const result = card ? scoreScreening(DEFAULT_SCREENING_SCHEME, card) : null;
    if (card && result) {
      const values = card;
      scorecardRows.push({
        leadId: id,
        zoneId,
        values,
        score: String(result.score),
        maxScore: String(result.maxScore),
        passed: result.passed,
        scheme: DEFAULT_SCREENING_SCHEME,
        scoredBy: officer?.id ?? null,
        scoredAt: at(dates[Math.max(0, signed ? signedIdx - 1 : dates.length - 1)] as string, 9),
      });
    }
    for (const [k, stage] of path.entries()) {
      const on = dates[k] as string;
      const overridden = stage === "signed" && result?.passed !== true;
      changeRows.push({
        zoneId,
        leadId: id,
        fromStage: k === 0 ? null : (path[k - 1] as string),
        toStage: stage,
        on,
        at: at(on, 10, k),
        by: overridden && leader ? leader.id : (officer?.id ?? null),
        note: stage === "lost" && lostReason ? LOST_NOTES[lostReason] : null,
        lostReason: stage === "lost" ? lostReason : null,
        overrideBy: overridden ? (leader?.id ?? leaders[0]?.id ?? null) : null,
        overrideReason: overridden ? OVERRIDE_REASON : null,
      });
    }
    const activities = r.int(0, o.activitiesPerLead);
    for (let k = 0; k < activities; k++) {
      const kind = r.pick(["meeting", "site_visit", "call", "document", "meeting"] as const);
      const on = addDays(first, Math.floor(((Date.parse(stageDate) - Date.parse(first)) / 86_400_000) * r.next()));
      activityRows.push({
        zoneId,
        leadId: id,
        kind,
        on,
        summary: r.pick(ACTIVITY_TEXTS[kind]),
        participants: officer ? officer.displayName : null,
        createdBy: officer?.id ?? null,
        createdAt: at(on, 16),
      });
    }
  }

  await db.transaction(async (tx) => {
    await insertChunks(tx, chainRows, 500, (c) => tx.insert(chains).values(c));
    await insertChunks(tx, linkRows, 2000, (c) => tx.insert(chainLinks).values(c));
    await insertChunks(tx, placementRows, 5000, (c) => tx.insert(chainPlacements).values(c));
    await insertChunks(tx, targetRows, 2000, (c) => tx.insert(chainTargets).values(c));
    await insertChunks(tx, tripRows, 1000, (c) => tx.insert(trips).values(c));
    await insertChunks(tx, leadRows, 1000, (c) => tx.insert(leads).values(c));
    await insertChunks(tx, changeRows, 3000, (c) => tx.insert(leadStageChanges).values(c));
    await insertChunks(tx, scorecardRows, 2000, (c) => tx.insert(leadScorecards).values(c));
    await insertChunks(tx, activityRows, 3000, (c) => tx.insert(leadActivities).values(c));
    for (const [year, last] of seqOfYear)
      await tx
        .insert(leadCounters)
        .values({ zoneId, year, last })
        .onConflictDoUpdate({ target: [leadCounters.zoneId, leadCounters.year], set: { last } });
  });
  for (const t of [
    "chains",
    "chain_links",
    "chain_placements",
    "chain_targets",
    "trips",
    "leads",
    "lead_stage_changes",
  ])
    await db.execute(sql.raw(`analyze ${t}`));
  return {
    chains: chainRows.length,
    links: linkRows.length,
    placements: placementRows.length,
    targets: targetRows.length,
    trips: tripRows.length,
    leads: leadRows.length,
    stageChanges: changeRows.length,
  };
}

/** A generated chain of `links` links: a fifth of them top-level links, the rest their sub-links. */
function generatedChain(k: number, links: number): ChainSpec {
  const top = Math.max(3, Math.floor(links / 5));
  const spec: ChainSpec = {
    name: `产业链${String(k + 1).padStart(2, "0")}`,
    description: "基准测试生成",
    upstream: [],
    midstream: [],
    downstream: [],
  };
  let made = 0;
  for (let i = 0; i < top && made < links; i++) {
    const segment = i % 3 === 0 ? "upstream" : i % 3 === 1 ? "midstream" : "downstream";
    const subCount = Math.min(links - made - 1, Math.ceil((links - top) / top));
    const link: LinkSpec = {
      name: `环节${String(i + 1).padStart(3, "0")}`,
      sub: Array.from({ length: Math.max(0, subCount) }, (_, s) => `环节${String(i + 1).padStart(3, "0")}-${s + 1}`),
    };
    spec[segment].push(link);
    made += 1 + (link.sub?.length ?? 0);
  }
  return spec;
}
