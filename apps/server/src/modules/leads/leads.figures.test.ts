import type { LeadFigures, LeadMap } from "@zoneos/contracts";
import { daysInStages, type LeadStage, type PipelineStage, stageConversion } from "@zoneos/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { chainLinks, chains, chainTargets } from "../chains/chains.tables.ts";
import { listUnits } from "../org/org.queries.ts";
import { leadStageChanges, leads } from "./leads.tables.ts";

/**
 * The pipeline figures and the investment map against hand-computed numbers, on a small zone whose leads and stage
 * histories are written straight into the tables: the size-bucket boundaries, the leaders' sentence, signed in the
 * period, conversion and days (the domain's stageConversion and daysInStages as the reference), lost reasons, the
 * unit ranking with a tie, the scope of a unit head, the Excel workbook and the map's roll-up by region.
 */

let env: TestEnv;
const TODAY = "2026-06-30";
beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(new Date(`${TODAY}T02:00:00Z`));
});
afterAll(() => env.close());

const HITECH = "高新技术产业园";
const MANUFACTURING = "智能制造产业园";
const INVEST = "投资促进局";

interface LeadSpec {
  code: string;
  unit: string;
  investmentWan: string;
  channel?: string;
  inChain?: boolean;
  signed?: { amountWan: string; on: string };
  lost?: string;
  investorRegionCode?: string;
  /** The stage history in order; the last entry is the lead's stage. */
  history: [LeadStage, string][];
}

/** The zone's leads (万元): the boundaries 1亿, 10亿, 50亿 and 100亿 exactly, and a tie in the ranking. */
const LEADS: LeadSpec[] = [
  { code: "L01", unit: HITECH, investmentWan: "10000", inChain: true, history: [["clue", "2026-01-10"]] },
  {
    code: "L02",
    unit: HITECH,
    investmentWan: "9999.9999",
    channel: "business",
    history: [
      ["clue", "2026-02-01"],
      ["contact", "2026-03-01"],
    ],
  },
  {
    code: "L03",
    unit: MANUFACTURING,
    investmentWan: "100000",
    inChain: true,
    history: [
      ["clue", "2026-01-05"],
      ["contact", "2026-01-15"],
      ["negotiation", "2026-02-14"],
    ],
  },
  {
    code: "L04",
    unit: MANUFACTURING,
    investmentWan: "499999.9999",
    channel: "capital",
    history: [
      ["clue", "2026-03-01"],
      ["negotiation", "2026-04-01"],
    ],
  },
  { code: "L05", unit: INVEST, investmentWan: "500000", channel: "event", history: [["clue", "2026-05-01"]] },
  {
    code: "L06",
    unit: INVEST,
    investmentWan: "1000000",
    history: [
      ["clue", "2026-04-10"],
      ["contact", "2026-05-10"],
    ],
  },
  {
    code: "L07",
    unit: HITECH,
    investmentWan: "200000",
    inChain: true,
    signed: { amountWan: "150000", on: "2026-04-20" },
    investorRegionCode: "320115",
    history: [
      ["clue", "2026-01-20"],
      ["contact", "2026-02-10"],
      ["negotiation", "2026-03-10"],
      ["signed", "2026-04-20"],
    ],
  },
  {
    code: "L08",
    unit: MANUFACTURING,
    investmentWan: "50000",
    channel: "business",
    signed: { amountWan: "150000", on: "2026-02-15" },
    investorRegionCode: "440305",
    history: [
      ["clue", "2026-01-02"],
      ["signed", "2026-02-15"],
      ["registered", "2026-03-01"],
      ["started", "2026-05-01"],
    ],
  },
  {
    code: "L09",
    unit: MANUFACTURING,
    investmentWan: "150000",
    signed: { amountWan: "150000", on: "2025-12-20" },
    investorRegionCode: "3205",
    history: [
      ["clue", "2025-10-01"],
      ["signed", "2025-12-20"],
    ],
  },
  {
    code: "L10",
    unit: INVEST,
    investmentWan: "30000",
    lost: "land",
    history: [
      ["clue", "2026-02-01"],
      ["contact", "2026-03-01"],
      ["lost", "2026-05-20"],
    ],
  },
  {
    code: "L11",
    unit: INVEST,
    investmentWan: "20000",
    lost: "land",
    history: [
      ["clue", "2025-09-01"],
      ["lost", "2025-11-01"],
    ],
  },
  {
    code: "L12",
    unit: HITECH,
    investmentWan: "8000",
    lost: "policy",
    history: [
      ["clue", "2026-04-01"],
      ["negotiation", "2026-05-01"],
      ["lost", "2026-06-01"],
    ],
  },
];

