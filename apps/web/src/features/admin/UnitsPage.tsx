import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UNIT_KIND_NAMES, UNIT_KINDS } from "@zoneos/domain/roles";
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from "antd";
import { type Key, useMemo, useState } from "react";
import { api } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import type { Unit, UnitInput, UnitKind } from "../../app/types.ts";
import { showError, showSuccess } from "../../components/feedback.ts";
import { buildUnitTree, orgKeys, type UnitNode, unitTreeOptions, useUnits } from "./useOrg.ts";

export const KIND_COLORS: Record<UnitKind, string> = { department: "blue", park: "green", company: "purple" };

type Editing = { mode: "create"; parentId: string | null } | { mode: "edit"; unit: Unit };
type Values = { name: string; kind: UnitKind; parentId?: string | null; sortOrder?: number | null };

function collectKeys(nodes: readonly UnitNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children?.length) {
      out.push(n.id);
      collectKeys(n.children, out);
    }
  }
  return out;
}

function UnitModal({ editing, tree, onClose }: { editing: Editing; tree: UnitNode[]; onClose: () => void }) {
  const { lang, t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const initial: Values =
    editing.mode === "edit"
      ? {
          name: editing.unit.name,
          kind: editing.unit.kind,
          parentId: editing.unit.parentId,
          sortOrder: editing.unit.sortOrder,
        }
      : { name: "", kind: "department", parentId: editing.parentId, sortOrder: 0 };

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: UnitInput = { name: v.name, kind: v.kind, parentId: v.parentId ?? null, sortOrder: v.sortOrder ?? 0 };
      return editing.mode === "edit"
        ? api.put<Unit>(`/units/${editing.unit.id}`, body)
        : api.post<Unit>("/units", body);
    },
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(t("common.saved"));
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  return (
    <Modal
      open
      title={editing.mode === "edit" ? t("units.edit") : t("units.new")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t("units.name")}
          rules={[{ required: true, whitespace: true, message: t("common.required", { field: t("units.name") }) }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label={t("units.kind")} rules={[{ required: true }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_NAMES[k][lang] }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t("units.parent")}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            placeholder={t("units.parentNone")}
            treeData={unitTreeOptions(tree, editing.mode === "edit" ? editing.unit.id : undefined)}
          />
        </Form.Item>
        <Form.Item name="sortOrder" label={t("units.sortOrder")}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const { lang, t } = useI18n();
  const queryClient = useQueryClient();
  const units = useUnits();
  const tree = useMemo(() => buildUnitTree(units.data?.items ?? []), [units.data]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const remove = useMutation({
    mutationFn: (u: Unit) => api.delete(`/units/${u.id}`),
    onSuccess: () => {
      showSuccess(t("common.deleted"));
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
    },
  });

  return (
    <Card
      title={t("units.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create", parentId: null })}>
          {t("units.new")}
        </Button>
      }
    >
      <Table<UnitNode>
        rowKey="id"
        loading={units.isPending}
        dataSource={tree}
        pagination={false}
        data-testid="units-table"
        expandable={{
          expandedRowKeys: expanded ?? collectKeys(tree),
          onExpandedRowsChange: (keys) => setExpanded(keys),
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.empty")} /> }}
        columns={[
          { title: t("units.name"), dataIndex: "name" },
          {
            title: t("units.kind"),
            dataIndex: "kind",
            width: 120,
            render: (k: UnitKind) => <Tag color={KIND_COLORS[k]}>{UNIT_KIND_NAMES[k][lang]}</Tag>,
          },
          { title: t("units.userCount"), dataIndex: "userCount", width: 90, align: "right" },
          { title: t("units.sortOrder"), dataIndex: "sortOrder", width: 90, align: "right" },
          {
            title: t("common.actions"),
            key: "actions",
            width: 260,
            render: (_: unknown, u: UnitNode) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ mode: "create", parentId: u.id })}
                >
                  {t("units.newChild")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ mode: "edit", unit: u })}
                >
                  {t("common.edit")}
                </Button>
                <Popconfirm
                  title={t("common.deleteConfirm", { name: u.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutate(u)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UnitModal editing={editing} tree={tree} onClose={() => setEditing(null)} />}
    </Card>
  );
}
