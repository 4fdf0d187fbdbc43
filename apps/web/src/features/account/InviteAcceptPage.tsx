import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { isStrongPassword } from "@zoneos/domain/password";
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { homePath, ME_KEY } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { LanguageSwitch } from "../../components/LanguageSwitch.tsx";

type InvitePreview = C.InvitePreview;
type InviteAccept = C.InviteAccept;
type LoginResponse = { user: C.Me };

/** UserCreate.username of the contracts (kept here so the chunk does not load the contracts' schemas). */
const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

type Values = { username: string; password: string; confirm: string };

/** The frame of the public pages (like the login page). */
function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        background: "linear-gradient(135deg, #0f3b7a 0%, #1f5fbf 55%, #3f8ee8 100%)",
      }}
    >
      <div style={{ display: "flex", justifyContent: "flex-end", padding: "12px 24px" }}>
        <LanguageSwitch light />
      </div>
      <div style={{ flex: 1, display: "flex", alignItems: "center", justifyContent: "center", padding: 16 }}>
        <Card style={{ width: 440, maxWidth: "100%", boxShadow: "0 12px 40px rgba(0,0,0,0.25)" }}>{children}</Card>
      </div>
      <div style={{ textAlign: "center", color: "rgba(255,255,255,0.7)", padding: 16, fontSize: 12 }}>
        ZoneOS · {t("app.name")}
      </div>
    </div>
  );
}

/** /invite/:token — an invited enterprise contact chooses a user name and password and is logged in. */
export function InviteAcceptPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const preview = useQuery({
    queryKey: ["invites", "preview", token],
    queryFn: ({ signal }) => api.get<InvitePreview>(`/invites/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    meta: { quiet: true },
  });

  const accept = useMutation({
    mutationFn: (v: Values) => {
      const body: InviteAccept = { username: v.username.trim(), password: v.password };
      return api.post<LoginResponse>(`/invites/${encodeURIComponent(token)}/accept`, body);
    },
    meta: { quiet: true },
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      showSuccess(t("invite.accepted"));
      navigate(homePath(user), { replace: true });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === "INVITE_INVALID") {
        void preview.refetch();
        return;
      }
      showError(err, form);
      if (isApiError(err) && err.code === "WEAK_PASSWORD") form.setFields([{ name: "password", errors: [err.detail] }]);
    },
  });

  if (preview.isPending) {
    return (
      <PublicFrame>
        <div style={{ textAlign: "center", padding: 32 }}>
          <Spin />
        </div>
      </PublicFrame>
    );
  }

  if (preview.isError) {
    const invalid = isApiError(preview.error) && (preview.error.status === 404 || preview.error.status === 400);
    return (
      <PublicFrame>
        <Result
          status={invalid ? "warning" : "error"}
          title={invalid ? t("invite.invalid") : t("common.loadFailed")}
          subTitle={invalid ? t("invite.invalidHint") : isApiError(preview.error) ? preview.error.detail : undefined}
          extra={
            <Link to="/login">
              <Button type="primary">{t("invite.toLogin")}</Button>
            </Link>
          }
          data-testid="invite-invalid"
        />
      </PublicFrame>
    );
  }

  const p = preview.data;
  return (
    <PublicFrame>
      <div style={{ textAlign: "center", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginBottom: 4 }}>
          {t("invite.acceptTitle")}
        </Typography.Title>
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="invite-enterprise">
          {p.enterpriseName}
        </Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("invite.acceptIntro", { name: p.displayName, enterprise: p.enterpriseName })}
        description={
          <>
            <div>{t("invite.acceptExpires", { time: formatDateTime(p.expiresAt) })}</div>
            <div>{t("password.rule")}</div>
          </>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => accept.mutate(v)}
        data-testid="invite-accept-form"
      >
        <Form.Item
          name="username"
          label={t("invite.username")}
          rules={[
            { required: true, whitespace: true, message: t("login.usernameRequired") },
            { pattern: USERNAME, message: t("users.usernameRule") },
          ]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("invite.password")}
          rules={[
            { required: true, message: t("login.passwordRequired") },
            {
              validator: (_, v: string | undefined) =>
                !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t("password.rule"))),
            },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("invite.confirm")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("common.required", { field: t("invite.confirm") }) },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue("password")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("invite.mismatch"))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={accept.isPending}>
          {t("invite.accept")}
        </Button>
      </Form>
    </PublicFrame>
  );
}
