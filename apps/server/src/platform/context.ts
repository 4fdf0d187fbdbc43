import type { Actor } from "./access.ts";
import type { Lang } from "./i18n.ts";

/** What a service needs to know about the request: who, from where, in which language, and when. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  lang: Lang;
  now: Date;
}

/** How the platform names itself where a person's name would stand (timers, clean-ups): in histories and audit. */
export const SYSTEM_NAME = "系统";

/** The context of the platform's own work in a zone (the scheduler's jobs): no user, no address. */
export function systemContext(zoneId: string, now: Date): RequestContext {
  return {
    actor: {
      userId: "",
      zoneId,
      username: "system",
      displayName: SYSTEM_NAME,
      role: "admin",
      unitId: null,
      enterpriseId: null,
      unitSubtree: [],
    },
    ip: null,
    lang: "zh-CN",
    now,
  };
}
