import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { industryPath } from "@zoneos/domain/industry";
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
} from "antd";
import { useState } from "react";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showSuccess } from "../../components/feedback.ts";
import { IndustryCascader } from "../../components/IndustryCascader.tsx";
import { useChainI18n } from "./chainI18n.ts";
import {
  type ChainGaps,
  type ChainSegment,
  COVERAGE_TAG,
  chainApi,
  type GapLink,
  SEGMENTS,
  useChainLink,
  useChainMutation,
  usePlacementSuggestions,
} from "./useChains.ts";

type TreeItem = { key: string; title: React.ReactNode; children?: TreeItem[] };

/** A link and every link below it. */
function subtreeOf(links: readonly GapLink[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const l of links) if (l.parentId === out[i]) out.push(l.id);
  return out;
}

/** 环节维护: the links per segment as trees (add, rename, move, delete) and the enterprises placed on the chosen one. */
export function LinksTab({ data }: { data: ChainGaps }) {
  const { tc, t } = useChainI18n();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{
    link: GapLink | null;
    segment: ChainSegment;
    parentId: string | null;
  } | null>(null);
  const [modal, modalHolder] = Modal.useModal();
  const chainId = data.chain.id;
  const link = data.links.find((l) => l.id === selected) ?? null;
  const remove = useChainMutation(
    (l: GapLink) => chainApi.removeLink(chainId, l.id),
    () => {
      setSelected(null);
      showSuccess(t("common.deleted"));
    },
  );

  const byParent = new Map<string | null, GapLink[]>();
  for (const l of data.links) byParent.set(l.parentId, [...(byParent.get(l.parentId) ?? []), l]);
  const itemOf = (l: GapLink): TreeItem => ({
    key: l.id,
    title: (
      <Space size={4}>
        <span>{l.name}</span>
        <Tag color={COVERAGE_TAG[l.coverage]} style={{ marginInlineEnd: 0 }}>
          {l.localEnterprises}
        </Tag>
      </Space>
    ),
    children: (byParent.get(l.id) ?? []).map(itemOf),
  });

  const confirmDelete = (l: GapLink) => {
    const ids = subtreeOf(data.links, l.id);
    const inside = data.links.filter((x) => ids.includes(x.id));
    const placements = inside.reduce((s, x) => s + x.placedCount, 0);
    const targets = inside.reduce((s, x) => s + x.targets.length, 0);
    const children = ids.length - 1;
    void modal.confirm({
      title: tc("link.deleteConfirm", { name: l.name }),
      content:
        children || placements || targets ? tc("link.deleteCascade", { children, placements, targets }) : undefined,
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(l),
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        {SEGMENTS.map((s) => {
          const roots = (byParent.get(null) ?? []).filter((l) => l.segment === s);
          return (
            <Card
              key={s}
              size="small"
              title={tc(`segment.${s}`)}
              style={{ marginBottom: 12 }}
              extra={
                data.canEdit && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ link: null, segment: s, parentId: null })}
                    data-testid={`link-add-${s}`}
                  >
                    {tc("link.add")}
                  </Button>
                )
              }
            >
              {roots.length ? (
                <Tree<TreeItem>
                  // A new link remounts the tree so that it shows expanded too.
                  key={data.links.length}
                  blockNode
                  defaultExpandAll
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
                  treeData={roots.map(itemOf)}
                />
              ) : (
                <Typography.Text type="secondary">{tc("link.empty")}</Typography.Text>
              )}
            </Card>
          );
        })}
      </Col>
      <Col xs={24} lg={12}>
        {link ? (
          <Card
            size="small"
            title={
              <Space>
                {link.name}
                <Tag color={COVERAGE_TAG[link.coverage]}>{tc(`coverage.${link.coverage}`)}</Tag>
              </Space>
            }
            extra={
              data.canEdit && (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ link: null, segment: link.segment, parentId: link.id })}
                    data-testid="link-add-sub"
                  >
                    {tc("link.addSub")}
                  </Button>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing({ link, segment: link.segment, parentId: link.parentId })}
                    aria-label={tc("link.edit")}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => confirmDelete(link)}
                    aria-label={t("common.delete")}
                    data-testid="link-delete"
                  />
                </Space>
              )
            }
            data-testid="link-panel"
          >
            {link.industryCode && (
              <Typography.Paragraph type="secondary">
                {tc("link.industry")}：{link.industryCode} {link.industryName}
              </Typography.Paragraph>
            )}
            <Placements chainId={chainId} link={link} canEdit={data.canEdit} />
          </Card>
        ) : (
          <Empty description={tc("link.select")} />
        )}
      </Col>
      {editing && (
        <LinkModal
          data={data}
          link={editing.link}
          segment={editing.segment}
          parentId={editing.parentId}
          onClose={() => setEditing(null)}
          onSaved={(id) => setSelected(id)}
        />
      )}
      {modalHolder}
    </Row>
  );
}

