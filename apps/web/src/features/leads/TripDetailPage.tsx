import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, List, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDecimal } from "../../components/format.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { NotFound } from "../../components/ResultPages.tsx";
import { LeadStageTag } from "./LeadTags.tsx";
import { TripFormModal } from "./TripListPage.tsx";
import { useTripI18n } from "./tripI18n.ts";
import { type Trip, useDeleteTrip, useTrip } from "./useTrips.ts";

type TripLead = Trip["leads"][number];

export function TripDetailPage() {
  const { id } = useParams();
  const { tt, t } = useTripI18n();
  const me = useMe();
  const navigate = useNavigate();
  const trip = useTrip(id);
  const remove = useDeleteTrip();
  const [editing, setEditing] = useState(false);

  if (trip.isLoading) return <PageSpin />;
  if (trip.error && isApiError(trip.error) && trip.error.status === 404) return <NotFound />;
  const data = trip.data;
  if (!data) return <PageSpin />;
  const hidden = data.leadCount - data.leads.length;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="trip-detail">
      <Card
        title={
          <BackTitle to="/leads/trips">
            <span>
              {data.startOn === data.endOn ? data.startOn : `${data.startOn} ~ ${data.endOn}`} {data.purpose}
            </span>
          </BackTitle>
        }
        extra={
          <Space>
            {can(me.data, "lead.edit") && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/leads/new?tripId=${data.id}`)}
                data-testid="trip-new-lead"
              >
                {tt("detail.newLead")}
              </Button>
            )}
            {data.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="trip-edit">
                {t("common.edit")}
              </Button>
            )}
            {data.canEdit && data.leadCount === 0 && (
              <Popconfirm
                title={tt("detail.deleteConfirm")}
                onConfirm={() =>
                  remove.mutate(data.id, {
                    onSuccess: () => {
                      showSuccess(t("common.deleted"));
                      navigate("/leads/trips");
                    },
                    onError: (e) => showError(e),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {tt("detail.delete")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" title={tt("detail.facts")}>
          <Descriptions.Item label={tt("field.leader")}>{data.leader.name ?? t("common.none")}</Descriptions.Item>
          <Descriptions.Item label={tt("field.unit")}>{data.unit.name ?? t("common.none")}</Descriptions.Item>
          <Descriptions.Item label={tt("field.dates")}>
            {data.startOn} ~ {data.endOn}（{data.days} {tt("field.days")}）
          </Descriptions.Item>
          <Descriptions.Item label={tt("field.members")}>
            {data.members.length ? data.members.map((m) => m.name ?? "—").join("、") : t("common.none")}
          </Descriptions.Item>
          <Descriptions.Item label={tt("field.destinations")} span={2}>
            <Space wrap size={[4, 4]}>
              {data.destinations.map((d) => (
                <Tag key={d.code}>{d.name}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={tt("field.purpose")} span={2}>
            {data.purpose}
          </Descriptions.Item>
          <Descriptions.Item label={tt("field.summary")} span={2}>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
              {data.summary ?? t("common.none")}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={tt("detail.companies", { n: data.companiesMet.length })}>
        <List
          size="small"
          dataSource={data.companiesMet}
          locale={{ emptyText: tt("detail.noCompanies") }}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta title={c.name} description={c.note ?? undefined} />
            </List.Item>
          )}
          data-testid="trip-companies"
        />
      </Card>
      <Card size="small" title={tt("detail.leads", { n: data.leadCount })}>
        {hidden > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={tt("detail.leadsHidden", { n: hidden })} />
        )}
        <Table<TripLead>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.leads}
          locale={{ emptyText: tt("detail.noLeads") }}
          data-testid="trip-leads"
          columns={[
            { title: tt("lead.code"), dataIndex: "code", width: 120 },
            {
              title: tt("lead.name"),
              render: (_, l) => <Link to={`/leads/${l.id}`}>{l.name}</Link>,
            },
            { title: tt("lead.investor"), dataIndex: "investorName" },
            { title: tt("lead.stage"), width: 90, render: (_, l) => <LeadStageTag stage={l.stage} /> },
            {
              title: tt("lead.investment"),
              dataIndex: "investmentWan",
              align: "right",
              width: 150,
              render: (v: string) => formatDecimal(v),
            },
          ]}
        />
      </Card>
      {editing && <TripFormModal trip={data} onClose={() => setEditing(false)} />}
    </Space>
  );
}
