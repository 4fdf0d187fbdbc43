import type { z } from "zod";

export type IssueLang = "zh-CN" | "en-US";
/** A zod issue, or the same fields as a validation error carries them. */
type Issue = { code: string; path?: PropertyKey[]; message?: string; [key: string]: unknown } | z.core.$ZodIssue;

const MESSAGES = {
  required: { "zh-CN": "必填", "en-US": "Required" },
  tooShort: { "zh-CN": "至少 {n} 个字符", "en-US": "At least {n} characters" },
  tooLong: { "zh-CN": "最多 {n} 个字符", "en-US": "At most {n} characters" },
  tooSmall: { "zh-CN": "不能小于 {n}", "en-US": "Must be at least {n}" },
  tooBig: { "zh-CN": "不能大于 {n}", "en-US": "Must be at most {n}" },
  tooMany: { "zh-CN": "最多 {n} 项", "en-US": "At most {n} items" },
  email: { "zh-CN": "邮箱格式不正确", "en-US": "Not a valid email address" },
  date: { "zh-CN": "日期格式应为 YYYY-MM-DD", "en-US": "Dates are written YYYY-MM-DD" },
  uuid: { "zh-CN": "编号格式不正确", "en-US": "Not a valid id" },
  invalid: { "zh-CN": "格式不正确", "en-US": "Invalid value" },
} as const;

const say = (key: keyof typeof MESSAGES, lang: IssueLang, n?: unknown) => MESSAGES[key][lang].replace("{n}", String(n));

/**
 * The message of a zod issue in a language, shared by the server's problem responses, the import report and the
 * web forms: the contracts' own rules carry both languages in `params.i18n`; zod's built-in checks get plain words.
 */
export function issueMessage(issue: Issue, lang: IssueLang): string {
  const i = issue as Record<string, unknown>;
  const own = (i.params as { i18n?: Record<IssueLang, string> } | undefined)?.i18n;
  if (own?.[lang]) return own[lang];
  const missing = i.input === undefined || i.input === null || i.input === "";
  switch (issue.code) {
    case "too_small":
      if (i.origin === "string")
        return Number(i.minimum) <= 1 ? say("required", lang) : say("tooShort", lang, i.minimum);
      return say("tooSmall", lang, i.minimum);
    case "too_big":
      if (i.origin === "string") return say("tooLong", lang, i.maximum);
      if (i.origin === "array") return say("tooMany", lang, i.maximum);
      return say("tooBig", lang, i.maximum);
    case "invalid_format":
      if (i.format === "email") return say("email", lang);
      if (i.format === "date") return say("date", lang);
      if (i.format === "uuid") return say("uuid", lang);
      return say("invalid", lang);
    case "invalid_type":
    case "invalid_value":
      return missing ? say("required", lang) : say("invalid", lang);
    default:
      return say("invalid", lang);
  }
}
