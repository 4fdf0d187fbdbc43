import { LeftOutlined, RightOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CalendarDayKind, CalendarOfficeHours, CalendarYearUpdate, CalendarYearView } from "@zoneos/contracts";
import { isWeekend } from "@zoneos/domain/calendar";
import { Alert, Button, Card, Flex, Modal, Select, Space, TimePicker, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type CSSProperties, useMemo, useState } from "react";
import { api } from "../../app/api.ts";
import { type MessageKey, useI18n } from "../../app/i18n.ts";
import { showError, showSuccess } from "../../components/feedback.ts";

type Kind = CalendarDayKind | "normal";

const calendarKey = (year: number) => ["calendar", year] as const;
const FIRST_YEAR = 2004;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const STYLES: Record<Kind | "weekend", CSSProperties> = {
  holiday: { background: "#ff4d4f", color: "#fff", borderColor: "#ff4d4f" },
  workday: { background: "#1677ff", color: "#fff", borderColor: "#1677ff" },
  weekend: { background: "#f0f0f0", color: "#8c8c8c", borderColor: "#f0f0f0" },
  normal: { background: "#fff", color: "rgba(0,0,0,0.88)", borderColor: "#f0f0f0" },
};
const MARKS: Partial<Record<Kind, MessageKey>> = { holiday: "calendar.markHoliday", workday: "calendar.markWorkday" };
const KIND_NAMES: Record<Kind, MessageKey> = {
  holiday: "calendar.legendHoliday",
  workday: "calendar.legendWorkday",
  normal: "calendar.legendNormal",
};

const pad = (n: number) => String(n).padStart(2, "0");
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 0 = Monday … 6 = Sunday: weeks start on Monday, as Chinese calendars print them. */
const mondayIndex = (y: number, m: number, d: number) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;

/** The next state of a clicked day: normal → holiday → make-up working day (weekends only) → normal. */
function nextKind(kind: Kind, date: string): Kind {
  if (kind === "normal") return "holiday";
  if (kind === "holiday" && isWeekend(date)) return "workday";
  return "normal";
}

