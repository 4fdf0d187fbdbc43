/**
 * 统一社会信用代码 (GB 32100-2015).
 * 18 characters over a 31-character alphabet (digits and capitals without I, O, S, V, Z);
 * position 18 is a check character computed from positions 1–17.
 */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Weights 3^(i−1) mod 31 for positions 1..17. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const REGISTERING_AUTHORITIES = new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"]);

export type CreditCodeProblem =
  | { kind: "length"; length: number }
  | { kind: "character"; position: number; character: string }
  | { kind: "authority"; character: string }
  | { kind: "region"; region: string }
  | { kind: "checksum"; expected: string; actual: string };

export type CreditCodeResult = { ok: true; code: string } | { ok: false; code: string; problem: CreditCodeProblem };

/** Upper-cases, turns full-width characters into half-width ones and removes all white space. */
export function normalizeCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "")
    .toUpperCase();
}

/** The check character for the first 17 characters; throws if a character is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error("creditCodeCheckChar needs 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`character ${first17.charAt(i)} is not in the credit-code alphabet`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a credit code after normalising it (case, full-width characters, spaces).
 * Hard errors only: length, alphabet, registering authority, digits in positions 3–8, check character.
 */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { ok: false, code, problem: { kind: "length", length: code.length } };
  for (let i = 0; i < 18; i++) {
    const c = code.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      return { ok: false, code, problem: { kind: "character", position: i + 1, character: c } };
    }
  }
  if (!REGISTERING_AUTHORITIES.has(code.charAt(0))) {
    return { ok: false, code, problem: { kind: "authority", character: code.charAt(0) } };
  }
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) return { ok: false, code, problem: { kind: "region", region } };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const actual = code.charAt(17);
  if (expected !== actual) return { ok: false, code, problem: { kind: "checksum", expected, actual } };
  return { ok: true, code };
}

/** A human message for a credit-code problem, in Chinese or English. */
export function describeCreditCodeProblem(problem: CreditCodeProblem, lang: "zh-CN" | "en-US"): string {
  const zh = lang === "zh-CN";
  switch (problem.kind) {
    case "length":
      return zh
        ? `统一社会信用代码应为 18 位，实际为 ${problem.length} 位`
        : `A credit code has 18 characters, this one has ${problem.length}`;
    case "character":
      return zh
        ? `第 ${problem.position} 位字符“${problem.character}”不允许（不能含 I、O、S、V、Z 及符号）`
        : `Character ${problem.position} "${problem.character}" is not allowed (no I, O, S, V, Z or symbols)`;
    case "authority":
      return zh
        ? `第 1 位登记管理部门码“${problem.character}”无效`
        : `Position 1 "${problem.character}" is not a registering authority`;
    case "region":
      return zh
        ? `第 3–8 位应为 6 位行政区划代码，实际为“${problem.region}”`
        : `Positions 3–8 must be a 6-digit region code, got "${problem.region}"`;
    case "checksum":
      return zh
        ? `校验位错误：第 18 位应为“${problem.expected}”，实际为“${problem.actual}”`
        : `Wrong check character: position 18 should be "${problem.expected}", not "${problem.actual}"`;
  }
}
