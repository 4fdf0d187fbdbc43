import { randomUUID } from "node:crypto";
import type {
  AuditEntry,
  ChainGaps,
  ChainList,
  ChainSummary,
  ChainTarget,
  ChainTargetImportResult,
  ChainTargetList,
  EnterpriseSummary,
  GapLink,
} from "@zoneos/contracts";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { gapRows, setTargetLead } from "./chains.queries.ts";

/**
 * Industrial chains through the API: chains, links and sub-links (segments, parents, cycles), placements of the
 * registry's enterprises, coverage from the chain's thresholds, the gap analysis with targets and their leads, the
 * all-or-nothing target import, deletion rules and who may do what.
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

type List<T> = { items: T[]; total: number };

interface World {
  zone: TestZone;
  admin: Client;
  unithead: Client;
  officer: Client;
  leader: Client;
  ents: EnterpriseSummary[];
}

async function world(): Promise<World> {
  const zone = await makeZone(env, { enterprises: 6 });
  const admin = await Client.login(env.app, zone.user("admin"));
  const ents = json<List<EnterpriseSummary>>(await admin.get("/api/v1/enterprises?pageSize=10&sort=name")).items;
  return {
    zone,
    admin,
    unithead: await Client.login(env.app, zone.user("unithead")),
    officer: await Client.login(env.app, zone.user("officer")),
    leader: await Client.login(env.app, zone.user("leader")),
    ents,
  };
}

async function newChain(c: Client, body: Record<string, unknown> = {}): Promise<ChainSummary> {
  const res = await c.post("/api/v1/chains", { name: "新能源汽车", weakMin: 1, strongMin: 3, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return json<ChainSummary>(res);
}

async function newLink(c: Client, chainId: string, body: Record<string, unknown>): Promise<GapLink> {
  const res = await c.post(`/api/v1/chains/${chainId}/links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return json<GapLink>(res);
}

/** The missing and weak links of an analysis, in its order. */
const gapLinks = (g: ChainGaps) => g.gapLinkIds.map((id) => g.links.find((l) => l.id === id) as GapLink);

async function gaps(c: Client, chainId: string): Promise<ChainGaps> {
  const res = await c.get(`/api/v1/chains/${chainId}/gaps`);
  expect(res.statusCode, res.body).toBe(200);
  return json<ChainGaps>(res);
}

async function place(c: Client, chainId: string, linkId: string, add: string[], remove: string[] = []) {
  return c.put(`/api/v1/chains/${chainId}/links/${linkId}/enterprises`, { add, remove });
}

