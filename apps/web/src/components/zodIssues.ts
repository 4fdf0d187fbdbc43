import type { z } from "zod";
import { type Lang, translate } from "../app/i18n.ts";

type Issue = z.core.$ZodIssue;

function localized(issue: Issue, lang: Lang): string | undefined {
  if (issue.code !== "custom") return undefined;
  const i18n: unknown = issue.params?.i18n;
  if (typeof i18n === "object" && i18n !== null && lang in i18n) {
    const v = (i18n as Record<string, unknown>)[lang];
    if (typeof v === "string") return v;
  }
  return undefined;
}

/**
 * The message of a zod issue in the UI language: the contracts' own localized messages where they give one,
 * our dictionary for zod's built-in checks.
 */
export function issueMessage(issue: Issue, lang: Lang): string {
  const own = localized(issue, lang);
  if (own) return own;
  switch (issue.code) {
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string")
        return n <= 1 ? translate(lang, "zod.required") : translate(lang, "zod.tooShort", { n });
      return translate(lang, "zod.tooSmall", { n });
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "string") return translate(lang, "zod.tooLong", { n });
      if (issue.origin === "array") return translate(lang, "zod.tooMany", { n });
      return translate(lang, "zod.tooBig", { n });
    }
    case "invalid_format":
      if (issue.format === "email") return translate(lang, "zod.email");
      if (issue.format === "date") return translate(lang, "zod.date");
      return translate(lang, "zod.invalid");
    case "invalid_type":
    case "invalid_value":
      return issue.input === undefined || issue.input === null || issue.input === ""
        ? translate(lang, "zod.required")
        : translate(lang, "zod.invalid");
    case "invalid_union":
      return translate(lang, "zod.invalid");
    default:
      return issue.message;
  }
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
