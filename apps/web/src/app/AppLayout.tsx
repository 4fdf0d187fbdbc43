import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MessageOutlined,
  ProjectOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me } from "@zoneos/contracts";
import { ROLE_NAMES } from "@zoneos/domain/roles";
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Space, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { CaseMenuLabel, NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { api, isApiError } from "./api.ts";
import { can, homePath, type Permission, useMe } from "./auth.ts";
import { type MessageKey, useI18n } from "./i18n.ts";

const Forbidden = lazy(() => import("../components/ResultPages.tsx").then((m) => ({ default: m.Forbidden })));

/** Which permission each area needs; the menu and the page guard both read it. */
const AREAS: { prefix: string; permission: Permission }[] = [
  { prefix: "/admin/units", permission: "org.manage" },
  { prefix: "/admin/users", permission: "org.manage" },
  { prefix: "/admin/calendar", permission: "calendar.manage" },
  { prefix: "/admin/audit", permission: "audit.read" },
  { prefix: "/enterprises/new", permission: "enterprise.create" },
  { prefix: "/enterprises/import", permission: "enterprise.import" },
  { prefix: "/enterprises", permission: "enterprise.read" },
  { prefix: "/cases", permission: "case.read" },
  { prefix: "/visits/new", permission: "visit.record" },
  { prefix: "/visits/assignments", permission: "visit.assign" },
  { prefix: "/visits", permission: "visit.read" },
  { prefix: "/figures", permission: "figures.read" },
  { prefix: "/projects/new", permission: "project.edit" },
  { prefix: "/projects/import", permission: "project.import" },
  { prefix: "/projects/reports", permission: "project.report" },
  { prefix: "/projects/settings", permission: "project.configure" },
  { prefix: "/projects", permission: "project.read" },
  { prefix: "/leads/settings", permission: "lead.configure" },
  { prefix: "/leads/new", permission: "lead.edit" },
  { prefix: "/leads/import", permission: "lead.edit" },
  { prefix: "/leads", permission: "lead.read" },
  { prefix: "/chains", permission: "chain.read" },
];

function allowed(me: Me, pathname: string): boolean {
  const area = AREAS.find((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`));
  return !area || can(me, area.permission);
}

type MenuItem = Required<MenuProps>["items"][number];

function menuItems(me: Me, t: (k: MessageKey) => string): MenuItem[] {
  const items: MenuItem[] = [];
  if (me.role === "enterprise") {
    if (me.enterpriseId) {
      items.push({ key: `/enterprises/${me.enterpriseId}`, icon: <BankOutlined />, label: t("nav.myEnterprise") });
    }
  } else if (can(me, "enterprise.read")) {
    items.push({ key: "/enterprises", icon: <BankOutlined />, label: t("nav.enterprises") });
  }
  if (can(me, "case.read"))
    items.push({ key: "/cases", icon: <MessageOutlined />, label: <CaseMenuLabel me={me} label={t("nav.cases")} /> });
  if (can(me, "visit.read") && me.role !== "enterprise") {
    const visits: MenuItem[] = [
      { key: "/visits", label: t("nav.visitList") },
      { key: "/visits/coverage", label: t("nav.visitCoverage") },
    ];
    if (can(me, "visit.assign")) visits.push({ key: "/visits/assignments", label: t("nav.visitAssignments") });
    items.push({ key: "visits", icon: <CarOutlined />, label: t("nav.visits"), children: visits });
  }
  if (can(me, "project.read")) {
    const projects: MenuItem[] = [
      { key: "/projects", label: t("nav.projectBoard") },
      { key: "/projects/mine", label: t("nav.myProjects") },
    ];
    if (can(me, "project.report")) projects.push({ key: "/projects/reports", label: t("nav.projectReports") });
    projects.push({ key: "/projects/approvals", label: t("nav.projectApprovals") });
    if (can(me, "project.import")) projects.push({ key: "/projects/import", label: t("nav.projectImport") });
    items.push({ key: "projects", icon: <ProjectOutlined />, label: t("nav.projects"), children: projects });
  }
  if (can(me, "lead.read")) {
    const investment: MenuItem[] = [
      { key: "/leads", label: t("nav.leads") },
      { key: "/leads/board", label: t("nav.leadBoard") },
      { key: "/leads/trips", label: t("nav.trips") },
      { key: "/leads/figures", label: t("nav.leadFigures") },
      { key: "/leads/map", label: t("nav.investmentMap") },
    ];
    if (can(me, "chain.read")) investment.push({ key: "/chains", label: t("nav.chains") });
    items.push({ key: "investment", icon: <AimOutlined />, label: t("nav.investment"), children: investment });
  }
  if (can(me, "figures.read"))
    items.push({ key: "/figures/service", icon: <BarChartOutlined />, label: t("nav.figures") });
  const admin: MenuItem[] = [];
  if (can(me, "org.manage")) {
    admin.push({ key: "/admin/units", icon: <ApartmentOutlined />, label: t("nav.units") });
    admin.push({ key: "/admin/users", icon: <TeamOutlined />, label: t("nav.users") });
  }
  if (can(me, "calendar.manage"))
    admin.push({ key: "/admin/calendar", icon: <CalendarOutlined />, label: t("nav.calendar") });
  if (can(me, "audit.read")) admin.push({ key: "/admin/audit", icon: <AuditOutlined />, label: t("nav.audit") });
  if (can(me, "project.configure"))
    admin.push({ key: "/projects/settings", icon: <ProjectOutlined />, label: t("nav.projectSettings") });
  if (can(me, "lead.configure"))
    admin.push({ key: "/leads/settings", icon: <AimOutlined />, label: t("nav.leadSettings") });
  if (admin.length > 0) items.push({ key: "admin", icon: <SettingOutlined />, label: t("nav.admin"), children: admin });
  return items;
}

/** The menu entry of the current page: the longest menu key the path starts with. */
function selectedKey(pathname: string, me: Me): string {
  if (me.role === "enterprise") return pathname.startsWith("/cases") ? "/cases" : pathname;
  for (const key of [
    "/admin/units",
    "/admin/users",
    "/admin/calendar",
    "/admin/audit",
    "/enterprises",
    "/cases",
    "/visits/coverage",
    "/visits/assignments",
    "/visits",
    "/figures/service",
    "/projects/settings",
    "/projects/mine",
    "/projects/reports",
    "/projects/approvals",
    "/projects/import",
    "/projects",
    "/leads/settings",
    "/leads/board",
    "/leads/trips",
    "/leads/figures",
    "/leads/map",
    "/leads",
    "/chains",
  ]) {
    if (pathname.startsWith(key)) return key;
  }
  return pathname;
}

function Shell({ me }: { me: Me }) {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);

  const logout = useMutation({
    mutationFn: () => api.post<void>("/auth/logout"),
    onSettled: () => {
      queryClient.clear();
      navigate("/login", { replace: true });
    },
    meta: { quiet: true },
  });

  const mustChange = me.mustChangePassword;
  const userMenu: MenuProps = {
    items: [
      { key: "password", icon: <KeyOutlined />, label: t("nav.changePassword") },
      { type: "divider" },
      { key: "logout", icon: <LogoutOutlined />, label: t("nav.logout"), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === "password") navigate("/account/password");
      if (key === "logout") logout.mutate();
    },
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <div
          style={{
            height: 56,
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            color: "#fff",
            fontWeight: 600,
            fontSize: collapsed ? 14 : 16,
            whiteSpace: "nowrap",
            overflow: "hidden",
          }}
        >
          {collapsed ? "ZoneOS" : "ZoneOS 开发区运行平台"}
        </div>
        {!mustChange && (
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedKey(location.pathname, me)]}
            defaultOpenKeys={["admin", "visits", "projects"]}
            items={menuItems(me, t)}
            onClick={({ key }) => navigate(key)}
          />
        )}
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            padding: "0 24px",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: "1px solid #f0f0f0",
            position: "sticky",
            top: 0,
            zIndex: 10,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="zone-name">
            {me.zoneName}
          </Typography.Text>
          <Space size="middle">
            {!mustChange && <NotificationBell />}
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={["click"]}>
              <Button type="text" data-testid="user-menu" style={{ height: 48 }}>
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: "#1f5fbf" }} />
                  <span>{me.displayName}</span>
                  <Typography.Text type="secondary">
                    {ROLE_NAMES[me.role][lang]}
                    {me.unitName ? ` · ${me.unitName}` : ""}
                  </Typography.Text>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<PageSpin />}>{allowed(me, location.pathname) ? <Outlet /> : <Forbidden />}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The frame of every page after login: checks the session, then shows the menu and the page. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();

  if (me.isPending) return <PageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const target = `${location.pathname}${location.search}`;
      return <Navigate to={target === "/" ? "/login" : `/login?next=${encodeURIComponent(target)}`} replace />;
    }
    return (
      <div style={{ padding: 48, textAlign: "center" }}>
        <Typography.Title level={4}>{t("common.loadFailed")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {isApiError(me.error) ? me.error.detail : String(me.error)}
        </Typography.Paragraph>
        <Button type="primary" onClick={() => void me.refetch()}>
          {t("common.retry")}
        </Button>
      </div>
    );
  }
  const user = me.data;
  if (user.mustChangePassword && location.pathname !== "/account/password") {
    return <Navigate to="/account/password" replace />;
  }
  if (location.pathname === "/") return <Navigate to={homePath(user)} replace />;
  return <Shell me={user} />;
}