async function audit(w: World, entityId: string): Promise<AuditEntry[]> {
  return json<List<AuditEntry>>(await w.admin.get(`/api/v1/audit?entityId=${entityId}&pageSize=100`)).items;
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("招商目标");
  ws.addRow(["环节*", "企业名称*", "统一社会信用代码", "所在地区", "企业规模", "是否上市", "引进理由"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("chains and links", () => {
  it("creates a chain, links in segments and sub-links that take their parent's segment; lists the counts", async () => {
    const w = await world();
    const chain = await newChain(w.unithead, { description: "整车及关键零部件" });
    expect(chain).toMatchObject({ name: "新能源汽车", links: 0, weakMin: 1, strongMin: 3, version: 1 });
    const battery = await newLink(w.unithead, chain.id, {
      segment: "midstream",
      name: "动力电池",
      industryCode: "3841",
    });
    const cell = await newLink(w.unithead, chain.id, { segment: "downstream", parentId: battery.id, name: "电芯" });
    expect(cell.segment).toBe("midstream");
    expect(battery.industryName).toBeTruthy();
    await newLink(w.unithead, chain.id, { segment: "upstream", name: "电解液" });

    const list = json<ChainList>(await w.leader.get("/api/v1/chains"));
    expect(list.canEdit).toBe(false);
    expect(list.items.find((c) => c.id === chain.id)).toMatchObject({
      links: 3,
      localEnterprises: 0,
      targets: 0,
      coverage: { none: 3, weak: 0, strong: 0 },
    });

    // The tree order: upstream first, then a link followed by its sub-links.
    const g = await gaps(w.leader, chain.id);
    expect(g.links.map((l) => l.name)).toEqual(["电解液", "动力电池", "电芯"]);
    expect((await audit(w, chain.id)).map((a) => a.action)).toContain("chain.create");
    expect((await audit(w, cell.id)).map((a) => a.action)).toContain("chain_link.create");
  });

  it("refuses a bad segment, a parent of another chain, a cycle, a duplicate name; moving a link moves its sub-links", async () => {
    const w = await world();
    const a = await newChain(w.admin, { name: "锂电新能源" });
    const b = await newChain(w.admin, { name: "电子信息" });
    const top = await newLink(w.admin, a.id, { segment: "upstream", name: "正极材料" });
    const sub = await newLink(w.admin, a.id, { parentId: top.id, name: "磷酸铁锂" });
    const subsub = await newLink(w.admin, a.id, { parentId: sub.id, name: "前驱体" });
    const other = await newLink(w.admin, b.id, { segment: "upstream", name: "晶圆" });

    const bad = await w.admin.post(`/api/v1/chains/${a.id}/links`, { segment: "sideways", name: "X" });
    expect(bad.statusCode).toBe(400);
    const noSegment = await w.admin.post(`/api/v1/chains/${a.id}/links`, { name: "X" });
    expect(noSegment.statusCode).toBe(400);
    expect(noSegment.json().detail).toContain("上游");

    const foreign = await w.admin.post(`/api/v1/chains/${a.id}/links`, { parentId: other.id, name: "X" });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe("CHAIN_LINK_PARENT_INVALID");

    const cycle = await w.admin.put(`/api/v1/chains/${a.id}/links/${top.id}`, {
      name: "正极材料",
      parentId: subsub.id,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe("CHAIN_LINK_CYCLE");
    const self = await w.admin.put(`/api/v1/chains/${a.id}/links/${top.id}`, { name: "正极材料", parentId: top.id });
    expect(self.json().code).toBe("CHAIN_LINK_CYCLE");

    const dup = await w.admin.post(`/api/v1/chains/${a.id}/links`, { segment: "midstream", name: "磷酸铁锂" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain("磷酸铁锂");

    const moved = await w.admin.put(`/api/v1/chains/${a.id}/links/${top.id}`, { name: "正极", segment: "midstream" });
    expect(moved.statusCode, moved.body).toBe(200);
    const g = await gaps(w.admin, a.id);
    expect(g.links.map((l) => [l.name, l.segment])).toEqual([
      ["正极", "midstream"],
      ["磷酸铁锂", "midstream"],
      ["前驱体", "midstream"],
    ]);
    // A sub-link moved to the top level names its own segment.
    const up = await w.admin.put(`/api/v1/chains/${a.id}/links/${subsub.id}`, {
      name: "前驱体",
      parentId: null,
      segment: "upstream",
    });
    expect(json<GapLink>(up)).toMatchObject({ parentId: null, segment: "upstream" });
  });

  it("changes name and thresholds with a version (stale: 409), validates thresholds, refuses a duplicate name", async () => {
    const w = await world();
    const chain = await newChain(w.admin);
    const bad = await w.admin.put(`/api/v1/chains/${chain.id}`, {
      name: "新能源汽车",
      weakMin: 3,
      strongMin: 3,
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain("较强");
    const zero = await w.admin.post("/api/v1/chains", { name: "零阈值", weakMin: 0, strongMin: 2 });
    expect(zero.statusCode).toBe(400);

    const ok = await w.admin.put(`/api/v1/chains/${chain.id}`, {
      name: "新能源汽车产业链",
      weakMin: 2,
      strongMin: 5,
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<ChainSummary>(ok)).toMatchObject({ name: "新能源汽车产业链", weakMin: 2, strongMin: 5, version: 2 });
    const stale = await w.admin.put(`/api/v1/chains/${chain.id}`, {
      name: "旧的",
      weakMin: 1,
      strongMin: 3,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);

    await newChain(w.admin, { name: "电子信息" });
    const taken = await w.admin.put(`/api/v1/chains/${chain.id}`, {
      name: "电子信息",
      weakMin: 1,
      strongMin: 3,
      version: 2,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe("CHAIN_DUPLICATE_NAME");
    const history = await audit(w, chain.id);
    expect(history.find((a) => a.action === "chain.update")?.after).toMatchObject({ weakMin: 2, strongMin: 5 });
  });

  it("deletes a link with sub-links, placements or targets only when confirmed; an empty chain at once", async () => {
    const w = await world();
    const chain = await newChain(w.admin);
    const top = await newLink(w.admin, chain.id, { segment: "midstream", name: "电机" });
    const sub = await newLink(w.admin, chain.id, { parentId: top.id, name: "定子" });
    expect((await place(w.admin, chain.id, sub.id, [w.ents[0]?.id as string])).statusCode).toBe(200);

    const refused = await w.admin.del(`/api/v1/chains/${chain.id}/links/${top.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe("环节“电机”下还有 1 个子环节、1 家本地企业、0 个招商目标，确认后才能连同删除");
    const chainRefused = await w.admin.del(`/api/v1/chains/${chain.id}`);
    expect(chainRefused.json().code).toBe("CHAIN_NOT_EMPTY");

    expect((await w.admin.del(`/api/v1/chains/${chain.id}/links/${top.id}?cascade=true`)).statusCode).toBe(204);
    expect((await gaps(w.admin, chain.id)).links).toEqual([]);
    expect((await audit(w, top.id)).find((a) => a.action === "chain_link.delete")?.before).toMatchObject({
      subLinks: 1,
      placements: 1,
    });
    expect((await w.admin.del(`/api/v1/chains/${chain.id}`)).statusCode).toBe(204);
    expect((await w.admin.get(`/api/v1/chains/${chain.id}`)).statusCode).toBe(404);
  });
});

describe("placements and coverage", () => {
  it("places one enterprise on two links, refuses an enterprise of another zone, takes enterprises off", async () => {
    const w = await world();
    const chain = await newChain(w.unithead);
    const a = await newLink(w.unithead, chain.id, { segment: "upstream", name: "铜箔" });
    const b = await newLink(w.unithead, chain.id, { segment: "upstream", name: "铝箔" });
    const e0 = w.ents[0] as EnterpriseSummary;
    expect((await place(w.unithead, chain.id, a.id, [e0.id])).statusCode).toBe(200);
    const onB = json<GapLink>(await place(w.unithead, chain.id, b.id, [e0.id]));
    expect(onB.enterprises).toEqual([{ id: e0.id, name: e0.name }]);
    // Placing it again changes nothing.
    expect(json<GapLink>(await place(w.unithead, chain.id, b.id, [e0.id])).enterprises).toHaveLength(1);

    const otherZone = await makeZone(env, { enterprises: 1 });
    const otherAdmin = await Client.login(env.app, otherZone.user("admin"));
    const foreign = json<List<EnterpriseSummary>>(await otherAdmin.get("/api/v1/enterprises?pageSize=1")).items[0];
    const refused = await place(w.unithead, chain.id, a.id, [foreign?.id as string]);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toContain("企业");

    const list = json<ChainList>(await w.officer.get("/api/v1/chains")).items.find((c) => c.id === chain.id);
    expect(list).toMatchObject({ links: 2, localEnterprises: 1, coverage: { none: 0, weak: 2, strong: 0 } });

    const off = json<GapLink>(await place(w.unithead, chain.id, a.id, [], [e0.id]));
    expect(off).toMatchObject({ enterprises: [], coverage: "none" });
    expect((await audit(w, a.id)).filter((x) => x.action === "chain_link.place")).toHaveLength(2);
  });

  it("names the first 8 enterprises of a link in the gap analysis and all of them on the link's own answer", async () => {
    const zone = await makeZone(env, { enterprises: 10 });
    const head = await Client.login(env.app, zone.user("unithead"));
    const admin = await Client.login(env.app, zone.user("admin"));
    const ents = json<List<EnterpriseSummary>>(await admin.get("/api/v1/enterprises?pageSize=20&sort=name")).items;
    expect(ents).toHaveLength(10);
    const chain = await newChain(head);
    const link = await newLink(head, chain.id, { segment: "midstream", name: "电芯" });
    const placed = json<GapLink>(
      await place(
        head,
        chain.id,
        link.id,
        ents.map((e) => e.id),
      ),
    );
    expect(placed).toMatchObject({ placedCount: 10, localEnterprises: 10, coverage: "strong" });
    expect(placed.enterprises).toHaveLength(10);
    const analysis = await gaps(head, chain.id);
    const inAnalysis = analysis.links.find((l) => l.id === link.id);
    expect(inAnalysis?.placedCount).toBe(10);
    const byName = [...placed.enterprises].map((e) => e.name);
    expect(inAnalysis?.enterprises).toHaveLength(8);
    for (const e of inAnalysis?.enterprises ?? []) expect(byName).toContain(e.name);
    expect(analysis.chain.localEnterprises).toBe(10);
    const own = json<GapLink>(await head.get(`/api/v1/chains/${chain.id}/links/${link.id}`));
    expect(own.enterprises.map((e) => e.name)).toEqual(byName);
    expect((await head.get(`/api/v1/chains/${chain.id}/links/${randomUUID()}`)).statusCode).toBe(404);
  });

  it("colours links by the thresholds: weakMin 1 strongMin 3 gives 0 none, 1–2 weak, 3 strong; new thresholds recolour", async () => {
    const w = await world();
    const chain = await newChain(w.admin, { weakMin: 1, strongMin: 3 });
    const counts = [0, 1, 2, 3];
    const links: GapLink[] = [];
    for (const n of counts) {
      const link = await newLink(w.admin, chain.id, { segment: "midstream", name: `环节${n}`, sortOrder: n });
      if (n)
        await place(
          w.admin,
          chain.id,
          link.id,
          w.ents.slice(0, n).map((e) => e.id),
        );
      links.push(link);
    }
    const coverage = async () => new Map((await gaps(w.leader, chain.id)).links.map((l) => [l.name, l.coverage]));
    expect(Object.fromEntries(await coverage())).toEqual({
      环节0: "none",
      环节1: "weak",
      环节2: "weak",
      环节3: "strong",
    });
    const g = await gaps(w.leader, chain.id);
    expect(gapLinks(g).map((l) => l.name)).toEqual(["环节0", "环节1", "环节2"]);
    expect(g.chain.coverage).toEqual({ none: 1, weak: 2, strong: 1 });

    await w.admin.put(`/api/v1/chains/${chain.id}`, { name: "新能源汽车", weakMin: 2, strongMin: 4, version: 1 });
    expect(Object.fromEntries(await coverage())).toEqual({
      环节0: "none",
      环节1: "none",
      环节2: "weak",
      环节3: "weak",
    });

    // A parent counts the distinct enterprises of its sub-links too.
    const parent = await newLink(w.admin, chain.id, { segment: "downstream", name: "整车" });
    const s1 = await newLink(w.admin, chain.id, { parentId: parent.id, name: "乘用车" });
    const s2 = await newLink(w.admin, chain.id, { parentId: parent.id, name: "商用车" });
    await place(
      w.admin,
      chain.id,
      s1.id,
      w.ents.slice(0, 3).map((e) => e.id),
    );
    await place(
      w.admin,
      chain.id,
      s2.id,
      w.ents.slice(2, 4).map((e) => e.id),
    );
    const byName = new Map((await gaps(w.leader, chain.id)).links.map((l) => [l.name, l]));
    expect(byName.get("整车")).toMatchObject({ localEnterprises: 4, coverage: "strong", enterprises: [] });
    expect(byName.get("商用车")).toMatchObject({ localEnterprises: 2, coverage: "weak" });
  });
});

describe("targets", () => {
  it("imports targets onto links from Excel; a bad row writes nothing and names its row; re-import updates", async () => {
    const w = await world();
    const chain = await newChain(w.unithead);
    const foil = await newLink(w.unithead, chain.id, { segment: "upstream", name: "铜箔", sortOrder: 1 });
    await newLink(w.unithead, chain.id, { segment: "upstream", name: "电解液", sortOrder: 2 });

    const template = await w.unithead.get(`/api/v1/chains/${chain.id}/targets/template`);
    expect(template.statusCode).toBe(200);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(tpl.worksheets[0]?.getRow(1).getCell(1).value).toBe("环节*");

    const bad = await xlsx([
      ["铜箔", "嘉元科技", "", "广东省", "大型", "是", "高端铜箔龙头"],
      ["正极", "某某公司", "123", "火星", "巨型", "也许", ""],
      ["电解液", "", "", "", "", "", ""],
    ]);
    const rejected = json<ChainTargetImportResult>(
      await w.unithead.upload(`/api/v1/chains/${chain.id}/targets/import`, "目标.xlsx", bad),
    );
    expect(rejected).toMatchObject({ status: "rejected", totalRows: 3, createdRows: 0 });
    const reasons = rejected.problems.map((p) => `${p.row} ${p.column} ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3 A（环节） 产业链“新能源汽车”没有该环节$/),
        expect.stringMatching(/^3 C（统一社会信用代码） /),
        expect.stringMatching(/^3 D（所在地区） 不是行政区划名称/),
        expect.stringMatching(/^3 E（企业规模） 应为 大型、中型、小型、微型 之一$/),
        expect.stringMatching(/^3 F（是否上市） 应填“是”或“否”$/),
        "4 B（企业名称） 必填",
      ]),
    );
    expect(rejected.problems.some((p) => p.row === 2)).toBe(false);
    expect(json<ChainTargetList>(await w.unithead.get(`/api/v1/chains/${chain.id}/targets`)).items).toEqual([]);

    const good = await xlsx([
      ["铜箔", "嘉元科技", "91440101MA5CYYWQ3M", "广东省", "大型", "是", "高端铜箔龙头"],
      ["电解液", "天赐材料", "", "4401", "中型", "否", ""],
      ["电解液", "新宙邦", "", "深圳市", "", "", "配套"],
    ]);
    const done = json<ChainTargetImportResult>(
      await w.unithead.upload(`/api/v1/chains/${chain.id}/targets/import`, "目标.xlsx", good),
    );
    if (done.status !== "done") {
      // A credit code check may refuse the example: report it clearly.
      expect(done.problems).toEqual([]);
    }
    expect(done).toMatchObject({ status: "done", createdRows: 3, updatedRows: 0 });
    const items = json<ChainTargetList>(await w.officer.get(`/api/v1/chains/${chain.id}/targets`)).items;
    expect(items.map((t) => [t.linkName, t.name, t.regionCode, t.size, t.listed])).toEqual([
      ["铜箔", "嘉元科技", "44", "large", true],
      ["电解液", "天赐材料", "4401", "medium", false],
      ["电解液", "新宙邦", "4403", null, false],
    ]);
    expect(items[0]?.regionName).toBe("广东省");

    // The same file again updates the same targets instead of adding them twice.
    const again = json<ChainTargetImportResult>(
      await w.unithead.upload(`/api/v1/chains/${chain.id}/targets/import`, "目标.xlsx", good),
    );
    expect(again).toMatchObject({ status: "done", createdRows: 0, updatedRows: 3 });
    const g = await gaps(w.leader, chain.id);
    expect(g.links.find((l) => l.id === foil.id)?.targets.map((t) => t.name)).toEqual(["嘉元科技"]);
    expect(
      gapLinks(g)
        .flatMap((l) => l.targets)
        .map((t) => t.name),
    ).toHaveLength(3);

    const exported = await w.leader.get(`/api/v1/chains/${chain.id}/targets/export`);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(4);
  });

  it("adds, moves and deletes a target; its lead id shows in the gaps, and then it is kept from deletion", async () => {
    const w = await world();
    const chain = await newChain(w.admin);
    const a = await newLink(w.admin, chain.id, { segment: "upstream", name: "隔膜" });
    const b = await newLink(w.admin, chain.id, { segment: "upstream", name: "负极" });
    const res = await w.admin.post(`/api/v1/chains/${chain.id}/links/${a.id}/targets`, {
      name: "恩捷股份",
      regionCode: "5304",
      size: "large",
      listed: true,
      reason: "湿法隔膜龙头",
    });
    expect(res.statusCode, res.body).toBe(201);
    const target = json<ChainTarget>(res);
    expect(target).toMatchObject({ linkName: "隔膜", regionName: "云南省玉溪市", leadId: null });

    const badRegion = await w.admin.post(`/api/v1/chains/${chain.id}/links/${a.id}/targets`, {
      name: "某公司",
      regionCode: "9999",
    });
    expect(badRegion.statusCode).toBe(400);

    const moved = await w.admin.put(`/api/v1/chains/${chain.id}/targets/${target.id}`, {
      name: "恩捷股份",
      regionCode: "5304",
      size: "large",
      listed: true,
      reason: "湿法隔膜龙头",
      linkId: b.id,
    });
    expect(json<ChainTarget>(moved).linkName).toBe("负极");

    const leadId = "00000000-0000-4000-8000-000000000001";
    expect(await setTargetLead(env.database.db, w.zone.zoneId, target.id, leadId)).toBe(true);
    expect(await setTargetLead(env.database.db, w.zone.zoneId, target.id, leadId)).toBe(false);
    const g = await gaps(w.officer, chain.id);
    expect(g.links.find((l) => l.id === b.id)?.targets[0]).toMatchObject({ id: target.id, leadId });
    expect(gapLinks(g).find((l) => l.id === b.id)?.targets[0]?.leadId).toBe(leadId);

    const del = await w.admin.del(`/api/v1/chains/${chain.id}/targets/${target.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toBe("该招商目标已转为招商线索，不能删除");
    const linkDel = await w.admin.del(`/api/v1/chains/${chain.id}/links/${b.id}?cascade=true`);
    expect(linkDel.json().code).toBe("CHAIN_TARGETS_HAVE_LEADS");

    const other = json<ChainTarget>(
      await w.admin.post(`/api/v1/chains/${chain.id}/links/${a.id}/targets`, { name: "星源材质" }),
    );
    expect((await w.admin.del(`/api/v1/chains/${chain.id}/targets/${other.id}`)).statusCode).toBe(204);
    expect((await audit(w, other.id)).map((x) => x.action).sort()).toEqual([
      "chain_target.create",
      "chain_target.delete",
    ]);
  });
});

describe("who may do what", () => {
  it("lets staff and leaders read, unit heads and the administrator edit; enterprise users neither", async () => {
    const w = await world();
    const chain = await newChain(w.unithead);
    const link = await newLink(w.unithead, chain.id, { segment: "upstream", name: "锂矿" });
    for (const c of [w.officer, w.leader]) {
      expect((await c.get("/api/v1/chains")).statusCode).toBe(200);
      expect((await c.get(`/api/v1/chains/${chain.id}/gaps`)).statusCode).toBe(200);
      expect((await c.post("/api/v1/chains", { name: "电子信息" })).statusCode).toBe(403);
      expect((await c.post(`/api/v1/chains/${chain.id}/links`, { segment: "upstream", name: "X" })).statusCode).toBe(
        403,
      );
      expect((await place(c, chain.id, link.id, [w.ents[0]?.id as string])).statusCode).toBe(403);
      expect((await c.del(`/api/v1/chains/${chain.id}`)).statusCode).toBe(403);
    }
    expect(json<ChainGaps>(await w.officer.get(`/api/v1/chains/${chain.id}/gaps`)).canEdit).toBe(false);
    expect(json<ChainGaps>(await w.unithead.get(`/api/v1/chains/${chain.id}/gaps`)).canEdit).toBe(true);

    const ent = await Client.login(env.app, w.zone.user("enterprise"));
    expect((await ent.get("/api/v1/chains")).statusCode).toBe(403);
    expect((await ent.get(`/api/v1/chains/${chain.id}/gaps`)).statusCode).toBe(403);

    // Another zone's chain is not found.
    const other = await makeZone(env);
    const stranger = await Client.login(env.app, other.user("admin"));
    expect((await stranger.get(`/api/v1/chains/${chain.id}/gaps`)).statusCode).toBe(404);
    expect((await gapRows(env.database.db, other.zoneId, chain.id)).length).toBe(0);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const paths = (res.json() as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(Object.keys(paths["/api/v1/chains/{id}"] ?? {}).sort()).toEqual(["delete", "get", "put"]);
    expect(paths["/api/v1/chains/{id}/gaps"]?.get).toBeDefined();
    expect(paths["/api/v1/chains/{id}/targets/import"]?.post).toBeDefined();
  });
});
