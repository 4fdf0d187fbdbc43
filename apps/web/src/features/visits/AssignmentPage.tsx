import { DownloadOutlined, StarFilled } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Modal, Row, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, apiUrl } from "../../app/api.ts";
import type { EnterpriseList, EnterpriseSummary } from "../../app/types.ts";
import { ImportResult, useImportUpload, XlsxUploadButton } from "../../components/ExcelImport.tsx";
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
  const { upload, uploading, result, error } = useImportUpload<AssignmentImportResult>(
    "/visits/assignments/import",
    () => {
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["assign-enterprises"] });
    },
  );
  return (
    <Card size="small" title={tv("assign.import")} style={{ marginTop: 16 }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={apiUrl("/visits/assignments/template")}>
          {tv("assign.template")}
        </Button>
        <XlsxUploadButton onFile={upload} loading={uploading} testId="assign-upload">
          {tv("assign.import")}
        </XlsxUploadButton>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && (
        <div style={{ marginTop: 12 }}>
          <ImportResult
            result={result}
            doneText={tv("assign.importDone", { changed: result.changedRows, unchanged: result.unchangedRows })}
            rejectedText={tv("assign.importRejected", { n: result.problems.length })}
            doneTestId="assign-import-done"
            problemsTestId="assign-import-problems"
          />
        </div>
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
