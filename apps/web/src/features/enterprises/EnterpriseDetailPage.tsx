import { DeleteOutlined, EditOutlined, StarFilled, UserAddOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ENTERPRISE_LABEL_NAMES } from "@zoneos/domain/labels";
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Result,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import type { AuditEntry, Enterprise } from "../../app/types.ts";
import { AuditDiff, actionName, type ValueNames } from "../../components/AuditDiff.tsx";
import { BackButton } from "../../components/Buttons.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDate, formatDateTime, formatDecimal } from "../../components/format.ts";
import { labelColor } from "../../components/LabelTags.tsx";
import { PageSpin } from "../../components/PageSpin.tsx";
import { EnterpriseVisits } from "../visits/EnterpriseVisits.tsx";
import { InviteModal } from "./InviteModal.tsx";
import { enterpriseKeys, useEnterprise, useEnterpriseHistory, useEnterpriseOptions } from "./useEnterprises.ts";

const CODE = /^([A-T]|\d{2,4})$/;

/**
 * "制造业 / 非金属矿物制品业 / …": the server sends the names of the path; if it sends codes,
 * the names are looked up in the industry table, loaded only then.
 */
function useIndustryText(e: Enterprise | undefined): string {
  const path = e?.industryPath ?? [];
  const needsNames = path.length > 0 && path.every((p) => CODE.test(p));
  const codes = needsNames ? path.join("/") : "";
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    if (!codes) return;
    let live = true;
    void import("@zoneos/domain/industry").then((m) => {
      if (live) setNames(codes.split("/").map((c) => `${c} ${m.industryName(c) ?? ""}`.trim()));
    });
    return () => {
      live = false;
    };
  }, [codes]);
  if (!e?.industryCode) return "—";
  if (needsNames) return names ? names.join(" / ") : path.join(" / ");
  if (path.length > 0) return `${path.join(" / ")}（${e.industryCode}）`;
  return `${e.industryCode} ${e.industryName ?? ""}`.trim();
}

function LabelsView({ e }: { e: Enterprise }) {
  const { lang, t } = useI18n();
  if (e.labelDetails.length === 0) {
    return <Typography.Text type="secondary">{t("ent.detail.noLabels")}</Typography.Text>;
  }
  return (
    <Space wrap size={[8, 8]} data-testid="enterprise-labels">
      {e.labelDetails.map((l) => {
        const key = `${l.label}-${l.awardedOn ?? ""}-${l.expiresOn ?? ""}`;
        const dates = [
          l.awardedOn ? t("ent.detail.since", { date: formatDate(l.awardedOn) }) : "",
          l.expiresOn ? t("ent.detail.until", { date: formatDate(l.expiresOn) }) : "",
        ]
          .filter(Boolean)
          .join(" ");
        const tag = (
          <Tag
            key={key}
            color={l.active ? labelColor(l.label) : undefined}
            style={l.active ? undefined : { color: "#999", background: "#f5f5f5" }}
          >
            {ENTERPRISE_LABEL_NAMES[l.label][lang]}
            {dates && <span style={{ marginLeft: 6, opacity: 0.75 }}>{dates}</span>}
          </Tag>
        );
        return l.active ? (
          tag
        ) : (
          <Tooltip key={key} title={t("ent.detail.labelInactive")}>
            {tag}
          </Tooltip>
        );
      })}
    </Space>
  );
}

function HistoryTab({ id }: { id: string }) {
  const { t } = useI18n();
  const history = useEnterpriseHistory(id, true);
  const options = useEnterpriseOptions();
  const names: ValueNames = useMemo(() => {
    const parks = new Map((options.data?.parks ?? []).map((p) => [p.id, p.name]));
    const officers = new Map((options.data?.officers ?? []).map((o) => [o.id, o.displayName]));
    return {
      parkUnitId: (v) => (typeof v === "string" ? parks.get(v) : undefined),
      officerId: (v) => (typeof v === "string" ? officers.get(v) : undefined),
    };
  }, [options.data]);
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      loading={history.isPending}
      dataSource={history.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("history.empty")} /> }}
      data-testid="enterprise-history"
      columns={[
        { title: t("history.time"), dataIndex: "at", width: 160, render: (v: string) => formatDateTime(v) },
        { title: t("history.actor"), dataIndex: "actorName", width: 120 },
        { title: t("history.action"), dataIndex: "action", width: 90, render: (a: string) => actionName(a, t) },
        {
          title: t("history.changes"),
          key: "changes",
          render: (_: unknown, r: AuditEntry) => <AuditDiff before={r.before} after={r.after} names={names} />,
        },
      ]}
    />
  );
}

