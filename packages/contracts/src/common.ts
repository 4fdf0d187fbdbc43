import { z } from "zod";

/** A localized message attached to a custom zod issue, so the server answers in the request's language. */
export type I18nMessage = { "zh-CN": string; "en-US": string };

/** A custom issue's message in both languages (the zh-CN text is the default). */
export const i18n = (zh: string, en: string) => ({ message: zh, params: { i18n: { "zh-CN": zh, "en-US": en } } });

/** A decimal amount as text (money and land are numeric in the database, never float); empty becomes null. */
export const decimal = (scale: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return null;
      const s = String(v).trim().replace(/,/g, "");
      const re = new RegExp(`^\\d{1,${max}}(\\.\\d{1,${scale}})?$`);
      if (!re.test(s)) {
        ctx.addIssue({
          code: "custom",
          ...i18n(`应为不小于 0 的数字，最多 ${scale} 位小数`, `Must be a number ≥ 0 with at most ${scale} decimals`),
        });
        return z.NEVER;
      }
      return s;
    });

/** A query's period must not end before it starts (the figures would be silently empty): `.refine(...periodInOrder())`. */
export const periodInOrder = () =>
  [
    (p: { from?: string | undefined; to?: string | undefined }) => !p.from || !p.to || p.from <= p.to,
    { path: ["to"], ...i18n("结束日期不能早于开始日期", "The end date cannot be before the start date") },
  ] as [(p: { from?: string | undefined; to?: string | undefined }) => boolean, { path: string[]; message: string }];

export const Uuid = z.uuid();
export const IsoDate = z.iso.date();
export const IsoDateTime = z.string();

/** Empty strings from forms and Excel become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details with a stable code" });
export type Problem = z.infer<typeof Problem>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const Ok = z.object({ ok: z.literal(true) });
