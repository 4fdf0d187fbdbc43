import { issueMessage } from "@zoneos/contracts";
import type { Lang, Localized } from "./i18n.ts";

type Issue = Parameters<typeof issueMessage>[0];

/** A zod issue's message in a language (the rules are shared with the web forms, in packages/contracts). */
export function zodIssueMessage(issue: Issue, lang: Lang): string {
  return issueMessage(issue, lang);
}

export function zodIssueLocalized(issue: Issue): Localized {
  return { "zh-CN": issueMessage(issue, "zh-CN"), "en-US": issueMessage(issue, "en-US") };
}
