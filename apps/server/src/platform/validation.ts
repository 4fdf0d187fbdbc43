import { z } from "zod";
import type { Lang, Localized } from "./i18n.ts";

const zh = z.locales.zhCN();
const en = z.locales.en();

/**
 * A zod issue's message in a language. Our own rules carry both languages in `params.i18n`;
 * zod's built-in checks use zod's locale tables.
 */
export function zodIssueMessage(issue: { code: string; path: PropertyKey[]; message?: string; params?: unknown }, lang: Lang): string {
  const custom = (issue.params as { i18n?: Localized } | undefined)?.i18n;
  if (custom) return custom[lang];
  return (lang === "zh-CN" ? zh : en).localeError(issue as never) as string;
}

export function zodIssueLocalized(issue: { code: string; path: PropertyKey[]; message?: string; params?: unknown }): Localized {
  return { "zh-CN": zodIssueMessage(issue, "zh-CN"), "en-US": zodIssueMessage(issue, "en-US") };
}
