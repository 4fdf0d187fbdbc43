import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { seedZoneCalendar } from "../modules/calendar/calendar.seed.ts";
import { seedCaseCategories } from "../modules/cases/cases.seed.ts";
import { insertEnterprisesBulk, refreshStatistics } from "../modules/enterprises/enterprises.queries.ts";
import { enterpriseColumns } from "../modules/enterprises/enterprises.service.ts";
import { countZones, insertUnit, insertUser, insertZone, listZones } from "../modules/org/org.queries.ts";
import { seedVisitRules } from "../modules/visits/visits.coverage.ts";
import { seedDemoVisits } from "../modules/visits/visits.demo.ts";
import { hashPassword } from "../platform/passwords.ts";
import { generateCases } from "./cases-generator.ts";
import { DEMO_UNITS, generateEnterprises, personName, rng } from "./generator.ts";
import { generateInvestment } from "./investment-generator.ts";
import { DEMO_PROJECT_COUNT } from "./projects-demo.data.ts";
import { seedDemoProjects } from "./projects-demo.ts";

export const DEMO_ZONE_NAME = "示范高新区";
export const DEMO_PASSWORD = "Demo@2026";

/** One demo account per role, plus the two units every demand passes through: the service centre and a department. */
export const DEMO_ACCOUNTS = [
  { username: "admin", displayName: "系统管理员", role: "admin", unitKey: "office" },
  { username: "leader", displayName: "张建国（分管领导）", role: "leader", unitKey: null },
  { username: "unithead", displayName: "李明（园区主任）", role: "unithead", unitKey: "park-hitech" },
  { username: "officer", displayName: "王芳", role: "officer", unitKey: "park-hitech" },
  { username: "enterprise", displayName: "迅特科技 陈经理", role: "enterprise", unitKey: null },
  { username: "service", displayName: "赵磊（企业服务中心）", role: "officer", unitKey: "service" },
  { username: "planner", displayName: "陈静（规划和自然资源局）", role: "unithead", unitKey: "planning" },
] as const;

/** Leaders besides the demo `leader` (`leaders` of seedZone): the 领导挂钩 of the projects it does not lead. */
const MORE_LEADERS = [
  "周卫东（管委会副主任）",
  "吴海燕（党工委委员）",
  "孙立新（管委会副主任）",
  "郑晓明（党工委委员）",
  "何建平（管委会副主任）",
  "刘志远（管委会副主任）",
];

export interface SeedResult {
  zoneId: string;
  zoneName: string;
  created: boolean;
  password: string;
  accounts: { username: string; role: string }[];
}

/**
 * Writes a generated zone: units, the demo accounts (when `accounts` is set), `officers` more officers, `leaders`
 * more leaders (user names leader2, leader3, …), `enterprises` enterprises and `projects` demo major projects
 * (at most DEMO_PROJECT_COUNT; dated relative to `now`, default the current time; see projects-demo.ts).
 * Deterministic for a seed. Used by the first start and by tools/generate.ts.
 */
