import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { PageSpin } from "../components/PageSpin.tsx";
import { RouteError } from "../components/RouteError.tsx";
import { setAuthHandlers } from "./api.ts";

/** Every page is its own chunk, so the login page loads only what it needs. */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: pick(m) })));
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    path: "/login",
    element: page(
      () => import("./LoginPage.tsx"),
      (m) => m.LoginPage,
    ),
    errorElement: <RouteError />,
  },
  {
    path: "/invite/:token",
    element: page(
      () => import("../features/account/InviteAcceptPage.tsx"),
      (m) => m.InviteAcceptPage,
    ),
    errorElement: <RouteError />,
  },
  {
    path: "/",
    element: page(
      () => import("./AppLayout.tsx"),
      (m) => m.AppLayout,
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: null },
      {
        path: "enterprises",
        element: page(
          () => import("../features/enterprises/EnterpriseListPage.tsx"),
          (m) => m.EnterpriseListPage,
        ),
      },
      {
        path: "enterprises/new",
        element: page(
          () => import("../features/enterprises/EnterpriseFormPage.tsx"),
          (m) => m.EnterpriseFormPage,
        ),
      },
      {
        path: "enterprises/import",
        element: page(
          () => import("../features/enterprises/ImportPage.tsx"),
          (m) => m.ImportPage,
        ),
      },
      {
        path: "enterprises/:id",
        element: page(
          () => import("../features/enterprises/EnterpriseDetailPage.tsx"),
          (m) => m.EnterpriseDetailPage,
        ),
      },
      {
        path: "enterprises/:id/edit",
        element: page(
          () => import("../features/enterprises/EnterpriseFormPage.tsx"),
          (m) => m.EnterpriseFormPage,
        ),
      },
      {
        path: "cases",
        element: page(
          () => import("../features/cases/CaseListPage.tsx"),
          (m) => m.CaseListPage,
        ),
      },
      {
        path: "figures/service",
        element: page(
          () => import("../features/figures/ServiceFiguresPage.tsx"),
          (m) => m.ServiceFiguresPage,
        ),
      },
      {
        path: "cases/:id",
        element: page(
          () => import("../features/cases/CaseDetailPage.tsx"),
          (m) => m.CaseDetailPage,
        ),
      },
      {
        path: "visits",
        element: page(
          () => import("../features/visits/VisitListPage.tsx"),
          (m) => m.VisitListPage,
        ),
      },
      {
        path: "visits/new",
        element: page(
          () => import("../features/visits/VisitFormPage.tsx"),
          (m) => m.VisitFormPage,
        ),
      },
      {
        path: "visits/coverage",
        element: page(
          () => import("../features/visits/CoveragePage.tsx"),
          (m) => m.CoveragePage,
        ),
      },
      {
        path: "visits/assignments",
        element: page(
          () => import("../features/visits/AssignmentPage.tsx"),
          (m) => m.AssignmentPage,
        ),
      },
      {
        path: "visits/:id",
        element: page(
          () => import("../features/visits/VisitDetailPage.tsx"),
          (m) => m.VisitDetailPage,
        ),
      },
      {
        path: "projects",
        element: page(
          () => import("../features/projects/ProjectBoardPage.tsx"),
          (m) => m.ProjectBoardPage,
        ),
      },
      {
        path: "projects/mine",
        element: page(
          () => import("../features/projects/ProjectBoardPage.tsx"),
          (m) => m.MyProjectsPage,
        ),
      },
      {
        path: "projects/new",
        element: page(
          () => import("../features/projects/ProjectFormPage.tsx"),
          (m) => m.ProjectFormPage,
        ),
      },
      {
        path: "projects/import",
        element: page(
          () => import("../features/projects/ProjectImportPage.tsx"),
          (m) => m.ProjectImportPage,
        ),
      },
      {
        path: "projects/reports",
        element: page(
          () => import("../features/projects/MonthlyReportPage.tsx"),
          (m) => m.MonthlyReportPage,
        ),
      },
      {
        path: "projects/approvals",
        element: page(
          () => import("../features/projects/ApprovalBottleneckPage.tsx"),
          (m) => m.ApprovalBottleneckPage,
        ),
      },
      {
        path: "projects/settings",
        element: page(
          () => import("../features/projects/ProjectSettingsPage.tsx"),
          (m) => m.ProjectSettingsPage,
        ),
      },
      {
        path: "projects/:id",
        element: page(
          () => import("../features/projects/ProjectDetailPage.tsx"),
          (m) => m.ProjectDetailPage,
        ),
      },
      {
        path: "projects/:id/edit",
        element: page(
          () => import("../features/projects/ProjectFormPage.tsx"),
          (m) => m.ProjectFormPage,
        ),
      },
      {
        path: "leads",
        element: page(
          () => import("../features/leads/LeadListPage.tsx"),
          (m) => m.LeadListPage,
        ),
      },
      {
        path: "leads/import",
        element: page(
          () => import("../features/leads/LeadImportPage.tsx"),
          (m) => m.LeadImportPage,
        ),
      },
      {
        path: "leads/board",
        element: page(
          () => import("../features/leads/LeadBoardPage.tsx"),
          (m) => m.LeadBoardPage,
        ),
      },
      {
        path: "leads/new",
        element: page(
          () => import("../features/leads/LeadFormPage.tsx"),
          (m) => m.LeadFormPage,
        ),
      },
      {
        path: "leads/settings",
        element: page(
          () => import("../features/leads/LeadSettingsPage.tsx"),
          (m) => m.LeadSettingsPage,
        ),
      },
      {
        path: "leads/trips",
        element: page(
          () => import("../features/leads/TripListPage.tsx"),
          (m) => m.TripListPage,
        ),
      },
      {
        path: "leads/trips/:id",
        element: page(
          () => import("../features/leads/TripDetailPage.tsx"),
          (m) => m.TripDetailPage,
        ),
      },
      {
        path: "leads/figures",
        element: page(
          () => import("../features/leads/LeadFiguresPage.tsx"),
          (m) => m.LeadFiguresPage,
        ),
      },
      {
        path: "leads/map",
        element: page(
          () => import("../features/leads/InvestmentMapPage.tsx"),
          (m) => m.InvestmentMapPage,
        ),
      },
      {
        path: "leads/:id",
        element: page(
          () => import("../features/leads/LeadDetailPage.tsx"),
          (m) => m.LeadDetailPage,
        ),
      },
      {
        path: "leads/:id/edit",
        element: page(
          () => import("../features/leads/LeadFormPage.tsx"),
          (m) => m.LeadFormPage,
        ),
      },
      {
        path: "chains",
        element: page(
          () => import("../features/chains/ChainListPage.tsx"),
          (m) => m.ChainListPage,
        ),
      },
      {
        path: "chains/:id",
        element: page(
          () => import("../features/chains/ChainPage.tsx"),
          (m) => m.ChainPage,
        ),
      },
      {
        path: "admin/units",
        element: page(
          () => import("../features/admin/UnitsPage.tsx"),
          (m) => m.UnitsPage,
        ),
      },
      {
        path: "admin/users",
        element: page(
          () => import("../features/admin/UsersPage.tsx"),
          (m) => m.UsersPage,
        ),
      },
      {
        path: "admin/calendar",
        element: page(
          () => import("../features/admin/CalendarPage.tsx"),
          (m) => m.CalendarPage,
        ),
      },
      {
        path: "admin/audit",
        element: page(
          () => import("../features/admin/AuditPage.tsx"),
          (m) => m.AuditPage,
        ),
      },
      {
        path: "notifications",
        element: page(
          () => import("../features/notifications/NotificationsPage.tsx"),
          (m) => m.NotificationsPage,
        ),
      },
      {
        path: "account/password",
        element: page(
          () => import("../features/account/ChangePasswordPage.tsx"),
          (m) => m.ChangePasswordPage,
        ),
      },
      {
        path: "*",
        element: page(
          () => import("../components/ResultPages.tsx"),
          (m) => m.NotFound,
        ),
      },
    ],
  },
]);

/** Where the browser is now, to come back to after logging in. */
function currentTarget(): string {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}

setAuthHandlers({
  unauthorized: () => {
    const target = currentTarget();
    if (router.state.location.pathname === "/login") return;
    const next = target === "/" ? "" : `?next=${encodeURIComponent(target)}`;
    void router.navigate(`/login${next}`, { replace: true });
  },
  passwordChangeRequired: () => {
    if (router.state.location.pathname === "/account/password") return;
    void router.navigate("/account/password", { replace: true });
  },
});
