/**
 * `npm run demo-data -- [--scale zone|province] [--enterprises N] [--projects N] [--leads N] [--seed S] [--name 名称]`
 * Writes a deterministic generated zone into the configured database (DATABASE_URL, or PGlite in ZONEOS_DATA_DIR / ./data):
 * zone scale ≈ 2,000 enterprises and 40 officers; province scale 100,000 enterprises and 1,000 officers, for benchmarks.
 * `--projects N` adds N major projects with plans and 3 years of monthly reports (default: 300 at zone scale, 10,000
 * at province scale; 0 for none). `--leads N` adds N investment leads with their stage history, trips and industrial
 * chains (default: 1,000 leads and 5 chains of 40 links at zone scale, 50,000 leads and 20 chains of 200 links with
 * 100,000 enterprise placements at province scale; 0 for none).
 * User names get a prefix (printed) so several generated zones can share one database; the password is Demo@2026.
 */
import { mkdirSync } from "node:fs";
import { openDatabase } from "../apps/server/src/db/client.ts";
import { configFromEnv } from "../apps/server/src/platform/config.ts";
import { DEMO_PASSWORD, seedZone } from "../apps/server/src/seed/demo.ts";
import { generateInvestment } from "../apps/server/src/seed/investment-generator.ts";
import { generateProjects } from "../apps/server/src/seed/projects-generator.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const scale = arg("scale") ?? "zone";
if (scale !== "zone" && scale !== "province") throw new Error("--scale is zone or province");
const enterprises = Number(arg("enterprises") ?? (scale === "province" ? 100_000 : 2_000));
const officers = scale === "province" ? 1_000 : 40;
const projects = Number(arg("projects") ?? (scale === "province" ? 10_000 : 300));
const leads = Number(arg("leads") ?? (scale === "province" ? 50_000 : 1_000));
const seed = Number(arg("seed") ?? 2026);
const name = arg("name") ?? (scale === "province" ? "省级规模测试区" : "生成测试区");
const prefix = arg("prefix") ?? `${scale}${seed}_`;

const config = configFromEnv();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
});
const started = performance.now();
const { zoneId } = await seedZone(database.db, {
  name,
  enterprises,
  officers,
  seed,
  accounts: true,
  usernamePrefix: prefix,
  leaders: projects || leads ? 6 : 0,
});
console.log(
  `${name} (${zoneId}): ${enterprises} enterprises, ${officers} officers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (projects) {
  const t = performance.now();
  const written = await generateProjects(database.db, { zoneId, count: projects, years: 3, now: new Date(), seed });
  console.log(
    `${written.projects} projects, ${written.plans} annual plans, ${written.reports} monthly reports in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
if (leads) {
  const t = performance.now();
  const province = scale === "province";
  const w = await generateInvestment(database.db, {
    zoneId,
    seed,
    now: new Date(),
    leads,
    chains: province ? 20 : 5,
    linksPerChain: province ? 200 : 40,
    placements: province ? 100_000 : 2_000,
    targetsPerLink: 2,
    trips: province ? 2_000 : 60,
    activitiesPerLead: province ? 0 : 3,
    historyDays: 1_000,
    usernamePrefix: prefix,
  });
  console.log(
    `${w.leads} leads (${w.stageChanges} stage changes), ${w.chains} chains with ${w.links} links in all, ${w.placements} placements, ${w.targets} targets, ${w.trips} trips in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
console.log(
  `Accounts: ${prefix}admin, ${prefix}leader, ${prefix}unithead, ${prefix}officer, ${prefix}enterprise — password ${DEMO_PASSWORD}`,
);
await database.close();
