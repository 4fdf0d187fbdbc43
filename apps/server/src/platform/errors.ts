import type { Lang, Localized } from "./i18n.ts";

/** Every error code the API can answer with, its HTTP status and its message in each language. */
const CATALOG = {
  UNAUTHENTICATED: [401, "请先登录", "Please log in"],
  SESSION_EXPIRED: [401, "登录已过期，请重新登录", "Your session has expired, please log in again"],
  INVALID_CREDENTIALS: [401, "用户名或密码错误", "Wrong user name or password"],
  ACCOUNT_LOCKED: [
    423,
    "账号因多次登录失败已锁定，请 {minutes} 分钟后再试",
    "The account is locked after repeated failed logins; try again in {minutes} minutes",
  ],
  ACCOUNT_DISABLED: [403, "账号已停用", "The account is disabled"],
  PASSWORD_CHANGE_REQUIRED: [403, "首次登录请先修改初始密码", "Please change your initial password first"],
  WEAK_PASSWORD: [
    400,
    "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类",
    "A password needs at least 8 characters from at least 3 of: lower case, upper case, digits, symbols",
  ],
  WRONG_PASSWORD: [400, "当前密码不正确", "The current password is wrong"],
  SAME_PASSWORD: [400, "新密码不能与当前密码相同", "The new password must differ from the current one"],
  CSRF_FAILED: [
    403,
    "请求缺少有效的 CSRF 令牌，请刷新页面后重试",
    "The request lacks a valid CSRF token; reload the page and try again",
  ],
  FORBIDDEN: [403, "无权执行此操作", "You are not allowed to do this"],
  NOT_FOUND: [404, "{what}不存在或无权查看", "{what} not found"],
  ROUTE_NOT_FOUND: [404, "接口不存在", "No such endpoint"],
  VALIDATION_FAILED: [400, "输入有误：{details}", "Invalid input: {details}"],
  VERSION_CONFLICT: [409, "该记录已被他人修改，请刷新后再试", "Someone else changed this record; reload and try again"],
  DUPLICATE_CREDIT_CODE: [
    409,
    "统一社会信用代码 {code} 已存在（{name}）",
    "Credit code {code} already exists ({name})",
  ],
  DUPLICATE_USERNAME: [409, "用户名 {username} 已存在", "User name {username} already exists"],
  DUPLICATE_RECORD: [
    409,
    "同样的记录刚刚已由他人提交，请刷新后查看",
    "Someone else has just submitted the same record; reload to see it",
  ],
  DUPLICATE_UNIT: [409, "同一上级下已有名为“{name}”的单位", "A unit named {name} already exists under this parent"],
  UNIT_HAS_CHILDREN: [
    409,
    "该单位下还有下级单位或用户，不能删除",
    "This unit still has sub-units or users and cannot be deleted",
  ],
  PARK_HAS_ENTERPRISES: [
    409,
    "该园区下还有 {count} 家企业，请先把它们调整到其他园区",
    "{count} enterprises still belong to this park; move them to another park first",
  ],
  UNIT_CYCLE: [400, "不能把单位移到它自己的下级", "A unit cannot be moved under itself"],
  CANNOT_DISABLE_SELF: [400, "不能停用或删除自己的账号", "You cannot disable or delete your own account"],
  CALENDAR_DATE_OUTSIDE_YEAR: [400, "{date} 不在 {year} 年内", "{date} is not in the year {year}"],
  CASE_STEP_FORBIDDEN: [403, "您无权对该诉求执行“{step}”", "You may not {step} this case"],
  CASE_STEP_NOT_ALLOWED: [
    409,
    "诉求当前为“{state}”状态，不能执行“{step}”",
    "The case is {state}; it cannot take the step {step}",
  ],
  CASE_COMMENT_REQUIRED: [400, "“{step}”须填写说明", "{step} needs a comment"],
  CASE_INVALID_TARGET: [
    400,
    "“{step}”的对象无效（单位或人员不符，或与当前相同）",
    "Invalid target for {step} (wrong unit or person, or no change)",
  ],
  CASE_NO_ESCALATION_UNIT: [
    409,
    "未找到兜底办（企业服务中心），请管理员先在组织机构中设置",
    "No escalation unit (企业服务中心 / 兜底办) exists; ask the administrator to create it",
  ],
  VISIT_DATE_IN_FUTURE: [
    400,
    "走访日期 {date} 晚于今天，只能登记已完成的走访",
    "The visit date {date} is in the future; only visits that took place can be recorded",
  ],
  VISIT_PERIOD_INVALID: [
    400,
    "统计期“{period}”无效，请填写如 2026Q1、2026H1、2026-03、2026 或日期 2026-03-15",
    "Invalid period “{period}”; use 2026Q1, 2026H1, 2026-03, 2026 or a date such as 2026-03-15",
  ],
  ATTACHMENT_TOO_LARGE: [413, "附件过大，单个文件不能超过 {limit}", "The file is too large; the limit is {limit}"],
  ATTACHMENT_TYPE_NOT_ALLOWED: [
    415,
    "不支持的文件类型“{name}”（文件内容须与扩展名一致）；允许：{allowed}",
    "File type not allowed: {name} (the content must match the extension); allowed: {allowed}",
  ],
  ATTACHMENT_MISSING: [400, "请选择要上传的文件（表单字段 file）", "Choose a file to upload (form field file)"],
  ATTACHMENT_NOT_LINKABLE: [
    400,
    "附件无效：只能关联本人上传且尚未使用的附件",
    "Invalid attachments: only your own uploads not yet linked to anything can be attached",
  ],
  PROJECT_UNIT_NOT_ALLOWED: [
    403,
    "只能把项目的责任单位设为本单位（单位负责人可设为本单位及下级单位）",
    "You can make only your own unit (a unit head: their unit or a unit below it) responsible for a project",
  ],
  PROJECT_OWNERSHIP_CHANGE_FORBIDDEN: [
    403,
    "只有责任单位（或系统管理员）可以更改项目的责任单位和专班成员",
    "Only the responsible unit (or the administrator) may change a project's responsible unit and task force",
  ],
  DUPLICATE_PROJECT_CODE: [409, "项目编号 {code} 已存在", "Project code {code} already exists"],
  PLAN_CHANGE_WITHOUT_PLAN: [
    400,
    "{year} 年还没有年度计划，请先从 1 月起填写计划，再做年中调整",
    "There is no plan for {year} yet; enter the plan from January before a mid-year change",
  ],
  PLAN_REVISION_NEEDS_REASON: [
    400,
    "修改已有的年度计划金额会改变已统计月份的完成率，请说明修改原因",
    "Changing an existing plan amount changes the figures of months already counted; give a reason",
  ],
  REPORT_MONTH_LOCKED: [
    409,
    "{year} 年 {month} 月的填报已于 {closesOn} 截止并锁定；如需补报或更正，请单位负责人重新开放",
    "Reporting for {year}-{month} closed on {closesOn} and is locked; a unit head can reopen it",
  ],
  REPORT_MONTH_NOT_OPEN: [
    400,
    "{year} 年 {month} 月尚未开始，不能填报",
    "{year}-{month} has not begun; it cannot be reported yet",
  ],
  REOPEN_NOT_LOCKED: [
    409,
    "{year} 年 {month} 月尚在填报期内（至 {closesOn}），无需重新开放",
    "{year}-{month} is still open for reporting (until {closesOn}); it needs no reopening",
  ],
  REOPEN_UNTIL_INVALID: [
    400,
    "重新开放的截止日期应在今天（{today}）到 31 天之内",
    "A reopening must end between today ({today}) and 31 days from now",
  ],
  INVITE_INVALID: [404, "邀请链接无效、已使用或已过期", "The invitation link is invalid, used or expired"],
  IMPORT_BAD_FILE: [400, "无法读取 Excel 文件：{reason}", "The Excel file cannot be read: {reason}"],
  IMPORT_EMPTY: [400, "文件中没有数据行", "The file has no data rows"],
  IMPORT_TOO_LARGE: [413, "文件过大（上限 {limit}）", "The file is too large (limit {limit})"],
  IMPORT_NOT_READY: [409, "导入尚未完成", "The import has not finished"],
  // ---- leads (招商项目)
  LEAD_UNIT_NOT_ALLOWED: [
    403,
    "只能为本单位（单位负责人：本单位及下属单位）录入招商项目",
    "You can only enter leads for your own unit (a unit head: the unit and those below it)",
  ],
  DUPLICATE_LEAD_CODE: [409, "招商项目编号 {code} 已存在", "Lead code {code} already exists"],
  LEAD_TARGET_TAKEN: [
    409,
    "该招商目标已生成招商项目 {code}，不能重复生成",
    "This target already became lead {code}; it cannot become a second one",
  ],
  LEAD_PROJECT_TAKEN: [
    409,
    "该项目已由招商项目 {code} 转入，不能重复关联",
    "This project already came from lead {code}; it cannot be linked twice",
  ],
  LEAD_STAGE_SAME: [400, "项目已处于“{stage}”阶段", "The lead is already at {stage}"],
  LEAD_FINISHED: [409, "项目已投产，阶段不再变更", "The lead is in production; its stage no longer changes"],
  LEAD_SCREENING_REQUIRED: [
    409,
    "签约前须通过项目准入评估；该项目{state}，须由领导特批后方可转入“{stage}”（请挂钩或分管领导在本项目上操作并填写特批理由）",
    "Signing needs a passing screening; this lead {state}, so a leader must approve the move to {stage} with a reason",
  ],
  LEAD_OVERRIDE_REASON_REQUIRED: [
    400,
    "该项目{state}，领导特批须填写特批理由",
    "This lead {state}; a leader's override needs a reason",
  ],
  LEAD_LOST_REASON_REQUIRED: [
    400,
    "转为流失须选择流失原因并填写说明",
    "Marking a lead lost needs a reason from the list and an explanation",
  ],
  LEAD_BACKWARD_NOTE_REQUIRED: [400, "退回到前一阶段须填写说明", "Moving a lead back to an earlier stage needs a note"],
  LEAD_BACK_FROM_STARTED: [
    409,
    "项目已开工并转入项目库，不能退回到开工前的阶段，也不能转为流失",
    "The lead has broken ground and is in the project registry; it cannot go back before 开工 nor be lost",
  ],
  LEAD_STAGE_DATE_INVALID: [
    400,
    "阶段日期须在上一次变更日期（{previous}）到今天（{today}）之间",
    "The stage date must be between the previous change ({previous}) and today ({today})",
  ],
  LEAD_ENTERPRISE_REQUIRED: [
    400,
    "转入“注册”须选择已在企业库中的企业，或录入新企业的统一社会信用代码和名称",
    "Registration needs an enterprise of the registry or a new one's credit code and name",
  ],
  LEAD_PROJECT_OWNER_REQUIRED: [
    400,
    "转入项目库需要业主企业：请先登记注册企业，或填写投资方的统一社会信用代码",
    "A project needs an owner: register the enterprise first or give the investor's credit code",
  ],
  SCREENING_SCHEME_INVALID: [400, "评估方案有误：{problems}", "The screening scheme is invalid: {problems}"],
  SCORECARD_VALUE_INVALID: [400, "评估指标“{criterion}”的取值无效", "The value of criterion {criterion} is invalid"],
  // ---- trips (外出招商)
  TRIP_LEADER_INVALID: [
    400,
    "带队领导须为本区在用的领导或单位负责人",
    "The trip's leader must be an active leader or unit head of the zone",
  ],
  TRIP_UNIT_NOT_ALLOWED: [
    403,
    "只能登记本单位的外出招商（单位负责人可登记本单位及下级单位）",
    "You can record trips only for your own unit (a unit head: their unit or a unit below it)",
  ],
  TRIP_HAS_LEADS: [
    409,
    "该次外出招商已有 {count} 个线索关联，不能删除",
    "{count} leads link to this trip; it cannot be deleted",
  ],
  RATE_LIMITED: [429, "请求过于频繁，请稍后再试", "Too many requests, please try again later"],
  INTERNAL: [
    500,
    "服务器内部错误，请联系管理员（编号 {requestId}）",
    "Internal server error; please tell the administrator (reference {requestId})",
  ],
  CHAIN_DUPLICATE_NAME: [409, "已有名为“{name}”的产业链", "A chain named {name} already exists"],
  CHAIN_NOT_EMPTY: [
    409,
    "产业链“{name}”下还有 {links} 个环节、{targets} 个招商目标，确认后才能连同删除",
    "The chain {name} still has {links} links and {targets} targets; confirm to delete them with it",
  ],
  CHAIN_LINK_NOT_EMPTY: [
    409,
    "环节“{name}”下还有 {children} 个子环节、{placements} 家本地企业、{targets} 个招商目标，确认后才能连同删除",
    "The link {name} still has {children} sub-links, {placements} local enterprises and {targets} targets; confirm to delete them with it",
  ],
  CHAIN_TARGETS_HAVE_LEADS: [
    409,
    "其中 {count} 个招商目标已转为招商线索，不能删除；请先把这些目标移到其他环节",
    "{count} of the targets have become leads and cannot be deleted; move them to another link first",
  ],
  CHAIN_TARGET_HAS_LEAD: [
    409,
    "该招商目标已转为招商线索，不能删除",
    "This target has become a lead and cannot be deleted",
  ],
  CHAIN_LINK_DUPLICATE_NAME: [409, "本产业链已有名为“{name}”的环节", "The chain already has a link named {name}"],
  CHAIN_LINK_PARENT_INVALID: [400, "上级环节须是同一产业链的环节", "The parent link must be a link of the same chain"],
  CHAIN_LINK_CYCLE: [
    400,
    "不能把环节移到它自己或它的下级环节之下",
    "A link cannot be moved under itself or one of its sub-links",
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof CATALOG;
export type ErrorParams = Record<string, string | number | Localized>;

/** The one error type of the server; mapped to problem+json once, in app.ts. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.status = CATALOG[code][0];
  }
}

/** The message of a code in a language, with its parameters filled in. */
export function errorMessage(code: ErrorCode, params: ErrorParams, lang: Lang): string {
  const template = CATALOG[code][lang === "zh-CN" ? 1 : 2];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return "";
    return typeof v === "object" ? v[lang] : String(v);
  });
}

export const notFound = (what: Localized) => new AppError("NOT_FOUND", { what });
