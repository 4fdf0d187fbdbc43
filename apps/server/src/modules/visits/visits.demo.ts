import { chinaDate, periodOf, VISIT_KINDS, type VisitKind } from "@zoneos/domain";
import type { Db } from "../../db/client.ts";
import { listServedEnterprises, setEnterpriseOfficers } from "../enterprises/enterprises.queries.ts";
import { listUsers } from "../org/org.queries.ts";
import { insertVisitsBulk, type NewVisitRow } from "./visits.queries.ts";

/** mulberry32, as the generator's: the same zone gives the same visits. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const NOTES = [
  "了解企业生产经营情况，订单饱满，产能利用率约八成。",
  "企业反映招工难，已介绍园区人才服务站。",
  "宣讲最新惠企政策，企业有意申报专精特新。",
  "走访研发中心，了解新产品中试进展。",
  "企业计划扩建厂房，关注用地指标。",
  "了解企业融资需求，推荐对接科创投资有限公司。",
];

/**
 * Demo visits so the coverage page has something to show on first start: the demo officer (`officerUsername`)
 * serves about 20 enterprises of its park (some of them key), and the generated officers have several hundred past
 * visits over the current half-year and the months before it. Deterministic; bulk inserts only.
 */
export async function seedDemoVisits(db: Db, zoneId: string, officerUsername: string, now: Date): Promise<void> {
  const random = rng(20_260_301);
  const users = (await listUsers(db, zoneId, {}, { limit: 100_000, offset: 0 })).rows;
  const demoOfficer = users.find((u) => u.username === officerUsername);
  const officers = users.filter((u) => u.role === "officer" && !u.disabled && u.id !== demoOfficer?.id);
  const all = await listServedEnterprises(db, zoneId, { kind: "zone" });
  if (demoOfficer && officers.length) {
    // The generator gives officer 0 (the demo officer) far more than a person serves: keep the first enterprise
    // (迅特科技), 5 key and 14 other enterprises of its park, hand the rest to the generated officers.
    const own = all.filter((e) => e.officerId === demoOfficer.id);
    const first = own.find((e) => e.name === "江苏迅特科技有限公司") ?? own[0];
    const park = first?.parkUnitId ?? null;
    const inPark = all.filter((e) => e.parkUnitId === park);
    const keep = new Set<string>();
    if (first) keep.add(first.id);
    for (const e of inPark.filter((x) => x.isKey).slice(0, 5)) keep.add(e.id);
    for (const e of inPark.filter((x) => !x.isKey)) {
      if (keep.size >= 20) break;
      keep.add(e.id);
    }
    const handOver = all.filter((e) => e.officerId === demoOfficer.id && !keep.has(e.id));
    await db.transaction(async (tx) => {
      for (let i = 0; i < officers.length; i++) {
        const ids = handOver.filter((_, j) => j % officers.length === i).map((e) => e.id);
        await setEnterpriseOfficers(tx, zoneId, ids, officers[i]?.id ?? null, now);
      }
      await setEnterpriseOfficers(tx, zoneId, [...keep], demoOfficer.id, now);
    });
  }
  const served = await listServedEnterprises(db, zoneId, { kind: "zone" });
  const byId = new Map(users.map((u) => [u.id, u]));
  const today = chinaDate(now);
  const daysSince = (date: string) => Math.round((Date.parse(today) - Date.parse(date)) / DAY);
  const daysIntoQuarter = daysSince(periodOf(today, "quarter").start);
  const daysIntoHalf = daysSince(periodOf(today, "half_year").start);
  const dateBefore = (days: number) => chinaDate(new Date(now.getTime() - days * DAY));
  const rows: NewVisitRow[] = [];
  const visit = (e: (typeof served)[number], visitedOn: string) => {
    const officer = e.officerId ? byId.get(e.officerId) : undefined;
    if (!officer) return;
    const kind: VisitKind = random() < 0.8 ? "routine" : (VISIT_KINDS[1 + Math.floor(random() * 3)] as VisitKind);
    rows.push({
      zoneId,
      enterpriseId: e.id,
      visitedOn,
      kind,
      visitorIds: [officer.id],
      unitId: officer.unitId,
      notes: NOTES[Math.floor(random() * NOTES.length)] as string,
      createdBy: officer.id,
      createdAt: new Date(`${visitedOn}T10:00:00+08:00`),
      updatedAt: new Date(`${visitedOn}T10:00:00+08:00`),
    });
  };
  for (const e of served) {
    if (!e.officerId) continue;
    // About two thirds of the key enterprises visited this quarter, a quarter of the others this half-year (the demo
    // officer's more), and earlier visits for some of every kind.
    const ownRate = e.officerId === demoOfficer?.id ? 0.6 : 0.25;
    if (e.isKey && random() < 0.65) visit(e, dateBefore(Math.floor(random() * (daysIntoQuarter + 1))));
    else if (!e.isKey && random() < ownRate) visit(e, dateBefore(Math.floor(random() * (daysIntoHalf + 1))));
    if (random() < (e.isKey ? 0.5 : 0.12)) visit(e, dateBefore(daysIntoHalf + 1 + Math.floor(random() * 150)));
  }
  await db.transaction((tx) => insertVisitsBulk(tx, rows));
}
