/**
 * The demo zone's major projects as data: the projects in priority order with their units, types, levels, stages and
 * flags, and the problems their reports mention. projects-demo.ts writes them.
 */
import type { ProjectLevel, ProjectStage, ProjectType } from "@zoneos/domain";

export interface DemoSpec {
  name: string;
  /** The responsible unit (a DEMO_UNITS key). */
  unit: string;
  type: ProjectType;
  level: ProjectLevel;
  stage: ProjectStage;
  /** A planned new start of this year: started as planned, not started though its month has passed, or later. */
  newStart?: "started" | "overdue" | "later";
  /** A mid-year change (年中调整) of this year's plan; `lastYear`: of last year's. */
  change?: "down" | "up" | "lastYear";
  /** An approval item over its limit: still pending, or approved late. */
  late?: "pending" | "approved";
  owner?: string;
}

export const CITY_INVESTMENT = "示范高新区城市建设投资集团有限公司";

/**
 * The demo's projects in priority order (`count` takes the first ones; the first 20 are 高新技术产业园's): name,
 * responsible unit (a DEMO_UNITS key), type, level, stage, then flags: newStart=started|overdue|later (a planned new
 * start of this year), change=down|up|lastYear (a mid-year change), late=pending|approved (an approval item over its
 * limit), owner=<enterprise name>.
 */
const DEMO_TABLE = `
年产10万吨锂电池正极材料项目      park-hitech         industry        provincial  continuing       change=lastYear
高新区智能制造产业园二期          park-hitech         industry        municipal   new_start        newStart=started late=approved
人才公寓三期                      park-hitech         livelihood      district    continuing
科创大道提升改造工程              park-hitech         infrastructure  district    new_start        newStart=started
12英寸功率半导体晶圆制造项目      park-hitech         industry        provincial  continuing
新型显示模组研发生产基地          park-hitech         industry        municipal   continuing
工业互联网创新中心                park-hitech         industry        district    completed        owner=江苏迅特科技有限公司
集成电路封装测试扩产项目          park-hitech         industry        municipal   continuing       change=down
年产500万套汽车电子控制单元项目   park-hitech         industry        municipal   preliminary      newStart=overdue late=pending
高端光电子器件产业化项目          park-hitech         industry        district    new_start        newStart=started
5G通信基站滤波器生产线项目        park-hitech         industry        district    continuing
科技企业孵化器B区                 park-hitech         industry        district    completed
智能传感器产业园一期              park-hitech         industry        municipal   continuing
研发总部大楼项目                  park-hitech         industry        district    signed
高新区邻里中心                    park-hitech         livelihood      district    continuing
高新区第二实验小学                park-hitech         livelihood      municipal   continuing
天元东路污水管网改造工程          park-hitech         infrastructure  district    continuing
精密数控机床生产基地项目          park-hitech         industry        district    preliminary      newStart=later
激光雷达及智能驾驶系统产业化项目  park-hitech         industry        provincial  new_start        newStart=started
人工智能算力中心                  park-hitech         industry        municipal   continuing
年产2亿只MLCC片式电容项目         park-hitech         industry        municipal   full_production
工业机器人整机及核心部件项目      park-manufacturing  industry        provincial  continuing
高端装备智能工厂建设项目          park-manufacturing  industry        municipal   preliminary      newStart=overdue
新能源汽车驱动电机生产基地        park-manufacturing  industry        municipal   continuing       change=up
智能制造产业园标准厂房三期        park-manufacturing  infrastructure  district    completed
精密铸件绿色化改造项目            park-manufacturing  industry        district    in_production
生物医药创新港一期                park-bio            industry        provincial  continuing
高端医疗器械产业化基地            park-bio            industry        municipal   preliminary
创新药中试及产业化平台            park-bio            industry        district    continuing
年产20GWh储能电池项目             park-energy         industry        provincial  new_start        newStart=started late=approved
光伏组件智能工厂项目              park-energy         industry        municipal   continuing
氢燃料电池电堆产业化项目          park-energy         industry        district    signed
220千伏变电站新建工程             park-energy         infrastructure  municipal   continuing
数据中心二期                      park-digital        industry        municipal   continuing
软件和信息服务产业园              park-digital        industry        district    completed
数字经济创新中心                  park-digital        industry        district    continuing
主干道提升改造工程                construction        infrastructure  municipal   continuing
秣周东路快速化改造工程            construction        infrastructure  district    continuing
园区综合管廊工程                  company-invest      infrastructure  district    continuing
九年一贯制学校新建工程            company-invest      livelihood      municipal   continuing
保障性租赁住房项目                company-invest      livelihood      district    continuing
`;

export const DEMO_PROJECTS: DemoSpec[] = DEMO_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [name, unit, type, level, stage, ...flags] = line.trim().split(/\s+/);
    const flag = (key: string) => flags.find((x) => x.startsWith(`${key}=`))?.slice(key.length + 1);
    return {
      name: name as string,
      unit: unit as string,
      type: type as ProjectType,
      level: level as ProjectLevel,
      stage: stage as ProjectStage,
      newStart: flag("newStart") as DemoSpec["newStart"],
      change: flag("change") as DemoSpec["change"],
      late: flag("late") as DemoSpec["late"],
      owner: flag("owner"),
    };
  });

export const DEMO_PROJECT_COUNT = DEMO_PROJECTS.length;

export const PROBLEMS = [
  "施工用电增容尚未完成，影响设备调试",
  "用地红线内管线迁改进度滞后",
  "建设资金到位不足，需协调银行贷款",
  "受连续降雨影响，土方施工暂停",
  "施工许可办理周期较长，开工时间推迟",
];
