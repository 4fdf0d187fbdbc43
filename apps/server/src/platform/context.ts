import type { Actor } from "./access.ts";
import type { Lang } from "./i18n.ts";

/** What a service needs to know about the request: who, from where, in which language, and when. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  lang: Lang;
  now: Date;
}
