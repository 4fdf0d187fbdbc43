import path from "node:path";

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Create the demo zone on first start (ZONEOS_DEMO, default on). */
  demo: boolean;
  /** Send cookies with Secure (ZONEOS_SECURE_COOKIES=1 behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For from a reverse proxy (ZONEOS_TRUST_PROXY=1). */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  webDist?: string;
  logLevel: string;
  /** Hours added to the system time (ZONEOS_CLOCK_OFFSET_HOURS; training and browser journeys only). */
  clockOffsetHours: number;
}

/** Reads the configuration from the environment; the only place that does. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.ZONEOS_DATA_DIR ?? "data");
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.ZONEOS_DEMO !== "0",
    secureCookies: env.ZONEOS_SECURE_COOKIES === "1",
    trustProxy: env.ZONEOS_TRUST_PROXY === "1",
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    loginRateLimitPerMinute: Number(env.ZONEOS_LOGIN_RATE_LIMIT ?? 30),
    webDist: env.ZONEOS_WEB_DIST,
    logLevel: env.LOG_LEVEL ?? "info",
    clockOffsetHours: Number(env.ZONEOS_CLOCK_OFFSET_HOURS ?? 0) || 0,
  };
}

/** Defaults for tests: in-memory PGlite, no demo data. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "memory://",
    demo: false,
    secureCookies: false,
    trustProxy: false,
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    loginRateLimitPerMinute: 1000,
    logLevel: "silent",
    clockOffsetHours: 0,
    ...overrides,
  };
}
