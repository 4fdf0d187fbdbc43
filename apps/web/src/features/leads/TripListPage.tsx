import { PlusOutlined } from "@ant-design/icons";
import { regionPath } from "@zoneos/domain/regions";
import {
  Button,
  Card,
  Cascader,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { can, useMe } from "../../app/auth.ts";
import { RemoveButton } from "../../components/Buttons.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import type { CascaderOption } from "../../components/IndustryCascader.tsx";
import { REGION_OPTIONS } from "../../components/regionOptions.ts";
import { useTripI18n } from "./tripI18n.ts";
import {
  type Trip,
  type TripInput,
  type TripSummary,
  useSaveTrip,
  useTripCounts,
  useTripList,
  useTripOptions,
} from "./useTrips.ts";

/** The cascader path of a region code of any level: [32], [32, 3201] or [32, 3201, 320115]. */
type TripFormValues = {
  leaderId?: string;
  unitId?: string;
  memberIds: string[];
  dates?: [Dayjs, Dayjs];
  destinations: string[][];
  companiesMet: { name?: string; note?: string }[];
  purpose?: string;
  summary?: string;
};

function toFormValues(trip: Trip | undefined, defaultUnitId: string | undefined): TripFormValues {
  if (!trip) return { unitId: defaultUnitId, memberIds: [], destinations: [], companiesMet: [] };
  return {
    leaderId: trip.leader.id,
    unitId: trip.unit.id,
    memberIds: trip.members.map((m) => m.id),
    dates: [dayjs(trip.startOn), dayjs(trip.endOn)],
    destinations: trip.destinations.map((d) => regionPath(d.code) ?? [d.code]),
    companiesMet: trip.companiesMet.map((c) => ({ name: c.name, note: c.note ?? undefined })),
    purpose: trip.purpose,
    summary: trip.summary ?? undefined,
  };
}

/** The dialog that records a trip or changes one (`trip` given); calls `onSaved` with the saved trip. */
export function TripFormModal({
  trip,
  onClose,
  onSaved,
}: {
  trip?: Trip;
  onClose: () => void;
  onSaved?: (trip: Trip) => void;
}) {
  const { tt, t } = useTripI18n();
  const [form] = Form.useForm<TripFormValues>();
  const options = useTripOptions();
  const save = useSaveTrip();
  const writable = new Set(options.data?.writableUnitIds ?? []);
  const units = (options.data?.units ?? []).filter((u) => writable.has(u.id) || u.id === trip?.unit.id);

  const submit = (v: TripFormValues) => {
    const [start, end] = v.dates ?? [];
    const body: TripInput = {
      leaderId: v.leaderId ?? "",
      unitId: v.unitId ?? "",
      memberIds: v.memberIds ?? [],
      startOn: start?.format("YYYY-MM-DD") ?? "",
      endOn: end?.format("YYYY-MM-DD") ?? "",
      destinationCodes: (v.destinations ?? []).map((p) => p[p.length - 1] ?? "").filter(Boolean),
      companiesMet: (v.companiesMet ?? [])
        .filter((c) => c.name?.trim())
        .map((c) => ({ name: c.name ?? "", note: c.note ?? null })),
      purpose: v.purpose ?? "",
      summary: v.summary ?? null,
    };
    save.mutate(
      { id: trip?.id, body: trip ? { ...body, version: trip.version } : body },
      {
        onSuccess: (saved) => {
          showSuccess(t("common.saved"));
          onSaved?.(saved);
          onClose();
        },
        onError: (e) => showError(e, form),
      },
    );
  };

  return (
    <FormModal<TripFormValues>
      form={form}
      width={760}
      title={trip ? tt("form.editTitle") : tt("form.newTitle")}
      saving={save.isPending}
      onClose={onClose}
      onFinish={submit}
      initialValues={toFormValues(trip, units.length === 1 ? units[0]?.id : undefined)}
      testId="trip-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="leaderId" label={tt("field.leader")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={options.isLoading}
              options={(options.data?.leaders ?? []).map((l) => ({
                value: l.id,
                label: `${l.name ?? ""}（${tt(l.role === "leader" ? "form.leaderRole.leader" : "form.leaderRole.unithead")}）`,
              }))}
              data-testid="trip-leader"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="unitId" label={tt("field.unit")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={units.map((u) => ({ value: u.id, label: u.name ?? "" }))}
              data-testid="trip-unit"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="dates"
            label={tt("field.dates")}
            rules={[
              { required: true },
              {
                validator: (_, v?: [Dayjs, Dayjs]) =>
                  v?.[1].isBefore(v[0], "day") ? Promise.reject(tt("form.endBeforeStart")) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker.RangePicker style={{ width: "100%" }} data-testid="trip-dates" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="memberIds" label={tt("field.members")}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={(options.data?.staff ?? []).map((s) => ({
                value: s.id,
                label: s.unitName ? `${s.name ?? ""}（${s.unitName}）` : (s.name ?? ""),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="destinations" label={tt("field.destinations")} rules={[{ required: true }]}>
            <Cascader<CascaderOption>
              multiple
              options={REGION_OPTIONS}
              showCheckedStrategy={Cascader.SHOW_PARENT}
              showSearch={{ matchInputWidth: false, limit: 100 }}
              placeholder={tt("form.destinationsPlaceholder")}
              data-testid="trip-destinations"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="purpose" label={tt("field.purpose")} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={1000} data-testid="trip-purpose" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="companiesMet">
        {(fields, { add, remove }) => (
          <Form.Item label={tt("field.companies")}>
            {fields.map((f) => (
              <Space key={f.key} align="start" style={{ display: "flex" }}>
                <Form.Item name={[f.name, "name"]} rules={[{ required: true, message: tt("field.companyName") }]}>
                  <Input placeholder={tt("field.companyName")} style={{ width: 260 }} maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, "note"]}>
                  <Input placeholder={tt("field.companyNote")} style={{ width: 340 }} maxLength={1000} />
                </Form.Item>
                <RemoveButton onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="trip-add-company">
              {tt("form.addCompany")}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="summary" label={tt("field.summary")}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}

/** "一把手带队外出招商 N 次": the year's trips per leader and unit. */
function CountsCard({ year }: { year: number }) {
  const { tt } = useTripI18n();
  const today = dayjs();
  const to = year === today.year() ? today.format("YYYY-MM-DD") : `${year}-12-31`;
  const counts = useTripCounts(`${year}-01-01`, to);
  const data = counts.data;
  return (
    <Card size="small" title={tt("counts.title", { year })} loading={counts.isLoading} data-testid="trip-counts">
      {data && data.total === 0 ? (
        <Typography.Text type="secondary">{tt("counts.none")}</Typography.Text>
      ) : (
        <Row gutter={[16, 12]}>
          <Col xs={24} md={6}>
            <Statistic title={tt("counts.totalTitle")} value={data?.total ?? 0} />
          </Col>
          <Col xs={24} md={9}>
            <Typography.Text strong>{tt("counts.byLeader")}</Typography.Text>
            <ul style={{ margin: "4px 0 0", paddingLeft: 18 }} data-testid="trip-counts-leaders">
              {(data?.byLeader ?? []).map((l) => (
                <li key={l.leaderId}>{tt("counts.leaderSentence", { name: l.leaderName ?? "—", n: l.count })}</li>
              ))}
            </ul>
          </Col>
          <Col xs={24} md={9}>
            <Typography.Text strong>{tt("counts.byUnit")}</Typography.Text>
            <Space wrap size={[6, 6]} style={{ marginTop: 6 }}>
              {(data?.byUnit ?? []).map((u) => (
                <Tag key={u.unitId}>
                  {u.unitName ?? "—"} {u.count}
                </Tag>
              ))}
            </Space>
          </Col>
        </Row>
      )}
    </Card>
  );
}

export function TripListPage() {
  const { tt, t } = useTripI18n();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get("year")) || dayjs().year();
  const leaderId = sp.get("leaderId") ?? undefined;
  const unitId = sp.get("unitId") ?? undefined;
  const page = Number(sp.get("page")) || 1;
  const pageSize = Number(sp.get("pageSize")) || 20;
  const list = useTripList({ year, leaderId, unitId, page, pageSize });
  const options = useTripOptions();
  const [creating, setCreating] = useState(false);
  const set = (p: Record<string, string | number | undefined>) => {
    const next = { year: String(year), leaderId, unitId, page: "1", pageSize: String(pageSize), ...p };
    setSp(
      Object.fromEntries(
        Object.entries(next).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
      ) as Record<string, string>,
      { replace: true },
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="trip-list">
      <CountsCard year={year} />
      <Card
        title={tt("list.title")}
        extra={
          <Space wrap>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && set({ year: d.year() })}
              data-testid="trip-year"
            />
            <Select
              allowClear
              placeholder={tt("list.leader")}
              style={{ width: 180 }}
              value={leaderId}
              onChange={(v?: string) => set({ leaderId: v })}
              options={(options.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.name ?? "" }))}
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={tt("list.unit")}
              style={{ width: 180 }}
              value={unitId}
              onChange={(v?: string) => set({ unitId: v })}
              options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "" }))}
            />
            {can(me.data, "lead.edit") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="trip-new">
                {tt("list.new")}
              </Button>
            )}
          </Space>
        }
      >
        <Table<TripSummary>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: tt("list.empty") }}
          scroll={{ x: 960 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => tt("list.total", { n }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: tt("field.dates"),
              width: 190,
              render: (_, r) => (
                <Link to={`/leads/trips/${r.id}`}>
                  {r.startOn === r.endOn ? r.startOn : `${r.startOn} ~ ${r.endOn}`}
                </Link>
              ),
            },
            { title: tt("field.days"), dataIndex: "days", width: 60, align: "right" },
            { title: tt("field.leader"), width: 150, render: (_, r) => r.leader.name ?? t("common.none") },
            { title: tt("field.unit"), width: 150, render: (_, r) => r.unit.name ?? t("common.none") },
            {
              title: tt("field.destinations"),
              render: (_, r) => r.destinations.map((d) => d.name).join("、"),
            },
            { title: tt("field.purpose"), dataIndex: "purpose", ellipsis: true },
            { title: tt("field.companies"), dataIndex: "companyCount", width: 90, align: "right" },
            { title: tt("field.leads"), dataIndex: "leadCount", width: 70, align: "right" },
          ]}
        />
      </Card>
      {creating && <TripFormModal onClose={() => setCreating(false)} />}
    </Space>
  );
}