interface World {
  zone: TestZone;
  admin: Client;
  leader: Client;
  unithead: Client;
  units: Map<string, string>;
  chainId: string;
  otherChainId: string;
}

async function world(): Promise<World> {
  const zone = await makeZone(env);
  const db = env.database.db;
  const zoneId = zone.zoneId;
  const units = new Map((await listUnits(db, zoneId)).map((u) => [u.name, u.id]));
  const [chain] = await db.insert(chains).values({ zoneId, name: "新能源汽车", weakMin: 1, strongMin: 3 }).returning();
  const [other] = await db.insert(chains).values({ zoneId, name: "电子信息", weakMin: 1, strongMin: 3 }).returning();
  if (!chain || !other) throw new Error("no chain");
  const [link] = await db
    .insert(chainLinks)
    .values({ zoneId, chainId: chain.id, segment: "midstream", name: "动力电池" })
    .returning();
  const [otherLink] = await db
    .insert(chainLinks)
    .values({ zoneId, chainId: other.id, segment: "upstream", name: "芯片" })
    .returning();
  if (!link || !otherLink) throw new Error("no link");
  // Targets of the chain by home region of any level; one of another chain.
  const targets: [string, string | null][] = [
    ["南京甲公司", "320115"],
    ["南京乙公司", "3201"],
    ["江苏丙公司", "32"],
    ["上海丁公司", "310101"],
    ["无区划公司", null],
  ];
  await db
    .insert(chainTargets)
    .values(targets.map(([name, regionCode]) => ({ zoneId, chainId: chain.id, linkId: link.id, name, regionCode })));
  await db
    .insert(chainTargets)
    .values({ zoneId, chainId: other.id, linkId: otherLink.id, name: "苏州戊公司", regionCode: "320505" });

  let minute = 0;
  for (const l of LEADS) {
    const last = l.history[l.history.length - 1] as [LeadStage, string];
    const [row] = await db
      .insert(leads)
      .values({
        zoneId,
        code: l.code,
        name: `${l.code} 项目`,
        searchText: l.code.toLowerCase(),
        investorName: `${l.code} 投资方`,
        investorRegionCode: l.investorRegionCode ?? null,
        investmentWan: l.investmentWan,
        signedAmountWan: l.signed?.amountWan ?? null,
        signedOn: l.signed?.on ?? null,
        channel: l.channel ?? "chain",
        chainId: l.inChain ? chain.id : null,
        chainLinkId: l.inChain ? link.id : null,
        unitId: units.get(l.unit) as string,
        stage: last[0],
        stageOn: last[1],
        lostReason: l.lost ?? null,
        lostNote: l.lost ? "说明" : null,
      })
      .returning();
    if (!row) throw new Error("no lead");
    let from: LeadStage | null = null;
    for (const [stage, on] of l.history) {
      await db.insert(leadStageChanges).values({
        zoneId,
        leadId: row.id,
        fromStage: from,
        toStage: stage,
        on,
        at: new Date(Date.UTC(2026, 0, 1, 0, minute++)),
        lostReason: stage === "lost" ? (l.lost ?? null) : null,
      });
      from = stage;
    }
  }
  return {
    zone,
    admin: await Client.login(env.app, zone.user("admin")),
    leader: await Client.login(env.app, zone.user("leader")),
    unithead: await Client.login(env.app, zone.user("unithead")),
    units,
    chainId: chain.id,
    otherChainId: other.id,
  };
}

