import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { fileStorageOf } from "../modules/attachments/attachments.files.ts";
import { removeStaleUploads } from "../modules/attachments/attachments.service.ts";
import { runCaseTimers } from "../modules/cases/cases.service.ts";
import { type Channel, channelsOf } from "../modules/notifications/notifications.channels.ts";
import { runDeadlineNotices } from "../modules/notifications/notifications.deadlines.ts";
import { runDeliveries } from "../modules/notifications/notifications.delivery.ts";
import {
  claimSchedulerLease,
  recordSchedulerRun,
  releaseSchedulerLease,
} from "../modules/notifications/notifications.queries.ts";
import type { Clock } from "./clock.ts";

/** The advisory lock key of the scheduler (the migrations use 727100001). */
const SCHEDULER_LOCK = 727100002;
/** A run marked running for longer than this belongs to a process that died; another instance may take over. */
const STALE_SECONDS = 15 * 60;

export interface SchedulerLog {
  error(obj: unknown, msg: string): void;
}

export interface SchedulerDeps {
  /** The outbound channels; by default those the app registered for `db`. */
  channels?: readonly Channel[];
  log?: SchedulerLog;
}

export interface SchedulerJobResult {
  ok: boolean;
  result?: unknown;
  error?: string;
}

export type SchedulerRun =
  | { ran: true; jobs: Record<string, SchedulerJobResult> }
  | { ran: false; skipped: "locked"; jobs: Record<string, never> };

type Job = { name: string; run: (db: Db, now: Date, channels: readonly Channel[]) => Promise<unknown> };

/**
 * In order: the timers change cases (auto-escalation notifies), then the deadline notices, then what to send; then,
 * independent of those, the uploads nothing linked within a day are removed.
 */
const JOBS: Job[] = [
  { name: "case_timers", run: (db, now) => runCaseTimers(db, now) },
  { name: "deadline_notices", run: runDeadlineNotices },
  { name: "deliveries", run: runDeliveries },
  { name: "stale_uploads", run: (db, now) => removeStaleUploads(db, now, fileStorageOf(db)) },
];

/**
 * Takes the scheduler's turn: under a transaction-level advisory lock (so two instances never both look at once),
 * claims the lease row of scheduler_runs unless another run holds it. The work itself then runs outside that
 * transaction, on any connection, which both PGlite (one connection) and a PostgreSQL pool allow.
 */
async function claimTurn(db: Db, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const res = (await tx.execute(
      sql`select pg_try_advisory_xact_lock(${sql.raw(String(SCHEDULER_LOCK))}) as locked`,
    )) as unknown as { rows: { locked: boolean }[] };
    if (!res.rows[0]?.locked) return false;
    return claimSchedulerLease(tx, token, STALE_SECONDS);
  });
}

/**
 * Runs every periodic job once at `now`: case timers (auto-close, auto-escalate), due-soon and overdue notices,
 * outbound deliveries, removal of stale unlinked uploads. Only one run at a time across all processes on the
 * database: a run that finds another one going reports `{ ran: false, skipped: "locked" }` and does nothing. Each
 * job's last run and result is recorded in scheduler_runs; a job that throws is recorded and logged and does not stop
 * the others.
 */
export async function runSchedulerOnce(db: Db, now: Date, deps: SchedulerDeps = {}): Promise<SchedulerRun> {
  const token = randomUUID();
  if (!(await claimTurn(db, token))) return { ran: false, skipped: "locked", jobs: {} };
  const channels = deps.channels ?? channelsOf(db);
  const jobs: Record<string, SchedulerJobResult> = {};
  try {
    for (const job of JOBS) {
      try {
        const result = await job.run(db, now, channels);
        jobs[job.name] = { ok: true, result };
        await recordSchedulerRun(db, job.name, now, JSON.stringify(result ?? null));
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        jobs[job.name] = { ok: false, error };
        deps.log?.error({ err: e, job: job.name }, "scheduled job failed");
        await recordSchedulerRun(db, job.name, now, `error: ${error}`.slice(0, 1000)).catch(() => undefined);
      }
    }
  } finally {
    await releaseSchedulerLease(db, token, `done ${now.toISOString()}`);
  }
  return { ran: true, jobs };
}

export interface RunningScheduler {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `runSchedulerOnce` every `seconds` (the first run one interval after start) until stopped. The timer does not
 * keep the process alive. Several instances may run it: the lock lets one at a time work.
 */
export function startScheduler(opts: {
  db: Db;
  clock: Clock;
  seconds: number;
  deps?: SchedulerDeps;
}): RunningScheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runSchedulerOnce(opts.db, opts.clock.now(), opts.deps)
      .catch((e) => opts.deps?.log?.error({ err: e }, "scheduler run failed"))
      .finally(schedule);
  };
  function schedule() {
    if (stopped) return;
    timer = setTimeout(tick, opts.seconds * 1000);
    timer.unref();
  }
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