export async function seedZone(
  db: Db,
  opts: {
    name: string;
    enterprises: number;
    officers: number;
    seed: number;
    accounts: boolean;
    usernamePrefix?: string;
    leaders?: number;
    projects?: number;
    now?: Date;
  },
): Promise<{ zoneId: string }> {
  const r = rng(opts.seed);
  const prefix = opts.usernamePrefix ?? "";
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const zone = await insertZone(db, opts.name);
  const zoneId = zone.id;
  await seedZoneCalendar(db, zoneId);
  await seedCaseCategories(db, zoneId);
  await seedVisitRules(db, zoneId);
  const unitIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const [i, u] of DEMO_UNITS.entries()) {
      const row = await insertUnit(tx, {
        zoneId,
        name: u.name,
        kind: u.kind,
        parentId: u.parentKey ? (unitIds.get(u.parentKey) ?? null) : null,
        sortOrder: i,
      });
      unitIds.set(u.key, row.id);
    }
  });
  const parkKeys = DEMO_UNITS.filter((u) => u.kind === "park").map((u) => u.key);
  const officerUnitKeys = [...parkKeys, "service", "economy", "tech", "invest"];
  // Officer 0 is the demo "officer" account when there is one, so it has enterprises to serve.
  const officerIds: string[] = [];
  const enterpriseIdOfFirst = randomUUID();
  await db.transaction(async (tx) => {
    if (opts.accounts) {
      for (const a of DEMO_ACCOUNTS) {
        const row = await insertUser(tx, {
          zoneId,
          username: `${prefix}${a.username}`,
          displayName: a.displayName,
          role: a.role,
          unitId: a.unitKey ? (unitIds.get(a.unitKey) ?? null) : null,
          enterpriseId: a.role === "enterprise" ? enterpriseIdOfFirst : null,
          passwordHash,
          mustChangePassword: false,
          isDemo: true,
        });
        if (a.username === "officer") officerIds.push(row.id);
      }
    }
    for (let i = 1; i <= opts.officers; i++) {
      const unitKey = officerUnitKeys[(i - 1) % officerUnitKeys.length] as string;
      const row = await insertUser(tx, {
        zoneId,
        username: `${prefix}officer${String(i).padStart(3, "0")}`,
        displayName: personName(r),
        role: "officer",
        unitId: unitIds.get(unitKey) ?? null,
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
        phone: `139${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
      });
      officerIds.push(row.id);
    }
    for (let i = 0; i < (opts.leaders ?? 0); i++) {
      await insertUser(tx, {
        zoneId,
        username: `${prefix}leader${i + 2}`,
        displayName: MORE_LEADERS[i % MORE_LEADERS.length] as string,
        role: "leader",
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
      });
    }
  });
  const generated = generateEnterprises(opts.seed, opts.enterprises, parkKeys, officerIds.length);
  const items = generated.map((g, i) => ({
    row: {
      id: i === 0 ? enterpriseIdOfFirst : randomUUID(),
      zoneId,
      ...enterpriseColumns({
        ...g,
        parkUnitId: unitIds.get(g.parkKey) ?? null,
        officerId: g.officerIndex === null ? null : (officerIds[g.officerIndex] ?? null),
      }),
    },
    labels: g.labels.map((l) => ({ ...l, zoneId })),
    contacts: g.contacts.map((c) => ({ ...c, zoneId })),
  }));
  for (let i = 0; i < items.length; i += 5000) {
    await db.transaction((tx) => insertEnterprisesBulk(tx, items.slice(i, i + 5000)));
  }
  await refreshStatistics(db);
  if (opts.projects)
    await seedDemoProjects(db, {
      zoneId,
      count: opts.projects,
      seed: opts.seed,
      now: opts.now ?? new Date(),
      usernamePrefix: prefix,
    });
  return { zoneId };
}

/**
 * On first start (an empty database): the demo zone 示范高新区 with one account per role, about 2,000 enterprises,
 * a year of demands and 41 major projects with their plans and monthly reports.
 */
export async function ensureDemoZone(db: Db, now: Date = new Date()): Promise<SeedResult | undefined> {
  const accounts = DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role }));
  if ((await countZones(db)) > 0) {
    // Only a database that was started with the demo has it; one set up with create-admin stays as it is.
    const demo = (await listZones(db)).find((z) => z.name === DEMO_ZONE_NAME);
    return demo
      ? { zoneId: demo.id, zoneName: demo.name, created: false, password: DEMO_PASSWORD, accounts }
      : undefined;
  }
  const { zoneId } = await seedZone(db, {
    name: DEMO_ZONE_NAME,
    enterprises: 2000,
    officers: 40,
    seed: 2026,
    accounts: true,
    // Major projects for the board, the project pages and journey 3 (20 of them the demo officer's park's).
    leaders: 3,
    projects: DEMO_PROJECT_COUNT,
    now,
  });
  await seedDemoVisits(db, zoneId, "officer", now);
  // 招商引资: three chains with their links, placements and targets, a year and a half of trips and leads.
  await generateInvestment(db, {
    zoneId,
    seed: 2026,
    now,
    leads: 240,
    chains: null,
    placements: 0,
    targetsPerLink: 3,
    trips: 36,
    activitiesPerLead: 3,
    historyDays: 540,
  });
  // A year of demands in every state, so the to-do lists and the service figures are not empty on first start.
  await generateCases(db, {
    zoneId,
    count: 1500,
    from: new Date(now.getTime() - 365 * 86_400_000),
    now,
    seed: 2026,
    steps: true,
  });
  return { zoneId, zoneName: DEMO_ZONE_NAME, created: true, password: DEMO_PASSWORD, accounts };
}
