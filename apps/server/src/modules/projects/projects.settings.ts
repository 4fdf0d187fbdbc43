/** A zone's project settings: 序时进度 granularity, the behind threshold, the report deadline, the approval target. */
import type { ProjectSettings } from "@zoneos/contracts";
import { DEFAULT_PROJECT_SETTINGS, type ScheduleGranularity } from "@zoneos/domain";
import type { Conn, Db } from "../../db/client.ts";
import { changedFields, recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { findSettings, saveSettings } from "./projects.queries.ts";

/**
 * A zone's project settings (the domain's defaults until the administrator changes them). Cached per zone for
 * SETTINGS_CACHE_MS like the calendar — every board request needs them and they change a few times a year; a change
 * through this process forgets the entry at once, one made by another instance shows within the TTL.
 */
export async function projectSettingsOf(conn: Conn, zoneId: string): Promise<ProjectSettings> {
  const now = performance.now();
  const known = settingsCache.get(zoneId);
  if (known && now - known.at < SETTINGS_CACHE_MS) return known.settings;
  const generation = settingsGeneration;
  const settings = await loadSettings(conn, zoneId);
  if (generation === settingsGeneration) settingsCache.set(zoneId, { settings, at: now });
  return settings;
}

const SETTINGS_CACHE_MS = 60_000;
const settingsCache = new Map<string, { settings: ProjectSettings; at: number }>();
let settingsGeneration = 0;

async function loadSettings(conn: Conn, zoneId: string): Promise<ProjectSettings> {
  const row = await findSettings(conn, zoneId);
  if (!row) return { ...DEFAULT_PROJECT_SETTINGS };
  return {
    granularity: row.granularity as ScheduleGranularity,
    behindThresholdPoints: Number(row.behindThresholdPoints),
    reportDeadlineDay: row.reportDeadlineDay,
    approvalTargetWorkingDays: row.approvalTargetWorkingDays,
  };
}

export async function changeProjectSettings(db: Db, ctx: RequestContext, input: ProjectSettings) {
  const zoneId = ctx.actor.zoneId;
  const saved = await db.transaction(async (tx) => {
    const before = await loadSettings(tx, zoneId);
    await saveSettings(tx, {
      zoneId,
      granularity: input.granularity,
      behindThresholdPoints: String(input.behindThresholdPoints),
      reportDeadlineDay: input.reportDeadlineDay,
      approvalTargetWorkingDays: input.approvalTargetWorkingDays,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "project.settings",
      entityType: "zone",
      entityId: zoneId,
      ...changedFields({ ...before }, { ...input }),
    });
    return loadSettings(tx, zoneId);
  });
  settingsGeneration++;
  settingsCache.delete(zoneId);
  return saved;
}
