import { issueMessage as sharedIssueMessage } from "@zoneos/contracts/issues";
import type { z } from "zod";
import type { Lang } from "../app/i18n.ts";

type Issue = z.core.$ZodIssue;

/** The message of a zod issue in the UI language (shared with the server, so both say the same). */
export function issueMessage(issue: Issue, lang: Lang): string {
  return sharedIssueMessage(issue as Parameters<typeof sharedIssueMessage>[0], lang);
}

/** Form-field errors from zod issues; `rename` maps schema field names to form field names. */
export function issuesToFields(
  issues: readonly Issue[],
  lang: Lang,
  rename: (path: (string | number)[]) => (string | number)[] = (p) => p,
): { name: (string | number)[]; errors: string[] }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const path = rename(issue.path.map((p) => (typeof p === "number" ? p : String(p))));
    const key = JSON.stringify(path);
    const entry = byField.get(key) ?? { name: path, errors: [] };
    const msg = issueMessage(issue, lang);
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byField.set(key, entry);
  }
  return [...byField.values()];
}
