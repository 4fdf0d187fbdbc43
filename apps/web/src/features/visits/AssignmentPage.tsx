import { DownloadOutlined, StarFilled, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Modal, Row, Select, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, apiUrl, isApiError } from "../../app/api.ts";
import type { EnterpriseList, EnterpriseSummary } from "../../app/types.ts";
import { showError, showSuccess } from "../../components/feedback.ts";
import {
  type AssignmentImportResult,
  type AssignmentOverview,
  useVisitI18n,
  useVisitOptions,
  visitKeys,
} from "./useVisits.ts";

type Officer = AssignmentOverview["officers"][number];

function ChangeOfficer({ e, onClose }: { e: EnterpriseSummary; onClose: () => void }) {
  const { t, tv } = useVisitI18n();
  const queryClient = useQueryClient();
  const options = useVisitOptions();
  const [officerId, setOfficerId] = useState<string | null>(e.officerId);
  const save = useMutation({
    mutationFn: (id: string | null) => api.put(`/enterprises/${e.id}/officer`, { officerId: id }),
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(tv("assign.saved"));
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["assign-enterprises"] });
      void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
      onClose();
    },
    onError: (err) => showError(err),
  });
  return (
    <Modal
      open
      title={`${tv("assign.change")} · ${e.name}`}
      onCancel={onClose}
      onOk={() => save.mutate(officerId)}
      okText={t("common.save")}
      confirmLoading={save.isPending}
    >
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        value={officerId ?? undefined}
        onChange={(v?: string) => setOfficerId(v ?? null)}
        options={(options.data?.officers ?? []).map((o) => ({
          value: o.id,
          label: o.unitName ? `${o.displayName}（${o.unitName}）` : o.displayName,
        }))}
        style={{ width: "100%" }}
        data-testid="assign-officer-select"
      />
    </Modal>
  );
}

function ImportCard() {
  const { tv } = useVisitI18n();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<AssignmentImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append("file", file);
      return api.post<AssignmentImportResult>("/visits/assignments/import", fd);
    },
    meta: { quiet: true },
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (r) => {
      setResult(r);
      if (r.status === "done") {
        void queryClient.invalidateQueries({ queryKey: visitKeys.all });
        void queryClient.invalidateQueries({ queryKey: ["assign-enterprises"] });
      }
    },
    onError: (err) => setError(isApiError(err) ? err.detail : String(err)),
  });
  return (
    <Card size="small" title={tv("assign.import")} style={{ marginTop: 16 }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={apiUrl("/visits/assignments/template")}>
          {tv("assign.template")}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="assign-upload">
            {tv("assign.import")}
          </Button>
        </Upload>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result?.status === "done" && (
        <Alert
          type="success"
          showIcon
          title={tv("assign.importDone", { changed: result.changedRows, unchanged: result.unchangedRows })}
          style={{ marginTop: 12 }}
          data-testid="assign-import-done"
        />
      )}
      {result?.status === "rejected" && (
        <>
          <Alert
            type="error"
            showIcon
            title={tv("assign.importRejected", { n: result.problems.length })}
            style={{ marginTop: 12 }}
          />
          <Table
            rowKey={(p) => `${p.row}-${p.column}`}
            size="small"
            dataSource={result.problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="assign-import-problems"
            columns={[
              { title: tv("assign.sheet"), dataIndex: "sheet", width: 100 },
              { title: tv("assign.row"), dataIndex: "row", width: 60 },
              { title: tv("assign.column"), dataIndex: "column", width: 160 },
              { title: tv("assign.value"), dataIndex: "value", width: 180, ellipsis: true },
              { title: tv("assign.reason"), dataIndex: "reason" },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 挂点管理: officers of the user's scope with their enterprises; change one, or many from Excel. */
export function AssignmentPage() {
  const { tv } = useVisitI18n();
  const [selected, setSelected] = useState<Officer | null>(null);
  const [changing, setChanging] = useState<EnterpriseSummary | null>(null);
  const overview = useQuery({
    queryKey: visitKeys.assignments,
    queryFn: ({ signal }) => api.get<AssignmentOverview>("/visits/assignments", undefined, signal),
  });
  const enterprises = useQuery({
    queryKey: ["assign-enterprises", selected?.officerId],
    queryFn: ({ signal }) =>
      api.get<EnterpriseList>("/enterprises", { officerId: selected?.officerId, pageSize: 200, sort: "name" }, signal),
    enabled: !!selected,
  });
  return (
    <Card title={tv("assign.title")}>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Typography.Text type="secondary">
            {tv("assign.unassigned", { n: overview.data?.unassignedCount ?? 0 })}
          </Typography.Text>
          <Table<Officer>
            rowKey="officerId"
            size="small"
            loading={overview.isFetching}
            dataSource={overview.data?.officers ?? []}
            pagination={{ pageSize: 15, hideOnSinglePage: true }}
            onRow={(o) => ({
              onClick: () => setSelected(o),
              style: { cursor: "pointer", background: o.officerId === selected?.officerId ? "#e6f4ff" : undefined },
            })}
            data-testid="assign-officers"
            columns={[
              { title: tv("assign.officer"), dataIndex: "displayName" },
              { title: tv("assign.unit"), dataIndex: "unitName", render: (v: string | null) => v ?? "—" },
              { title: tv("assign.count"), dataIndex: "enterpriseCount", width: 90, align: "right" },
              { title: tv("assign.keyCount"), dataIndex: "keyCount", width: 100, align: "right" },
            ]}
          />
          <ImportCard />
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={selected ? tv("assign.enterprisesOf", { name: selected.displayName }) : tv("assign.pickOfficer")}
          >
            {selected && (
              <Table<EnterpriseSummary>
                rowKey="id"
                size="small"
                loading={enterprises.isFetching}
                dataSource={enterprises.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="assign-enterprises"
                columns={[
                  {
                    title: tv("visits.field.enterprise"),
                    key: "name",
                    render: (_: unknown, e: EnterpriseSummary) => (
                      <Space>
                        <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                        {e.isKey && <StarFilled style={{ color: "#faad14" }} />}
                      </Space>
                    ),
                  },
                  {
                    title: "",
                    key: "change",
                    width: 100,
                    render: (_: unknown, e: EnterpriseSummary) => (
                      <Button type="link" size="small" onClick={() => setChanging(e)}>
                        {tv("assign.change")}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      {changing && <ChangeOfficer e={changing} onClose={() => setChanging(null)} />}
    </Card>
  );
}
