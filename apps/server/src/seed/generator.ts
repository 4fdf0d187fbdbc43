/**
 * Deterministic demo and scale data: the same seed gives the same zone, byte for byte.
 * Pure data; `demo.ts` and `tools/generate.ts` write it through the modules' queries.
 */
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  ENTERPRISE_LABELS,
  type EnterpriseLabel,
  INDUSTRY_TREE,
  type UnitKind,
} from "@zoneos/domain";

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

export interface UnitSpec {
  key: string;
  name: string;
  kind: UnitKind;
  parentKey?: string;
}

export const DEMO_UNITS: UnitSpec[] = [
  { key: "office", name: "党政办公室", kind: "department" },
  { key: "economy", name: "经济发展局", kind: "department" },
  { key: "tech", name: "科技创新局", kind: "department" },
  { key: "invest", name: "投资促进局", kind: "department" },
  { key: "planning", name: "规划和自然资源局", kind: "department" },
  { key: "construction", name: "建设管理局", kind: "department" },
  { key: "service", name: "企业服务中心", kind: "department" },
  { key: "service-desk", name: "兜底办", kind: "department", parentKey: "service" },
  { key: "finance", name: "财政局", kind: "department" },
  { key: "market", name: "市场监督管理局", kind: "department" },
  { key: "park-hitech", name: "高新技术产业园", kind: "park" },
  { key: "park-manufacturing", name: "智能制造产业园", kind: "park" },
  { key: "park-bio", name: "生物医药产业园", kind: "park" },
  { key: "park-energy", name: "新能源产业园", kind: "park" },
  { key: "park-digital", name: "数字经济产业园", kind: "park" },
  { key: "company-invest", name: "城市建设投资集团", kind: "company" },
  { key: "company-venture", name: "科创投资有限公司", kind: "company" },
];

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强海燕文博子涵浩然欣怡雨轩梓萱宇航思远晨曦佳琪俊杰一鸣";

export function personName(r: Rng): string {
  const given = r.chance(0.6)
    ? GIVEN.charAt(r.int(0, GIVEN.length - 1)) + GIVEN.charAt(r.int(0, GIVEN.length - 1))
    : GIVEN.charAt(r.int(0, GIVEN.length - 1));
  return SURNAMES.charAt(r.int(0, SURNAMES.length - 1)) + given;
}

// 字号 syllables; 迅 and 特 are kept out so the demo's 迅特科技 is the only one of its kind.
const TRADE_CHARS =
  "华芯中科博远瑞达创新恒信天合鼎盛宏图金鹏汇通精工星耀卓越新源永泰康宁明德润泽凯旋腾飞智联海纳云帆启航嘉禾九州华夏东方长江万邦宇通昊天赛维德胜";
const REGION_PREFIXES = ["", "", "", "江苏", "南京", "苏州", "无锡", "常州", "上海", "浙江", "安徽", "合肥"];
const SUFFIXES = ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"];

/** Industry words by GB/T 4754 division, so names fit their industries. */
const INDUSTRY_WORDS: Record<string, string[]> = {
  "26": ["化工", "新材料"],
  "27": ["生物医药", "制药", "医药科技"],
  "29": ["橡塑科技", "新材料"],
  "30": ["建材", "新材料"],
  "32": ["新材料", "合金"],
  "33": ["金属制品", "精密制造"],
  "34": ["机械", "智能装备", "精密机械"],
  "35": ["装备", "专用设备"],
  "36": ["汽车零部件", "汽车科技"],
  "38": ["电气", "新能源", "电池科技"],
  "39": ["电子", "半导体", "光电科技", "微电子"],
  "40": ["仪器仪表", "传感科技"],
  "51": ["贸易", "供应链"],
  "64": ["网络科技", "信息技术"],
  "65": ["软件", "信息技术", "数据科技", "智能科技"],
  "73": ["研究院", "技术研究"],
  "75": ["技术服务", "科技服务"],
};
const DIVISION_WEIGHTS: [string, number][] = [
  ["39", 14],
  ["34", 10],
  ["38", 9],
  ["65", 12],
  ["27", 8],
  ["36", 6],
  ["35", 6],
  ["26", 4],
  ["33", 5],
  ["30", 3],
  ["29", 3],
  ["32", 2],
  ["40", 3],
  ["64", 4],
  ["51", 4],
  ["73", 3],
  ["75", 4],
];

const classesByDivision = new Map<string, string[]>();
for (const section of INDUSTRY_TREE)
  for (const div of section.children ?? [])
    classesByDivision.set(
      div.code,
      (div.children ?? []).flatMap((g) => (g.children ?? []).map((c) => c.code)),
    );

function pickDivision(r: Rng): string {
  const total = DIVISION_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [d, w] of DIVISION_WEIGHTS) {
    x -= w;
    if (x < 0) return d;
  }
  return "39";
}

/** A GB 11714 organisation code check character over the 8-character body. */
export function orgCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    s += (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * (weights[i] as number);
  }
  const c = 11 - (s % 11);
  return c === 11 ? "0" : c === 10 ? "X" : String(c);
}

