import { CheckOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Empty, Flex, Table, type TableProps, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { type MessageKey, useI18n } from "../../app/i18n.ts";
import { formatDateTime } from "../../components/format.ts";
import { type Notification, type NotificationKind, useMarkRead, useNotificationList } from "./useNotifications.ts";

const KIND_COLORS: Record<NotificationKind, string> = {
  assigned: "blue",
  due_soon: "orange",
  overdue: "red",
  returned: "purple",
  escalated: "magenta",
  replied: "cyan",
  unsatisfied: "volcano",
  reminded: "gold",
};

/** Where a notification leads: its case. */
function linkOf(n: Notification): string | null {
  return n.subjectType === "case" ? `/cases/${n.subjectId}` : null;
}

/** The inbox: newest first, unread in bold; a click opens the case and marks it read. */
export function NotificationsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useNotificationList({ unread: unreadOnly, page, pageSize });
  const mark = useMarkRead();

  const open = (n: Notification) => {
    if (!n.readAt) mark.mutate(n.id);
    const to = linkOf(n);
    if (to) navigate(to);
  };

  const columns: TableProps<Notification>["columns"] = useMemo(
    () => [
      {
        title: t("notif.field.kind"),
        key: "kind",
        width: 120,
        render: (_: unknown, n: Notification) => (
          <Badge dot={!n.readAt} offset={[4, 0]}>
            <Tag color={KIND_COLORS[n.kind]}>{t(`notif.kind.${n.kind}` as MessageKey)}</Tag>
          </Badge>
        ),
      },
      {
        title: t("notif.field.content"),
        key: "content",
        render: (_: unknown, n: Notification) => (
          <Flex vertical gap={2}>
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            <Typography.Text type="secondary">{n.body}</Typography.Text>
          </Flex>
        ),
      },
      {
        title: t("notif.field.createdAt"),
        dataIndex: "createdAt",
        key: "createdAt",
        width: 160,
        render: (v: string) => formatDateTime(v),
      },
      {
        title: t("common.actions"),
        key: "actions",
        width: 120,
        render: (_: unknown, n: Notification) =>
          n.readAt ? (
            <Typography.Text type="secondary">{t("notif.read")}</Typography.Text>
          ) : (
            <Button
              size="small"
              type="link"
              data-testid="notification-mark-read"
              onClick={(ev) => {
                ev.stopPropagation();
                mark.mutate(n.id);
              }}
            >
              {t("notif.markRead")}
            </Button>
          ),
      },
    ],
    [t, mark],
  );

  const unread = list.data?.unread ?? 0;
  return (
    <Card
      title={t("notif.title")}
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={mark.isPending && mark.variables === null}
          onClick={() => mark.mutate(null)}
          data-testid="notification-read-all"
        >
          {t("notif.markAllRead")}
        </Button>
      }
    >
      <Tabs
        activeKey={unreadOnly ? "unread" : "all"}
        onChange={(k) => {
          setUnreadOnly(k === "unread");
          setPage(1);
        }}
        items={[
          { key: "all", label: t("notif.tab.all") },
          { key: "unread", label: `${t("notif.tab.unread")}${unread ? ` (${unread})` : ""}` },
        ]}
      />
      <Table<Notification>
        data-testid="notification-list"
        rowKey="id"
        size="middle"
        loading={list.isFetching && !list.data}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t(unreadOnly ? "notif.empty.unread" : "notif.empty.all")} /> }}
        onRow={(n) => ({
          onClick: () => open(n),
          style: { cursor: linkOf(n) ? "pointer" : undefined },
          "data-testid": "notification-item",
          "data-read": n.readAt ? "true" : "false",
        })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
    </Card>
  );
}
