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
  /** Seconds between scheduler runs (ZONEOS_SCHEDULER_SECONDS, default 60; 0 = no scheduler in this process). */
  schedulerSeconds: number;
  /** Notifications are also POSTed as JSON here (ZONEOS_WEBHOOK_URL). */
  webhookUrl?: string;
  /** Signs the webhook's body with HMAC-SHA256 (ZONEOS_WEBHOOK_SECRET), header X-ZoneOS-Signature. */
  webhookSecret?: string;
  /** Notifications are also e-mailed through this server (ZONEOS_SMTP_URL, e.g. smtp://user:pass@host:587). */
  smtpUrl?: string;
  /** The sender of those e-mails (ZONEOS_SMTP_FROM). */
  smtpFrom?: string;
  /** The largest attachment accepted, in MB (ZONEOS_MAX_UPLOAD_MB, default 20). */
  maxUploadMb?: number;
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
    schedulerSeconds: Math.max(0, Number(env.ZONEOS_SCHEDULER_SECONDS ?? 60) || 0),
    webhookUrl: env.ZONEOS_WEBHOOK_URL || undefined,
    webhookSecret: env.ZONEOS_WEBHOOK_SECRET || undefined,
    smtpUrl: env.ZONEOS_SMTP_URL || undefined,
    smtpFrom: env.ZONEOS_SMTP_FROM || undefined,
    maxUploadMb: Number(env.ZONEOS_MAX_UPLOAD_MB ?? 20) || 20,
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
    schedulerSeconds: 0,
    ...overrides,
  };
}