/** A valid 统一社会信用代码 of a company (9 1) registered in `region`. */
export function creditCode(r: Rng, region: string): string {
  const letters = CREDIT_CODE_ALPHABET;
  let body = r.chance(0.7) ? "MA" : "";
  while (body.length < 8) body += letters.charAt(r.int(0, 30));
  const org = body + orgCheckChar(body);
  const first17 = `91${region}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

const LABEL_ODDS: Record<EnterpriseLabel, number> = {
  high_tech: 0.22,
  tech_sme: 0.25,
  innovative_sme: 0.15,
  specialized_sme: 0.08,
  little_giant: 0.02,
  single_champion: 0.003,
  gazelle: 0.02,
  unicorn: 0.001,
  listed: 0.01,
  above_scale: 0.3,
};
const LABEL_YEARS: Partial<Record<EnterpriseLabel, number>> = {
  high_tech: 3,
  tech_sme: 1,
  innovative_sme: 3,
  specialized_sme: 3,
  little_giant: 3,
};

export interface GeneratedEnterprise {
  creditCode: string;
  name: string;
  industryCode: string;
  regionCode: string;
  parkKey: string;
  /** Index into the generated officers, or null when no one is assigned. */
  officerIndex: number | null;
  landMu: string;
  registeredCapitalWan: string;
  establishedOn: string;
  legalRepresentative: string;
  address: string;
  isKey: boolean;
  labels: { label: EnterpriseLabel; awardedOn: string; expiresOn: string | null }[];
  contacts: { name: string; title: string; phone: string; email: string | null; isPrimary: boolean }[];
}

const ZONE_REGIONS = ["320115", "320115", "320115", "320111", "320113", "320104", "320505", "320211"];
/** Roads of the zone, for addresses and project locations. */
export const ROADS = [
  "科创大道",
  "天元东路",
  "秣周东路",
  "胜太路",
  "诚信大道",
  "将军大道",
  "双龙大道",
  "苏源大道",
  "清水亭西路",
  "利源中路",
];
const TITLES = ["总经理", "办公室主任", "财务总监", "行政经理", "董事长"];

function isoDate(r: Rng, fromYear: number, toYear: number): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * `count` enterprises with unique names and credit codes. The first is always 江苏迅特科技有限公司
 * (the demo's known enterprise). `officerCount` officers share the assignments.
 */
export function generateEnterprises(
  seed: number,
  count: number,
  parkKeys: string[],
  officerCount: number,
): GeneratedEnterprise[] {
  const r = rng(seed);
  const names = new Set<string>();
  const codes = new Set<string>();
  const out: GeneratedEnterprise[] = [];
  while (out.length < count) {
    const division = out.length === 0 ? "65" : pickDivision(r);
    let name: string;
    if (out.length === 0) name = "江苏迅特科技有限公司";
    else {
      const trade =
        TRADE_CHARS.charAt(r.int(0, TRADE_CHARS.length - 1)) + TRADE_CHARS.charAt(r.int(0, TRADE_CHARS.length - 1));
      const word = r.pick(INDUSTRY_WORDS[division] ?? ["科技"]);
      const prefix = count > 3000 ? r.pick(REGION_PREFIXES) : r.pick(REGION_PREFIXES.slice(0, 6));
      name = `${prefix}${trade}${word}${r.pick(SUFFIXES)}`;
    }
    if (names.has(name)) {
      if (names.size > 40_000)
        name = name.replace(
          /(有限公司|股份有限公司|有限责任公司)$/,
          `${r.pick(["第一", "第二", "东区", "西区", "南区", "北区"])}分公司`,
        );
      if (names.has(name)) continue;
    }
    const region = out.length === 0 ? "320115" : r.pick(ZONE_REGIONS);
    const code = creditCode(r, region);
    if (codes.has(code)) continue;
    names.add(name);
    codes.add(code);
    const classes = classesByDivision.get(division) ?? ["3989"];
    const labels: GeneratedEnterprise["labels"] = [];
    for (const label of ENTERPRISE_LABELS) {
      if (
        r.chance(out.length === 0 ? (label === "high_tech" || label === "specialized_sme" ? 1 : 0) : LABEL_ODDS[label])
      ) {
        const awardedOn = out.length === 0 ? "2024-11-20" : isoDate(r, 2019, 2026);
        const years = LABEL_YEARS[label];
        const expiresOn = years ? `${Number(awardedOn.slice(0, 4)) + years}${awardedOn.slice(4)}` : null;
        labels.push({ label, awardedOn, expiresOn });
      }
    }
    const contactCount = r.int(1, 2);
    const contacts = Array.from({ length: contactCount }, (_, i) => ({
      name: personName(r),
      title: r.pick(TITLES),
      phone: `1${r.pick(["38", "39", "58", "86", "37", "52"])}${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
      email: r.chance(0.5) ? `contact${out.length}@example.cn` : null,
      isPrimary: i === 0,
    }));
    out.push({
      creditCode: code,
      name,
      industryCode: out.length === 0 ? "6513" : r.pick(classes),
      regionCode: region,
      parkKey: out.length === 0 ? "park-hitech" : r.pick(parkKeys),
      officerIndex: out.length === 0 ? 0 : r.chance(0.75) && officerCount > 0 ? r.int(0, officerCount - 1) : null,
      landMu: (r.int(500, 30_000) / 100).toFixed(2),
      registeredCapitalWan: (r.int(50, 200_000) + r.int(0, 9999) / 10_000).toFixed(4),
      establishedOn: isoDate(r, 1995, 2025),
      legalRepresentative: personName(r),
      address: `${r.pick(ROADS)}${r.int(1, 999)}号`,
      isKey: out.length === 0 ? true : r.chance(0.1),
      labels,
      contacts,
    });
  }
  return out;
}
