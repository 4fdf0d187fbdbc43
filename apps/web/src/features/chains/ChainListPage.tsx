import { PlusOutlined } from "@ant-design/icons";
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
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { FormModal } from "../../components/FormModal.tsx";
import { showSuccess } from "../../components/feedback.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { type Tc, useChainI18n } from "./chainI18n.ts";
import {
  type ChainInput,
  type ChainSummary,
  COVERAGE_TAG,
  chainApi,
  type LinkCoverage,
  useChainList,
  useChainMutation,
} from "./useChains.ts";

/** 产业链图谱: the zone's chains as cards with their links by coverage; unit heads and the administrator add and edit. */
export function ChainListPage() {
  const { tc } = useChainI18n();
  const navigate = useNavigate();
  const list = useChainList();
  const [editing, setEditing] = useState<ChainSummary | "new" | null>(null);

  if (!list.data) return <PageSpin />;
  const { items, canEdit } = list.data;
  return (
    <Card
      title={tc("list.title")}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="chain-new">
            {tc("list.new")}
          </Button>
        )
      }
      data-testid="chain-list"
    >
      {items.length === 0 ? (
        <Empty description={tc("list.empty")}>
          <Typography.Text type="secondary">{tc("list.emptyHint")}</Typography.Text>
        </Empty>
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                hoverable
                title={<Link to={`/chains/${c.id}`}>{c.name}</Link>}
                extra={
                  canEdit && (
                    <Button
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        setEditing(c);
                      }}
                    >
                      {tc("chain.edit")}
                    </Button>
                  )
                }
                onClick={() => navigate(`/chains/${c.id}`)}
                data-testid="chain-card"
              >
                {c.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
                    {c.description}
                  </Typography.Paragraph>
                )}
                <Row gutter={8}>
                  <Col span={8}>
                    <Statistic title={tc("list.links")} value={c.links} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={tc("list.localEnterprises")} value={c.localEnterprises} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={tc("list.targets")} value={c.targets} />
                  </Col>
                </Row>
                <CoverageTags counts={c.coverage} tc={tc} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {editing && <ChainModal chain={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** Links by coverage as three coloured tags (缺失 / 薄弱 / 较强). */
export function CoverageTags({ counts, tc }: { counts: Record<LinkCoverage, number>; tc: Tc }) {
  return (
    <Space size={4} style={{ marginTop: 12 }} wrap>
      {(["none", "weak", "strong"] as const).map((k) => (
        <Tag key={k} color={COVERAGE_TAG[k]}>
          {tc(`coverage.${k}`)} {counts[k]}
        </Tag>
      ))}
    </Space>
  );
}

type ChainForm = { name: string; description?: string | null; weakMin: number; strongMin: number; sortOrder: number };

/** Create or edit a chain: name, description, the coverage thresholds. */
export function ChainModal({
  chain,
  onClose,
  onDeleted,
}: {
  chain: ChainSummary | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { tc, t } = useChainI18n();
  const [form] = Form.useForm<ChainForm>();
  const [modal, modalHolder] = Modal.useModal();
  const navigate = useNavigate();
  const save = useChainMutation(
    (v: ChainForm) => {
      const body: ChainInput = { ...v, description: v.description ?? null };
      return chain ? chainApi.update(chain.id, { ...body, version: chain.version }) : chainApi.create(body);
    },
    (r) => {
      showSuccess(chain ? t("common.saved") : tc("chain.created"));
      onClose();
      if (!chain) navigate(`/chains/${r.id}`);
    },
  );
  const remove = useChainMutation(
    () => chainApi.remove((chain as ChainSummary).id),
    () => {
      showSuccess(t("common.deleted"));
      onClose();
      onDeleted?.();
    },
  );
  return (
    <FormModal<ChainForm>
      form={form}
      title={chain ? tc("chain.edit") : tc("list.new")}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={
        chain
          ? {
              name: chain.name,
              description: chain.description,
              weakMin: chain.weakMin,
              strongMin: chain.strongMin,
              sortOrder: chain.sortOrder,
            }
          : { weakMin: 1, strongMin: 3, sortOrder: 0 }
      }
      testId="chain-form"
    >
      <Form.Item name="name" label={tc("chain.name")} rules={[{ required: true, min: 2, max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={tc("chain.description")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space align="start" wrap>
        <Form.Item name="weakMin" label={tc("chain.weakMin")} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} precision={0} />
        </Form.Item>
        <Form.Item
          name="strongMin"
          label={tc("chain.strongMin")}
          dependencies={["weakMin"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: number) =>
                v > (getFieldValue("weakMin") as number)
                  ? Promise.resolve()
                  : Promise.reject(new Error(tc("chain.strongAboveWeak"))),
            }),
          ]}
        >
          <InputNumber min={2} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="sortOrder" label={tc("chain.sortOrder")}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{tc("chain.thresholdsHint")}</Typography.Paragraph>
      {chain && (
        <Button
          danger
          loading={remove.isPending}
          onClick={() => {
            void modal.confirm({
              title: tc("chain.deleteConfirm", { name: chain.name }),
              content:
                chain.links > 0 ? tc("chain.deleteCascade", { links: chain.links, targets: chain.targets }) : undefined,
              okButtonProps: { danger: true },
              onOk: () => remove.mutateAsync(undefined),
            });
          }}
          data-testid="chain-delete"
        >
          {tc("chain.delete")}
        </Button>
      )}
      {modalHolder}
    </FormModal>
  );
}