/** The local enterprises on a link: place one from the registry (or from the industry's suggestions), take one off. */
function Placements({ chainId, link, canEdit }: { chainId: string; link: GapLink; canEdit: boolean }) {
  const { tc } = useChainI18n();
  const [suggest, setSuggest] = useState(false);
  const place = useChainMutation((body: { add?: string[]; remove?: string[] }) =>
    chainApi.place(chainId, link.id, body),
  );
  const suggestions = usePlacementSuggestions(chainId, link.id, suggest && canEdit && !!link.industryCode);
  const full = useChainLink(chainId, link.id);
  const enterprises = full.data?.enterprises ?? [];
  return (
    <>
      {canEdit && (
        <Space orientation="vertical" style={{ width: "100%", marginBottom: 12 }}>
          <Typography.Text type="secondary">{tc("link.placeHint")}</Typography.Text>
          <Space.Compact style={{ width: "100%" }}>
            <EnterprisePicker
              key={link.placedCount}
              placeholder={tc("link.place")}
              onChange={(id) => id && place.mutate({ add: [id] })}
            />
            {link.industryCode && (
              <Button onClick={() => setSuggest(true)} data-testid="link-suggest">
                {tc("link.suggest")}
              </Button>
            )}
          </Space.Compact>
          {suggest && suggestions.data && (
            <Space wrap size={4}>
              {suggestions.data.items.length === 0 && (
                <Typography.Text type="secondary">{tc("link.suggestNone")}</Typography.Text>
              )}
              {suggestions.data.items.slice(0, 30).map((e) => (
                <Tag.CheckableTag key={e.id} checked={false} onChange={() => place.mutate({ add: [e.id] })}>
                  + {e.name}
                </Tag.CheckableTag>
              ))}
            </Space>
          )}
        </Space>
      )}
      <Table<{ id: string; name: string }>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={enterprises}
        loading={full.isPending}
        data-testid="link-enterprises"
        columns={[
          { title: `${tc("link.enterprises")}（${link.placedCount}）`, dataIndex: "name" },
          ...(canEdit
            ? [
                {
                  key: "rm",
                  width: 80,
                  render: (_: unknown, e: { id: string }) => (
                    <Button type="link" size="small" danger onClick={() => place.mutate({ remove: [e.id] })}>
                      {tc("link.unplace")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

type LinkForm = {
  name: string;
  segment: ChainSegment;
  parentId: string | null;
  industry?: string[];
  sortOrder: number;
};

/** Add or edit a link: name, segment (a sub-link's follows its parent), parent, industry, order. */
function LinkModal({
  data,
  link,
  segment,
  parentId,
  onClose,
  onSaved,
}: {
  data: ChainGaps;
  link: GapLink | null;
  segment: ChainSegment;
  parentId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { tc, t } = useChainI18n();
  const [form] = Form.useForm<LinkForm>();
  const chosenParent = Form.useWatch("parentId", form);
  const excluded = new Set(link ? subtreeOf(data.links, link.id) : []);
  const save = useChainMutation(
    (v: LinkForm) => {
      const body = {
        name: v.name,
        segment: v.parentId ? null : v.segment,
        parentId: v.parentId ?? null,
        industryCode: v.industry?.at(-1) ?? null,
        sortOrder: v.sortOrder ?? 0,
      };
      return link ? chainApi.updateLink(data.chain.id, link.id, body) : chainApi.addLink(data.chain.id, body);
    },
    (r) => {
      showSuccess(t("common.saved"));
      onSaved(r.id);
      onClose();
    },
  );
  return (
    <FormModal<LinkForm>
      form={form}
      title={link ? tc("link.edit") : parentId ? tc("link.addSub") : tc("link.add")}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{
        name: link?.name,
        segment,
        parentId,
        industry: link?.industryCode ? industryPath(link.industryCode) : undefined,
        sortOrder: link?.sortOrder ?? 0,
      }}
      testId="link-form"
    >
      <Form.Item name="name" label={tc("link.name")} rules={[{ required: true, max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentId" label={tc("link.parent")}>
        <Select
          allowClear
          placeholder={tc("link.parentNone")}
          options={data.links
            .filter((l) => !excluded.has(l.id))
            .map((l) => ({ value: l.id, label: `${tc(`segment.${l.segment}`)} · ${l.name}` }))}
        />
      </Form.Item>
      <Form.Item name="segment" label={tc("link.segment")} rules={[{ required: !chosenParent }]}>
        <Select disabled={!!chosenParent} options={SEGMENTS.map((s) => ({ value: s, label: tc(`segment.${s}`) }))} />
      </Form.Item>
      <Form.Item name="industry" label={tc("link.industry")}>
        <IndustryCascader />
      </Form.Item>
      <Form.Item name="sortOrder" label={tc("link.sortOrder")}>
        <InputNumber min={0} max={100000} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