function Month({
  year,
  month,
  kindOf,
  nameOf,
  today,
  onToggle,
}: {
  year: number;
  month: number;
  kindOf: (date: string) => Kind;
  nameOf: (date: string) => string | null;
  today: string;
  onToggle: (date: string) => void;
}) {
  const { t } = useI18n();
  const weekdays = t("calendar.weekdays").split(" ");
  const monthNames = t("calendar.months").split(" ");
  const blanks = mondayIndex(year, month, 1);
  const cells: { key: string; date: string | null }[] = [
    ...Array.from({ length: blanks }, (_, i) => ({ key: `blank-${i}`, date: null })),
    ...Array.from({ length: daysInMonth(year, month) }, (_, i) => {
      const date = isoDate(year, month, i + 1);
      return { key: date, date };
    }),
  ];
  return (
    <div data-testid={`month-${month}`}>
      <Typography.Text strong>{monthNames[month - 1]}</Typography.Text>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(7, 1fr)", gap: 3, marginTop: 6 }}>
        {weekdays.map((w, i) => (
          <div key={w} style={{ textAlign: "center", fontSize: 12, color: i >= 5 ? "#8c8c8c" : "rgba(0,0,0,0.65)" }}>
            {w}
          </div>
        ))}
        {cells.map(({ key, date }) => {
          if (!date) return <div key={key} />;
          const kind = kindOf(date);
          const look = kind === "normal" && isWeekend(date) ? STYLES.weekend : STYLES[kind];
          const mark = MARKS[kind];
          const name = nameOf(date);
          return (
            <button
              type="button"
              key={key}
              data-testid={`day-${date}`}
              data-kind={kind}
              aria-label={`${date} ${t(KIND_NAMES[kind])}`}
              title={`${date}${name ? ` ${name}` : ""} · ${t(KIND_NAMES[kind])}`}
              onClick={() => onToggle(date)}
              style={{
                ...look,
                position: "relative",
                height: 30,
                padding: 0,
                borderWidth: 1,
                borderStyle: "solid",
                borderRadius: 4,
                cursor: "pointer",
                fontSize: 13,
                fontVariantNumeric: "tabular-nums",
                outline: date === today ? "2px solid #faad14" : undefined,
                outlineOffset: -2,
              }}
            >
              {Number(date.slice(8))}
              {mark && (
                <span style={{ position: "absolute", top: 0, right: 2, fontSize: 9, lineHeight: "11px" }}>
                  {t(mark)}
                </span>
              )}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function Swatch({ kind, label }: { kind: Kind | "weekend"; label: string }) {
  return (
    <Space size={4}>
      <span
        style={{
          ...STYLES[kind],
          display: "inline-block",
          width: 14,
          height: 14,
          borderRadius: 3,
          borderWidth: 1,
          borderStyle: "solid",
          verticalAlign: "middle",
        }}
      />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Space>
  );
}

function OfficeHoursCard({ hours }: { hours: CalendarOfficeHours }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const shown = range ?? [dayjs(hours.start, "HH:mm"), dayjs(hours.end, "HH:mm")];
  const save = useMutation({
    mutationFn: (body: CalendarOfficeHours) => api.put<CalendarOfficeHours>("/calendar/office-hours", body),
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(t("common.saved"));
      setRange(null);
      void queryClient.invalidateQueries({ queryKey: ["calendar"] });
    },
    onError: (err) => showError(err),
  });
  const changed =
    range !== null && (range[0].format("HH:mm") !== hours.start || range[1].format("HH:mm") !== hours.end);
  return (
    <Card title={t("calendar.officeHours")} size="small" style={{ marginTop: 16 }}>
      <Flex wrap gap={12} align="center">
        <TimePicker.RangePicker
          format="HH:mm"
          minuteStep={5}
          allowClear={false}
          value={shown}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
          data-testid="office-hours"
        />
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!changed}
          loading={save.isPending}
          onClick={() => save.mutate({ start: shown[0].format("HH:mm"), end: shown[1].format("HH:mm") })}
        >
          {t("calendar.saveHours")}
        </Button>
        <Typography.Text type="secondary">{t("calendar.officeHoursHint")}</Typography.Text>
      </Flex>
    </Card>
  );
}

/** 系统管理 → 工作日历: a year's holidays and make-up working days, edited by clicking days; office hours. */
export function CalendarPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [modal, modalHolder] = Modal.useModal();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  /** Days clicked since the last save: date → the kind it has now. */
  const [edits, setEdits] = useState<Record<string, Kind>>({});

  const calendar = useQuery({
    queryKey: calendarKey(year),
    queryFn: ({ signal }) => api.get<CalendarYearView>(`/calendar/years/${year}`, undefined, signal),
    placeholderData: keepPreviousData,
  });
  const data = calendar.data?.year === year ? calendar.data : undefined;

  const saved = useMemo(() => new Map((data?.days ?? []).map((d) => [d.date, d])), [data]);
  const kindOf = (date: string): Kind => edits[date] ?? saved.get(date)?.kind ?? "normal";
  const nameOf = (date: string): string | null => {
    const d = saved.get(date);
    return d && d.kind === kindOf(date) ? d.name : null;
  };
  const changedDates = Object.keys(edits).filter((date) => edits[date] !== (saved.get(date)?.kind ?? "normal"));
  const dirty = changedDates.length > 0;

  const allDates = useMemo(() => {
    const out: string[] = [];
    for (let m = 1; m <= 12; m++) for (let d = 1; d <= daysInMonth(year, m); d++) out.push(isoDate(year, m, d));
    return out;
  }, [year]);
  const listOf = (kind: CalendarDayKind) =>
    allDates.filter((date) => kindOf(date) === kind).map((date) => ({ date, name: nameOf(date) }));
  const holidays = listOf("holiday");
  const workdays = listOf("workday");

  const save = useMutation({
    mutationFn: (body: CalendarYearUpdate) => api.put<CalendarYearView>(`/calendar/years/${year}`, body),
    meta: { quiet: true },
    onSuccess: (view) => {
      queryClient.setQueryData(calendarKey(view.year), view);
      setEdits({});
      showSuccess(t("common.saved"));
    },
    onError: (err) => showError(err),
  });

  const switchYear = (next: number) => {
    if (next === year) return;
    const go = () => {
      setEdits({});
      setYear(next);
    };
    if (!dirty) return go();
    void modal.confirm({ title: t("calendar.discardConfirm"), onOk: go });
  };

  const knownYears = new Set(data?.yearsWithData ?? calendar.data?.yearsWithData ?? []);
  const lastYear = Math.max(thisYear + 2, ...knownYears);
  const yearOptions = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i).map((y) => ({
    value: y,
    label: knownYears.has(y) ? String(y) : `${y} · ${t("calendar.yearNoData")}`,
  }));
  const today = dayjs().format("YYYY-MM-DD");

  return (
    <>
      <Card
        title={t("calendar.title")}
        loading={!data && calendar.isPending}
        extra={
          <Space>
            <Button
              icon={<LeftOutlined />}
              aria-label={t("calendar.prevYear")}
              disabled={year <= FIRST_YEAR}
              onClick={() => switchYear(year - 1)}
            />
            <Select
              showSearch={{ optionFilterProp: "label" }}
              value={year}
              options={yearOptions}
              onChange={switchYear}
              style={{ width: 150 }}
              data-testid="calendar-year"
            />
            <Button
              icon={<RightOutlined />}
              aria-label={t("calendar.nextYear")}
              disabled={year >= lastYear}
              onClick={() => switchYear(year + 1)}
            />
          </Space>
        }
      >
        {data && !data.hasData && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="calendar-no-data"
            title={t("calendar.noData")}
            description={t("calendar.noDataHint")}
          />
        )}
        <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 16 }}>
          <Space size="middle" wrap>
            <Swatch kind="holiday" label={t("calendar.legendHoliday")} />
            <Swatch kind="workday" label={t("calendar.legendWorkday")} />
            <Swatch kind="weekend" label={t("calendar.legendWeekend")} />
            <Typography.Text type="secondary" data-testid="calendar-counts">
              {t("calendar.counts", { holidays: holidays.length, workdays: workdays.length })}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Typography.Text type={dirty ? "warning" : "secondary"}>
              {dirty ? t("calendar.unsaved", { n: changedDates.length }) : t("calendar.hint")}
            </Typography.Text>
            <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setEdits({})}>
              {t("calendar.discard")}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              data-testid="calendar-save"
              onClick={() => save.mutate({ holidays, workdays })}
            >
              {t("calendar.save", { year })}
            </Button>
          </Space>
        </Flex>
        <div
          style={{
            display: "grid",
            gridTemplateColumns: "repeat(auto-fill, minmax(230px, 1fr))",
            gap: "20px 28px",
            opacity: data ? 1 : 0.5,
          }}
        >
          {MONTHS.map((month) => (
            <Month
              key={month}
              year={year}
              month={month}
              kindOf={kindOf}
              nameOf={nameOf}
              today={today}
              onToggle={(date) => setEdits((e) => ({ ...e, [date]: nextKind(kindOf(date), date) }))}
            />
          ))}
        </div>
      </Card>
      {data && <OfficeHoursCard hours={data.officeHours} />}
      {modalHolder}
    </>
  );
}
