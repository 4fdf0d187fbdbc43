/** The five roles of a zone. 系统管理员 admin, 领导 leader, 单位负责人 unit head, 干部 officer, 企业用户 enterprise user. */
export const ROLES = ["admin", "leader", "unithead", "officer", "enterprise"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { "zh-CN": string; "en-US": string }> = {
  admin: { "zh-CN": "系统管理员", "en-US": "Administrator" },
  leader: { "zh-CN": "领导", "en-US": "Leader" },
  unithead: { "zh-CN": "单位负责人", "en-US": "Unit head" },
  officer: { "zh-CN": "干部", "en-US": "Officer" },
  enterprise: { "zh-CN": "企业用户", "en-US": "Enterprise user" },
};

/** Kinds of unit: departments, parks and state platform companies. */
export const UNIT_KINDS = ["department", "park", "company"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_NAMES: Record<UnitKind, { "zh-CN": string; "en-US": string }> = {
  department: { "zh-CN": "部门", "en-US": "Department" },
  park: { "zh-CN": "园区", "en-US": "Park" },
  company: { "zh-CN": "平台公司", "en-US": "Platform company" },
};
