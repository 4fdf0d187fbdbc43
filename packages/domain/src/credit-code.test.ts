import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  creditCodeCheckChar,
  describeCreditCodeProblem,
  normalizeCreditCode,
} from "./credit-code.ts";
import { fromSafeSpreadsheetText, toSafeSpreadsheetText } from "./excel-text.ts";
import {
  INDUSTRY_TREE,
  industryDivisions,
  industryFromText,
  industryName,
  industryPath,
  isIndustryCode,
} from "./industry.ts";
import { isStrongPassword } from "./password.ts";
import { isRegionCode, regionFromText, regionFullName } from "./regions.ts";

const VALID_CODES = [
  "91110000600037341L",
  "91360100MA35F2K1XH",
  "91360700MA39QW7X4P",
  "92320115L12345AB2G",
  "52350902501234569F",
  "1211000040000123XG",
  "Y1330100MA2H00014C",
  "93360121MA3AB12C50",
  "91360100MA00001540",
  "91360100MA000004XN",
  "91330100716105852F",
  "9144030071526726XG",
];

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it.each(VALID_CODES)("accepts the valid code %s as it is", (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it.each([
    ["91360100MA35F2K1XJ", { kind: "checksum", expected: "H", actual: "J" }],
    ["91360100MA35F2K1HX", { kind: "checksum", expected: "C", actual: "X" }],
    ["91110000600037342L", { kind: "checksum", expected: "P", actual: "L" }],
    ["91360100MO35F2K1XH", { kind: "character", position: 10, character: "O" }],
    ["9136010IMA35F2K1XH", { kind: "character", position: 8, character: "I" }],
    ["91360100MA35F2K1X", { kind: "length", length: 17 }],
    ["9136A106MA35F2K1XH", { kind: "region", region: "36A106" }],
    ["Z1110000600037341L", { kind: "character", position: 1, character: "Z" }],
    ["B1110000600037341L", { kind: "authority", character: "B" }],
  ] as const)("rejects %s and says why", (code, problem) => {
    const r = checkCreditCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toEqual(problem);
  });

  it("normalises lower case, spaces (also the ideographic space) and full-width characters before checking", () => {
    expect(normalizeCreditCode("91360100ma35f2k1xh")).toBe("91360100MA35F2K1XH");
    expect(checkCreditCode(" 9136 0100 MA35 F2K1 XH ")).toEqual({ ok: true, code: "91360100MA35F2K1XH" });
    expect(checkCreditCode("９１３６０１００ＭＡ３５Ｆ２Ｋ１ＸＨ")).toEqual({ ok: true, code: "91360100MA35F2K1XH" });
    expect(checkCreditCode("91360100\u3000ma35f2k1xh")).toEqual({ ok: true, code: "91360100MA35F2K1XH" });
    expect(checkCreditCode("\t91110000600037341l\n")).toEqual({ ok: true, code: "91110000600037341L" });
    // Normalising does not make a wrong code right.
    const r = checkCreditCode("91360100ma35f2k1xj");
    expect(r).toEqual({
      ok: false,
      code: "91360100MA35F2K1XJ",
      problem: { kind: "checksum", expected: "H", actual: "J" },
    });
  });

  it("names the expected check character in the Chinese and English messages", () => {
    const r = checkCreditCode("91360100MA35F2K1XJ");
    if (r.ok) throw new Error("should be refused");
    expect(describeCreditCodeProblem(r.problem, "zh-CN")).toBe("校验位错误：第 18 位应为“H”，实际为“J”");
    expect(describeCreditCodeProblem(r.problem, "en-US")).toBe(
      'Wrong check character: position 18 should be "H", not "J"',
    );
    const p = checkCreditCode("91110000600037342L");
    if (p.ok) throw new Error("should be refused");
    expect(describeCreditCodeProblem(p.problem, "zh-CN")).toContain("应为“P”");
  });

  it("explains the other problems in Chinese with the position, character or length", () => {
    const msg = (code: string) => {
      const r = checkCreditCode(code);
      if (r.ok) throw new Error(`${code} should be refused`);
      return describeCreditCodeProblem(r.problem, "zh-CN");
    };
    expect(msg("91360100MO35F2K1XH")).toBe("第 10 位字符“O”不允许（不能含 I、O、S、V、Z 及符号）");
    expect(msg("91360100MA35F2K1X")).toBe("统一社会信用代码应为 18 位，实际为 17 位");
    expect(msg("9136A106MA35F2K1XH")).toBe("第 3–8 位应为 6 位行政区划代码，实际为“36A106”");
    expect(msg("B1110000600037341L")).toBe("第 1 位登记管理部门码“B”无效");
  });

  it("refuses to compute a check character for the wrong length or a character outside the alphabet", () => {
    expect(() => creditCodeCheckChar("9111000060003734")).toThrow();
    expect(() => creditCodeCheckChar("91110000600037S41")).toThrow(/S/);
  });

  describe("properties", () => {
    const alphabet = [...CREDIT_CODE_ALPHABET];
    const char = (chars: readonly string[]) => fc.constantFrom(...chars);
    const first17 = fc
      .tuple(
        char(["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"]),
        char(alphabet),
        fc.array(char([..."0123456789"]), { minLength: 6, maxLength: 6 }),
        fc.array(char(alphabet), { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, region, rest]) => `${a}${b}${region.join("")}${rest.join("")}`);

    it("a code with its computed check character passes, and every single-character change of it fails", () => {
      fc.assert(
        fc.property(first17, (body) => {
          const code = body + creditCodeCheckChar(body);
          expect(code).toHaveLength(18);
          expect(checkCreditCode(code)).toEqual({ ok: true, code });
          for (let pos = 0; pos < 18; pos++) {
            for (const c of alphabet) {
              if (c === code.charAt(pos)) continue;
              const changed = code.slice(0, pos) + c + code.slice(pos + 1);
              if (checkCreditCode(changed).ok)
                throw new Error(`${changed} (position ${pos + 1} changed from ${code}) passed`);
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it("a swap of two different neighbouring characters is caught too (a common typing slip)", () => {
      fc.assert(
        fc.property(first17, fc.integer({ min: 0, max: 16 }), (body, pos) => {
          const code = body + creditCodeCheckChar(body);
          const a = code.charAt(pos);
          const b = code.charAt(pos + 1);
          fc.pre(a !== b);
          const swapped = code.slice(0, pos) + b + a + code.slice(pos + 2);
          expect(checkCreditCode(swapped).ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe("password rule", () => {
  it.each([
    ["Demo@2026", true],
    ["Abcdefg1", true], // upper, lower, digit
    ["abcdef1!", true], // lower, digit, symbol
    ["ABCDEF1!", true],
    ["密码密码Ab1x", true], // CJK counts as a symbol
    ["Abc@123", false], // 7 characters
    ["abcdefgh", false],
    ["abcdefg1", false], // two classes
    ["ABCDEFGH12", false],
    ["!!!!!!!!aa", false],
    ["", false],
  ])("%s → %s", (password, strong) => {
    expect(isStrongPassword(password)).toBe(strong);
  });
});

describe("spreadsheet text (formula injection)", () => {
  it.each([
    ['=HYPERLINK("http://x")公司', `'=HYPERLINK("http://x")公司`],
    ["+86 138", "'+86 138"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["江苏迅特科技有限公司", "江苏迅特科技有限公司"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j is written as %j and read back unchanged", (text, safe) => {
    expect(toSafeSpreadsheetText(text)).toBe(safe);
    expect(fromSafeSpreadsheetText(toSafeSpreadsheetText(text))).toBe(text);
  });

  it("keeps an apostrophe that does not protect a formula", () => {
    expect(fromSafeSpreadsheetText("'abc")).toBe("'abc");
    expect(fromSafeSpreadsheetText("O'Brien")).toBe("O'Brien");
  });

  it("round-trips text that itself begins with an apostrophe and a formula character", () => {
    expect(toSafeSpreadsheetText("'=x")).toBe("''=x");
    expect(fromSafeSpreadsheetText(toSafeSpreadsheetText("'=x"))).toBe("'=x");
    expect(fromSafeSpreadsheetText(toSafeSpreadsheetText("''+1"))).toBe("''+1");
  });
});

describe("industry codes (GB/T 4754-2017 with amendment No. 1)", () => {
  it("has 20 sections, 97 divisions, 473 groups and 1,382 classes", () => {
    const divisions = INDUSTRY_TREE.flatMap((s) => s.children ?? []);
    const groups = divisions.flatMap((d) => d.children ?? []);
    const classes = groups.flatMap((g) => g.children ?? []);
    expect([INDUSTRY_TREE.length, divisions.length, groups.length, classes.length]).toEqual([20, 97, 473, 1382]);
    expect(INDUSTRY_TREE.map((s) => s.code).join("")).toBe("ABCDEFGHIJKLMNOPQRST");
    expect(new Set(classes.map((c) => c.code)).size).toBe(1382);
  });

  it.each([
    ["3011", "3011"],
    ["C3011", "3011"],
    ["3011 水泥制造", "3011"],
    ["水泥制造", "3011"],
    [" 6513 ", "6513"],
    ["39", "39"],
    ["C39", "39"],
    ["391", "391"],
    ["C", "C"],
    ["Z", undefined],
    ["9999", undefined],
    ["30111", undefined],
    ["不存在的行业", undefined],
  ])("industryFromText(%j) → %j", (text, code) => {
    expect(industryFromText(text)).toBe(code);
  });

  it("knows names, paths and the divisions of a section", () => {
    expect(industryName("3011")).toBe("水泥制造");
    expect(industryPath("3011")).toEqual(["C", "30", "301", "3011"]);
    expect(isIndustryCode("C")).toBe(true);
    expect(isIndustryCode("3012")).toBe(true);
    expect(isIndustryCode("3019")).toBe(false);
    const c = industryDivisions("C");
    expect(c).toHaveLength(31);
    expect([c[0], c.at(-1)]).toEqual(["13", "43"]);
    expect(industryDivisions("Z")).toEqual([]);
  });
});

describe("region codes (GB/T 2260)", () => {
  it.each([
    ["320115", "320115"],
    ["江苏省南京市江宁区", "320115"],
    [" 320115 ", "320115"],
    ["北京市东城区", "110101"],
    ["999999", undefined],
    ["3201", undefined],
    ["南京市江宁区", undefined],
    ["", undefined],
  ])("regionFromText(%j) → %j", (text, code) => {
    expect(regionFromText(text)).toBe(code);
  });

  it("names a county with its province and city", () => {
    expect(regionFullName("320115")).toBe("江苏省南京市江宁区");
    expect(isRegionCode("320100")).toBe(false);
    expect(isRegionCode("320115")).toBe(true);
  });
});
