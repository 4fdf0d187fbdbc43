import { BellOutlined } from "@ant-design/icons";
import type { Me } from "@zoneos/contracts";
import { Badge, Button, Tooltip } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../../app/i18n.ts";
import { type CaseTodoCounts, useTodoCounts, useUnreadCount } from "./useNotifications.ts";

/** The bell of the header: the unread count, opening the inbox. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Tooltip title={t("notif.title")}>
      <Button
        type="text"
        data-testid="notification-bell"
        aria-label={t("notif.title")}
        onClick={() => navigate("/notifications")}
        style={{ height: 48 }}
      >
        <span data-testid="notification-unread" data-count={unread}>
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </span>
      </Button>
    </Tooltip>
  );
}

/** The to-do list whose count the menu shows: an officer's own, a unit head's queue, a leader's 兜底办 list. */
function primaryCount(me: Me, c: CaseTodoCounts): { n: number; overdue: number } {
  if (me.role === "officer") return { n: c.mine, overdue: c.overdueMine };
  if (me.role === "unithead") return { n: c.unit, overdue: c.overdueUnit };
  return { n: c.escalated, overdue: c.overdueEscalated };
}

/** The label of the cases' menu entry with its to-do count, red when some of them are overdue. */
export function CaseMenuLabel({ me, label }: { me: Me; label: string }) {
  const { t } = useI18n();
  const staff = me.role !== "enterprise";
  const counts = useTodoCounts(staff).data;
  const shown = counts && staff ? primaryCount(me, counts) : null;
  return (
    <span>
      {label}
      {shown && shown.n > 0 && (
        <Tooltip
          title={
            shown.overdue
              ? t("notif.todoOverdue", { n: shown.n, overdue: shown.overdue })
              : t("notif.todo", { n: shown.n })
          }
        >
          <span data-testid="menu-todo-count" data-count={shown.n} style={{ marginInlineStart: 8 }}>
            <Badge
              count={shown.n}
              overflowCount={999}
              size="small"
              color={shown.overdue ? "#ff4d4f" : "#1677ff"}
              style={{ boxShadow: "none" }}
            />
          </span>
        </Tooltip>
      )}
    </span>
  );
}