function Profile({ e }: { e: Enterprise }) {
  const { t } = useI18n();
  const industry = useIndustryText(e);
  const none = "—";
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { width: 170, whiteSpace: "nowrap" } }}
        data-testid="enterprise-profile"
        items={[
          {
            key: "creditCode",
            label: t("ent.field.creditCode"),
            children: (
              <Typography.Text copyable style={{ fontFamily: "monospace" }}>
                {e.creditCode}
              </Typography.Text>
            ),
          },
          { key: "industry", label: t("ent.field.industry"), children: industry },
          { key: "region", label: t("ent.field.region"), children: e.regionName ?? e.regionCode ?? none },
          { key: "park", label: t("ent.field.park"), children: e.parkName ?? none },
          {
            key: "landMu",
            label: t("ent.field.landMu"),
            children: e.landMu ? `${formatDecimal(e.landMu)} ${t("ent.unit.mu")}` : none,
          },
          {
            key: "capital",
            label: t("ent.field.registeredCapitalWan"),
            children: e.registeredCapitalWan ? `${formatDecimal(e.registeredCapitalWan)} ${t("ent.unit.wan")}` : none,
          },
          { key: "establishedOn", label: t("ent.field.establishedOn"), children: formatDate(e.establishedOn) },
          { key: "legal", label: t("ent.field.legalRepresentative"), children: e.legalRepresentative ?? none },
          {
            key: "isKey",
            label: t("ent.field.isKey"),
            children: e.isKey ? <Tag color="gold">{t("ent.isKey.true")}</Tag> : t("common.no"),
          },
          { key: "officer", label: t("ent.field.officer"), children: e.officerName ?? none },
          { key: "address", label: t("ent.field.address"), span: 2, children: e.address ?? none },
        ]}
      />

      <div>
        <Typography.Title level={5}>{t("ent.field.labels")}</Typography.Title>
        <LabelsView e={e} />
      </div>

      <div>
        <Typography.Title level={5}>{t("ent.field.contacts")}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.contacts}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("ent.detail.noContacts")} />,
          }}
          columns={[
            {
              title: t("ent.contact.name"),
              dataIndex: "name",
              render: (v: string, c) => (
                <Space size={4}>
                  {v}
                  {c.isPrimary && <Tag color="blue">{t("ent.contact.primary")}</Tag>}
                </Space>
              ),
            },
            { title: t("ent.contact.title"), dataIndex: "title", render: (v: string | null) => v ?? none },
            { title: t("ent.contact.phone"), dataIndex: "phone", render: (v: string | null) => v ?? none },
            { title: t("ent.contact.email"), dataIndex: "email", render: (v: string | null) => v ?? none },
          ]}
        />
      </div>
    </Space>
  );
}

export function EnterpriseDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const query = useEnterprise(id);
  const [tab, setTab] = useState("profile");
  const [inviting, setInviting] = useState(false);

  const remove = useMutation({
    mutationFn: (e: Enterprise) => api.delete(`/enterprises/${e.id}`, { version: e.version }),
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(t("common.deleted"));
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      navigate("/enterprises", { replace: true });
    },
    onError: (err) => {
      showError(err);
      if (isApiError(err) && err.code === "VERSION_CONFLICT") void query.refetch();
    },
  });

  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    const notFound = isApiError(query.error) && query.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("ent.detail.notFound") : t("common.loadFailed")}
        subTitle={notFound ? undefined : isApiError(query.error) ? query.error.detail : String(query.error)}
        extra={
          me?.role !== "enterprise" && (
            <Link to="/enterprises">
              <Button type="primary">{t("nav.enterprises")}</Button>
            </Link>
          )
        }
      />
    );
  }

  const e = query.data;
  const mayEdit = e.canEdit && can(me, "enterprise.update");
  const mayDelete = e.canEdit && can(me, "enterprise.delete");

  return (
    <Card
      title={
        <Space wrap>
          {me?.role !== "enterprise" && <BackButton />}
          <span data-testid="enterprise-name">{e.name}</span>
          {e.isKey && (
            <Tag color="gold" icon={<StarFilled />}>
              {t("ent.isKey.true")}
            </Tag>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {t("ent.detail.updatedAt", { time: formatDateTime(e.updatedAt) })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {can(me, "enterprise.invite") && (
            <Button icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite-button">
              {t("invite.button")}
            </Button>
          )}
          {mayEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/enterprises/${e.id}/edit`)}>
              {t("common.edit")}
            </Button>
          )}
          {mayDelete && (
            <Popconfirm
              title={t("ent.detail.deleteConfirm", { name: e.name })}
              okButtonProps={{ danger: true, loading: remove.isPending }}
              onConfirm={() => remove.mutate(e)}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t("common.delete")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "profile", label: t("ent.detail.profile"), children: <Profile e={e} /> },
          {
            key: "history",
            label: t("ent.detail.history"),
            children: tab === "history" ? <HistoryTab id={e.id} /> : null,
          },
          ...(can(me, "visit.read")
            ? [
                {
                  key: "visits",
                  label: t("ent.detail.visits"),
                  children: tab === "visits" ? <EnterpriseVisits enterpriseId={e.id} /> : null,
                },
              ]
            : []),
        ]}
      />
      {inviting && <InviteModal enterpriseId={e.id} enterpriseName={e.name} onClose={() => setInviting(false)} />}
    </Card>
  );
}
