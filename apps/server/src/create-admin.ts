/**
 * `npm run create-admin` — creates a zone (when there is none) and an administrator for it, for a start without
 * demo data (ZONEOS_DEMO=0). Asks for what is missing:
 *   npm run create-admin -- --zone 某某高新区 --username admin --name 管理员 --password 'Str0ng#Pass'
 * The administrator must change the password at the first login.
 */

import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { isStrongPassword } from "@zoneos/domain";
import { openDatabase } from "./db/client.ts";
import { seedZoneCalendar } from "./modules/calendar/calendar.seed.ts";
import { seedCaseCategories } from "./modules/cases/cases.seed.ts";
import { findUserByUsername, insertUser, insertZone, listZones } from "./modules/org/org.queries.ts";
import { configFromEnv } from "./platform/config.ts";
import { hashPassword } from "./platform/passwords.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const rl = createInterface({ input: process.stdin, output: process.stdout });
const ask = async (label: string, fallback?: string) =>
  (await rl.question(`${label}${fallback ? ` [${fallback}]` : ""}: `)).trim() || fallback || "";

const config = configFromEnv();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
});
try {
  // Ask and check everything first, then write the zone and its administrator together: all or nothing.
  const existingZone = (await listZones(database.db))[0];
  const zoneName = existingZone
    ? existingZone.name
    : (arg("zone") ?? (await ask("开发区名称 Zone name", "示范高新区")));
  const username = arg("username") ?? (await ask("管理员用户名 Username", "admin"));
  if (await findUserByUsername(database.db, username)) throw new Error(`用户名 ${username} 已存在 / user name exists`);
  const displayName = arg("name") ?? (await ask("姓名 Display name", "系统管理员"));
  const password =
    arg("password") ?? (await ask("初始密码 Initial password (≥ 8 characters, 3 of: a-z A-Z 0-9 symbols)"));
  if (!isStrongPassword(password)) throw new Error("密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类");
  const passwordHash = await hashPassword(password);
  await database.db.transaction(async (tx) => {
    const zone = existingZone ?? (await insertZone(tx, zoneName));
    if (!existingZone) await seedZoneCalendar(tx, zone.id);
    await seedCaseCategories(tx, zone.id);
    await insertUser(tx, {
      zoneId: zone.id,
      username,
      displayName,
      role: "admin",
      passwordHash,
      mustChangePassword: true,
    });
  });
  console.log(
    `${existingZone ? "" : `已创建开发区 Zone created: ${zoneName}\n`}已创建管理员 ${username}（${zoneName}）；首次登录须修改密码。Administrator created; change the password at first login.`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  rl.close();
  await database.close();
}
