import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { Alert, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { z } from "zod";
import { api } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";

type Invite = C.Invite;
type InviteCreate = C.InviteCreate;
type InviteCreated = C.InviteCreated;
type InviteList = z.infer<typeof C.InviteList>;

export const inviteKeys = {
  list: (enterpriseId: string) => ["enterprises", "invites", enterpriseId] as const,
};

const STATE_COLORS: Record<Invite["state"], string> = { pending: "blue", used: "green", expired: "default" };

type Values = { displayName: string; phone?: string };

/** 邀请企业用户: creates an invitation link (shown once, with a copy button) and lists the enterprise's invitations. */
export function InviteModal({
  enterpriseId,
  enterpriseName,
  onClose,
}: {
  enterpriseId: string;
  enterpriseName: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<InviteCreated | null>(null);

  const list = useQuery({
    queryKey: inviteKeys.list(enterpriseId),
    queryFn: ({ signal }) => api.get<InviteList>(`/enterprises/${enterpriseId}/invites`, undefined, signal),
    staleTime: 0,
  });

  const create = useMutation({
    mutationFn: (v: Values) => {
      const body: InviteCreate = { displayName: v.displayName, phone: v.phone?.trim() || undefined };
      return api.post<InviteCreated>(`/enterprises/${enterpriseId}/invites`, body);
    },
    meta: { quiet: true },
    onSuccess: (r) => {
      setCreated(r);
      form.resetFields();
      showSuccess(t("invite.created"));
      void queryClient.invalidateQueries({ queryKey: inviteKeys.list(enterpriseId) });
    },
    onError: (err) => showError(err, form),
  });

  const link = created ? new URL(created.link, window.location.origin).toString() : "";

  return (
    <Modal
      open
      title={`${t("invite.title")} · ${enterpriseName}`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t("common.ok")}</Button>}
      destroyOnHidden
      width={760}
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={(v) => create.mutate(v)}
          data-testid="invite-form"
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="displayName"
            label={t("invite.displayName")}
            rules={[
              { required: true, whitespace: true, message: t("common.required", { field: t("invite.displayName") }) },
            ]}
          >
            <Input maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="phone" label={t("invite.phone")}>
            <Input maxLength={30} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="invite-create">
              {t("invite.create")}
            </Button>
          </Form.Item>
        </Form>

        {created && (
          <Alert
            type="success"
            showIcon
            title={t("invite.linkHint", { time: formatDateTime(created.expiresAt) })}
            description={
              <Typography.Text
                copyable={{ text: link }}
                code
                style={{ wordBreak: "break-all" }}
                data-testid="invite-link"
              >
                {link}
              </Typography.Text>
            }
          />
        )}

        <div>
          <Typography.Title level={5}>{t("invite.list")}</Typography.Title>
          <Table<Invite>
            rowKey="id"
            size="small"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("invite.empty")} /> }}
            data-testid="invite-list"
            columns={[
              { title: t("invite.displayName"), dataIndex: "displayName" },
              { title: t("invite.phone"), dataIndex: "phone", render: (v: string | null) => v ?? "—" },
              {
                title: t("invite.state"),
                dataIndex: "state",
                render: (s: Invite["state"], r) => (
                  <Space size={4}>
                    <Tag color={STATE_COLORS[s]}>{t(`invite.state.${s}`)}</Tag>
                    {r.username && <Typography.Text type="secondary">{r.username}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t("invite.invitedBy"), dataIndex: "invitedByName", render: (v: string | null) => v ?? "—" },
              { title: t("invite.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
              { title: t("invite.expiresAt"), dataIndex: "expiresAt", render: (v: string) => formatDateTime(v) },
            ]}
          />
        </div>
      </Space>
    </Modal>
  );
}
