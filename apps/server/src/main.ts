import { mkdirSync } from "node:fs";
import { buildApp } from "./app.ts";
import { openDatabase } from "./db/client.ts";
import { ensureZoneCalendars } from "./modules/calendar/calendar.seed.ts";
import { ensureZoneCaseCategories } from "./modules/cases/cases.seed.ts";
import { failUnfinishedImports } from "./modules/enterprises/enterprises.queries.ts";
import { ensureZoneVisitRules } from "./modules/visits/visits.coverage.ts";
import { type Clock, offsetClock, systemClock } from "./platform/clock.ts";
import { configFromEnv } from "./platform/config.ts";
import { type RunningScheduler, startScheduler } from "./platform/scheduler.ts";
import { ensureDemoZone } from "./seed/demo.ts";

// config → database → migrations → demo zone, calendars, case categories → app → listen
const started = Date.now();
const config = configFromEnv();
const clock: Clock = config.clockOffsetHours ? offsetClock(config.clockOffsetHours * 3_600_000) : systemClock;
if (config.clockOffsetHours)
  console.warn(
    `ZONEOS_CLOCK_OFFSET_HOURS=${config.clockOffsetHours}: the platform's time is ${clock.now().toISOString()}`,
  );
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
});
await failUnfinishedImports(database.db, clock.now());
const demo = config.demo ? await ensureDemoZone(database.db, clock.now()) : undefined;
await ensureZoneCalendars(database.db);
await ensureZoneCaseCategories(database.db);
await ensureZoneVisitRules(database.db);
const app = await buildApp({ db: database.db, config, clock });
await app.listen({ port: config.port, host: config.host });
// Case timers, deadline notices, outbound deliveries and stale uploads; several instances may run it, one works at
// a time.
const scheduler: RunningScheduler | undefined = config.schedulerSeconds
  ? startScheduler({ db: database.db, clock, seconds: config.schedulerSeconds, deps: { log: app.log } })
  : undefined;

const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}`;
console.log(
  `\nZoneOS 开发区运行平台 is serving http://localhost:${config.port}  (${where}; ready in ${Date.now() - started} ms)`,
);
if (demo) {
  console.log(
    `Demo zone ${demo.zoneName}${demo.created ? " created" : ""}. Demo accounts (password ${demo.password}):`,
  );
  for (const a of demo.accounts) console.log(`  ${a.username.padEnd(11)} ${a.role}`);
} else {
  console.log(
    "No demo zone in this database (ZONEOS_DEMO=0 or set up by hand). Create the first administrator with: npm run create-admin",
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await scheduler?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  });
}