async function figures(c: Client, query = ""): Promise<LeadFigures> {
  const res = await c.get(`/api/v1/leads/figures?from=2026-01-01&to=2026-06-30${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<LeadFigures>(res);
}

const cohort = LEADS.filter((l) => (l.history[0]?.[1] ?? "") >= "2026-01-01");

describe("pipeline figures", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("puts each lead in one size bucket by stage, exactly 1亿, 10亿, 50亿 and 100亿 in the bucket they open", async () => {
    const f = await figures(w.leader);
    const row = (stage: string) => f.stageBuckets.find((r) => r.stage === stage);
    expect(row("clue")?.buckets.b1).toEqual({ count: 1, sumWan: "10000" });
    expect(row("clue")?.buckets.b50).toEqual({ count: 1, sumWan: "500000" });
    expect(row("contact")?.buckets.below1).toEqual({ count: 1, sumWan: "9999.9999" });
    expect(row("contact")?.buckets.b100).toEqual({ count: 1, sumWan: "1000000" });
    expect(row("negotiation")?.buckets.b10).toEqual({ count: 2, sumWan: "599999.9999" });
    expect(row("signed")?.total).toEqual({ count: 2, sumWan: "350000" });
    expect(row("lost")?.total).toEqual({ count: 3, sumWan: "58000" });
    expect(f.bucketTotals.total.count).toBe(12);
    expect(f.asOf).toBe(TODAY);
  });

  it("says how many leads are in hand: 在手在谈亿元以上项目 N 个，其中 50 亿元以上 a 个、10–50 亿元 b 个", async () => {
    const f = await figures(w.leader);
    expect(f.inTalks.total.count).toBe(6);
    expect(f.inTalks.sentence).toBe("在手在谈亿元以上项目 5 个，其中 50 亿元以上 2 个、10–50 亿元 2 个");
  });

  it("counts the leads signed in the period by the signing date, with the contract amount", async () => {
    expect((await figures(w.leader)).signed).toEqual({ count: 2, amountWan: "300000" });
    const lastYear = await w.leader.get("/api/v1/leads/figures?from=2025-01-01&to=2025-12-31");
    expect(json<LeadFigures>(lastYear).signed).toEqual({ count: 1, amountWan: "150000" });
    // A period that ends before it starts is refused, not answered with zeros.
    const inverted = await w.leader.get("/api/v1/leads/figures?from=2025-12-31&to=2025-01-01");
    expect(inverted.statusCode).toBe(400);
    expect(JSON.stringify(inverted.json())).toContain("结束日期不能早于开始日期");
  });

  it("gives the conversion between stages of the period's cohort, as the domain computes it lead by lead", async () => {
    const f = await figures(w.leader);
    expect(f.cohort).toBe(10);
    const furthest = cohort.map((l) => {
      let best = -1;
      const order = ["clue", "contact", "negotiation", "signed", "registered", "started", "producing"];
      for (const [s] of l.history) best = Math.max(best, order.indexOf(s));
      return (order[best] ?? null) as PipelineStage | null;
    });
    expect(f.conversion).toEqual(stageConversion(furthest));
    // By hand: 10 reached 线索, 8 接洽, 5 洽谈 (L08 went past it), 2 签约, 1 注册, 1 开工.
    expect(f.conversion.map((c) => [c.reachedFrom, c.reachedTo, c.percent])).toEqual([
      [10, 8, 80],
      [8, 5, 62.5],
      [5, 2, 40],
      [2, 1, 50],
      [1, 1, 100],
      [1, 0, 0],
    ]);
  });

  it("gives the median and average days in each stage, the current stage counted to today", async () => {
    const f = await figures(w.leader);
    const stays = new Map<string, number[]>();
    for (const l of cohort)
      for (const d of daysInStages(
        l.history.map(([stage, on]) => ({ stage, on })),
        TODAY,
      ))
        stays.set(d.stage, [...(stays.get(d.stage) ?? []), d.days]);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
    };
    for (const d of f.days) {
      const xs = stays.get(d.stage) ?? [];
      expect(d.stays, d.stage).toBe(xs.length);
      if (xs.length) {
        expect(d.medianDays, d.stage).toBeCloseTo(median(xs), 1);
        expect(d.averageDays, d.stage).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 1);
      } else expect(d.medianDays).toBeNull();
    }
    // By hand: 签约 14 days (L08, 2-15 → 3-01) and 71 days (L07, 4-20 → today).
    expect(f.days.find((d) => d.stage === "signed")).toEqual({
      stage: "signed",
      stays: 2,
      medianDays: 42.5,
      averageDays: 42.5,
    });
    expect(f.days.find((d) => d.stage === "registered")).toMatchObject({ stays: 1, medianDays: 61 });
  });

  it("counts the leads lost in the period by reason", async () => {
    const f = await figures(w.leader);
    expect(f.lost).toEqual([
      { reason: "land", count: 1, investmentWan: "30000" },
      { reason: "policy", count: 1, investmentWan: "8000" },
    ]);
  });

  it("ranks the units by signed amount, equal amounts sharing a rank", async () => {
    const f = await figures(w.leader);
    expect(f.units.map((u) => [u.rank, u.unitName, u.signedAmountWan, u.signedCount, u.inTalksCount, u.leads])).toEqual(
      [
        [1, HITECH, "150000", 1, 2, 4],
        [1, MANUFACTURING, "150000", 1, 2, 4],
        [3, INVEST, "0", 0, 2, 4],
      ],
    );
  });

  it("breaks the figures down by channel and chain, and filters by unit, channel and chain", async () => {
    const f = await figures(w.leader);
    expect(f.channels.find((c) => c.channel === "chain")).toEqual({
      channel: "chain",
      leads: 8,
      inTalksCount: 3,
      signedCount: 1,
      signedAmountWan: "150000",
    });
    expect(f.chains).toEqual([
      {
        chainId: w.chainId,
        chainName: "新能源汽车",
        leads: 3,
        inTalksCount: 2,
        signedCount: 1,
        signedAmountWan: "150000",
      },
      { chainId: null, chainName: null, leads: 9, inTalksCount: 4, signedCount: 1, signedAmountWan: "150000" },
    ]);
    const ofUnit = await figures(w.leader, `&unitId=${w.units.get(MANUFACTURING)}`);
    expect(ofUnit.signed).toEqual({ count: 1, amountWan: "150000" });
    expect(ofUnit.units.map((u) => u.unitName)).toEqual([MANUFACTURING]);
    const ofChannel = await figures(w.leader, "&channel=business");
    expect(ofChannel.bucketTotals.total.count).toBe(2);
    const ofChain = await figures(w.leader, `&chainId=${w.chainId}`);
    expect(ofChain.inTalks.sentence).toBe("在手在谈亿元以上项目 2 个，其中 50 亿元以上 0 个、10–50 亿元 1 个");
  });

  it("shows a unit head only the leads of their unit subtree", async () => {
    const f = await figures(w.unithead);
    expect(f.bucketTotals.total.count).toBe(4);
    expect(f.signed).toEqual({ count: 1, amountWan: "150000" });
    expect(f.units.map((u) => u.unitName)).toEqual([HITECH]);
    expect(f.cohort).toBe(4);
  });

  it("exports the figures as a workbook of five sheets", async () => {
    const res = await w.leader.get("/api/v1/leads/figures/export?from=2026-01-01&to=2026-06-30");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["阶段×规模", "签约", "转化", "流失原因", "单位排行"]);
    const buckets = wb.getWorksheet("阶段×规模");
    expect(String(buckets?.getCell(1, 1).value)).toContain(
      "在手在谈亿元以上项目 5 个，其中 50 亿元以上 2 个、10–50 亿元 2 个",
    );
    expect(buckets?.getCell(3, 1).value).toBe("线索");
    const signed = wb.getWorksheet("签约");
    expect(signed?.getRow(3).values).toEqual([undefined, "合计", undefined, 2, 300000, 6]);
    const ranking = wb.getWorksheet("单位排行");
    expect([ranking?.getCell(3, 1).value, ranking?.getCell(3, 2).value, ranking?.getCell(3, 3).value]).toEqual([
      1,
      HITECH,
      150000,
    ]);
    expect(ranking?.getCell(5, 1).value).toBe(3);
    const conversion = wb.getWorksheet("转化");
    expect(conversion?.getCell(3, 5).value).toBe(80);
    const lost = wb.getWorksheet("流失原因");
    expect(lost?.getCell(3, 1).value).toBe("用地条件不满足");
  });
});

describe("investment map", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("rolls targets and signed leads up to their province", async () => {
    const res = await w.leader.get("/api/v1/leads/map?from=2026-01-01&to=2026-06-30");
    expect(res.statusCode, res.body).toBe(200);
    const map = json<LeadMap>(res);
    expect(map.level).toBe("province");
    const row = (code: string) => map.rows.find((r) => r.code === code);
    // 320115, 3201, 32 and another chain's 320505 of Jiangsu; L07 signed from 江宁区 (L09 was signed in 2025).
    expect(row("32")).toEqual({ code: "32", name: "江苏省", targets: 4, signedLeads: 1, signedAmountWan: "150000" });
    expect(row("31")).toMatchObject({ name: "上海市", targets: 1, signedLeads: 0 });
    expect(row("44")).toMatchObject({ name: "广东省", targets: 0, signedLeads: 1, signedAmountWan: "150000" });
    expect(map.unplaced).toEqual({ targets: 1, signedLeads: 0, signedAmountWan: "0" });
    expect(map.totals).toEqual({ targets: 6, signedLeads: 2, signedAmountWan: "300000" });
  });

  it("drills down to the cities of a province, and narrows to one chain", async () => {
    const res = await w.leader.get(`/api/v1/leads/map?from=2026-01-01&to=2026-06-30&province=32&chainId=${w.chainId}`);
    const map = json<LeadMap>(res);
    expect(map).toMatchObject({ level: "city", province: "32", provinceName: "江苏省" });
    expect(map.rows).toEqual([
      { code: "3201", name: "江苏省南京市", targets: 2, signedLeads: 1, signedAmountWan: "150000" },
    ]);
    // The target known only by its province, and the one of no region.
    expect(map.unplaced).toEqual({ targets: 2, signedLeads: 0, signedAmountWan: "0" });

    const allChains = json<LeadMap>(await w.leader.get("/api/v1/leads/map?from=2025-01-01&to=2026-06-30&province=32"));
    expect(allChains.rows.map((r) => [r.code, r.targets, r.signedLeads])).toEqual([
      ["3201", 2, 1],
      ["3205", 1, 1],
    ]);
  });
});
