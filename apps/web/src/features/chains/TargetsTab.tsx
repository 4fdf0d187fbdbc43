import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { regionPath } from "@zoneos/domain/regions";
import { Button, Cascader, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { ImportResult, TemplateLink, useImportUpload, XlsxDropzone } from "../../components/ExcelImport.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showSuccess } from "../../components/feedback.ts";
import { REGION_OPTIONS } from "../../components/regionOptions.ts";
import { useChainI18n } from "./chainI18n.ts";
import {
  type ChainGaps,
  type ChainTarget,
  type ChainTargetImportResult,
  COMPANY_SIZES,
  type CompanySize,
  chainApi,
  chainKeys,
  leadPathOf,
  useChainMutation,
  useChainTargets,
} from "./useChains.ts";

/** 招商目标: the chain's target companies; add, edit, delete, import from Excel, export. */
export function TargetsTab({ data }: { data: ChainGaps }) {
  const { tc, t } = useChainI18n();
  const me = useMe();
  const chainId = data.chain.id;
  const targets = useChainTargets(chainId);
  const [editing, setEditing] = useState<ChainTarget | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [modal, modalHolder] = Modal.useModal();
  const remove = useChainMutation(
    (id: string) => chainApi.removeTarget(chainId, id),
    () => showSuccess(t("common.deleted")),
  );
  const mayLead = can(me.data, "lead.edit");

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {data.canEdit && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!data.links.length}
              onClick={() => setEditing("new")}
              data-testid="target-add"
            >
              {tc("target.add")}
            </Button>
            <Button
              icon={<UploadOutlined />}
              disabled={!data.links.length}
              onClick={() => setImporting(true)}
              data-testid="target-import"
            >
              {tc("target.import")}
            </Button>
          </>
        )}
        <Button icon={<DownloadOutlined />} href={apiUrl(`/chains/${chainId}/targets/export`)}>
          {tc("target.export")}
        </Button>
        {data.canEdit && !data.links.length && (
          <Typography.Text type="secondary">{tc("target.noLinks")}</Typography.Text>
        )}
      </Space>
      <Table<ChainTarget>
        rowKey="id"
        size="small"
        loading={targets.isLoading}
        dataSource={targets.data?.items ?? []}
        locale={{ emptyText: tc("target.empty") }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        data-testid="target-table"
        columns={[
          { title: tc("target.link"), dataIndex: "linkName", width: 120 },
          { title: tc("target.name"), dataIndex: "name", width: 200 },
          { title: tc("target.region"), dataIndex: "regionName", width: 140, render: (v: string | null) => v ?? "—" },
          {
            title: tc("target.size"),
            dataIndex: "size",
            width: 70,
            render: (v: CompanySize | null) => (v ? tc(`size.${v}`) : "—"),
          },
          {
            title: tc("target.listed"),
            dataIndex: "listed",
            width: 70,
            render: (v: boolean) => (v ? t("common.yes") : t("common.no")),
          },
          { title: tc("target.reason"), dataIndex: "reason", ellipsis: true, render: (v: string | null) => v ?? "—" },
          {
            title: t("common.actions"),
            key: "actions",
            width: 230,
            render: (_, r) => (
              <Space size={0} wrap>
                {r.leadId ? (
                  <Link to={leadPathOf(r)}>
                    <Tag color="blue">{tc("target.hasLead")}</Tag>
                  </Link>
                ) : (
                  mayLead && (
                    <Link to={leadPathOf(r)}>
                      <Button type="link" size="small">
                        {tc("gaps.toLead")}
                      </Button>
                    </Link>
                  )
                )}
                {data.canEdit && (
                  <>
                    <Button type="link" size="small" onClick={() => setEditing(r)}>
                      {t("common.edit")}
                    </Button>
                    {!r.leadId && (
                      <Button
                        type="link"
                        size="small"
                        danger
                        onClick={() =>
                          void modal.confirm({
                            title: t("common.deleteConfirm", { name: r.name }),
                            okButtonProps: { danger: true },
                            onOk: () => remove.mutateAsync(r.id),
                          })
                        }
                      >
                        {t("common.delete")}
                      </Button>
                    )}
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <TargetModal data={data} target={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      {importing && <ImportModal chainId={chainId} onClose={() => setImporting(false)} />}
      {modalHolder}
    </>
  );
}

type TargetForm = {
  linkId: string;
  name: string;
  creditCode?: string | null;
  region?: string[];
  size?: CompanySize | null;
  listed: boolean;
  reason?: string | null;
};

function TargetModal({ data, target, onClose }: { data: ChainGaps; target: ChainTarget | null; onClose: () => void }) {
  const { tc, t } = useChainI18n();
  const [form] = Form.useForm<TargetForm>();
  const chainId = data.chain.id;
  const save = useChainMutation(
    (v: TargetForm) => {
      const body = {
        name: v.name,
        creditCode: v.creditCode || null,
        regionCode: v.region?.at(-1) ?? null,
        size: v.size ?? null,
        listed: v.listed ?? false,
        reason: v.reason || null,
      };
      return target
        ? chainApi.updateTarget(chainId, target.id, { ...body, linkId: v.linkId })
        : chainApi.addTarget(chainId, v.linkId, body);
    },
    () => {
      showSuccess(t("common.saved"));
      onClose();
    },
  );
  return (
    <FormModal<TargetForm>
      form={form}
      title={target ? tc("target.edit") : tc("target.add")}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={
        target
          ? {
              linkId: target.linkId,
              name: target.name,
              creditCode: target.creditCode,
              region: target.regionCode ? regionPath(target.regionCode) : undefined,
              size: target.size,
              listed: target.listed,
              reason: target.reason,
            }
          : { listed: false }
      }
      testId="target-form"
    >
      <Form.Item name="linkId" label={tc("target.link")} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={data.links.map((l) => ({ value: l.id, label: `${tc(`segment.${l.segment}`)} · ${l.name}` }))}
        />
      </Form.Item>
      <Form.Item name="name" label={tc("target.name")} rules={[{ required: true, min: 2, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="creditCode" label={tc("target.creditCode")}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="region" label={tc("target.region")}>
        <Cascader options={REGION_OPTIONS} changeOnSelect showSearch allowClear />
      </Form.Item>
      <Space size="large">
        <Form.Item name="size" label={tc("target.size")}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={COMPANY_SIZES.map((s) => ({ value: s, label: tc(`size.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="listed" label={tc("target.listed")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={tc("target.reason")}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function ImportModal({ chainId, onClose }: { chainId: string; onClose: () => void }) {
  const { tc, t } = useChainI18n();
  const queryClient = useQueryClient();
  const { upload, uploading, result, error, setError } = useImportUpload<ChainTargetImportResult>(
    `/chains/${chainId}/targets/import`,
    () => void queryClient.invalidateQueries({ queryKey: chainKeys.all }),
  );
  return (
    <Modal
      open
      width={820}
      title={tc("target.import")}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t("common.ok")}</Button>}
    >
      <TemplateLink href={apiUrl(`/chains/${chainId}/targets/template`)} testId="target-template">
        {tc("target.template")}
      </TemplateLink>
      <XlsxDropzone
        text={tc("target.drag")}
        hint={tc("target.dragHint")}
        uploading={uploading}
        percent={99}
        error={error}
        onFile={upload}
        onError={setError}
        testId="target-import-upload"
      />
      {result && (
        <div style={{ marginTop: 12 }}>
          <ImportResult
            result={result}
            testId="target-import-result"
            problemsTestId="target-import-problems"
            doneText={tc("target.imported", {
              total: result.totalRows,
              created: result.createdRows,
              updated: result.updatedRows,
            })}
            rejectedText={tc("target.rejected", { n: result.problems.length })}
          />
        </div>
      )}
    </Modal>
  );
}
