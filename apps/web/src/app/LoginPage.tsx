import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Me } from "@zoneos/contracts";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { api, isApiError } from "./api.ts";
import { homePath, ME_KEY } from "./auth.ts";
import { useI18n } from "./i18n.ts";

type LoginForm = { username: string; password: string };

/** Only paths inside the app are followed after login (no open redirect). */
function safeNext(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return null;
  return next;
}

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (values: LoginForm) => api.post<{ user: Me }>("/auth/login", values),
    meta: { quiet: true },
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      const next = safeNext(params.get("next"));
      navigate(user.mustChangePassword ? "/account/password" : (next ?? homePath(user)), { replace: true });
    },
    onError: (err) => setError(isApiError(err) ? err.detail : String(err)),
  });

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
        <Card style={{ width: 400, maxWidth: "100%", boxShadow: "0 12px 40px rgba(0,0,0,0.25)" }}>
          <div style={{ textAlign: "center", marginBottom: 24 }}>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              ZoneOS
            </Typography.Title>
            <Typography.Title level={4} style={{ marginTop: 0, fontWeight: 500 }}>
              开发区运行平台
            </Typography.Title>
            <Typography.Text type="secondary">{t("app.tagline")}</Typography.Text>
          </div>
          <Form<LoginForm>
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => {
              setError(null);
              login.mutate(values);
            }}
            onValuesChange={() => setError(null)}
          >
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input prefix={<UserOutlined />} placeholder={t("login.username")} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t("login.password")}
                autoComplete="current-password"
              />
            </Form.Item>
            {error && (
              <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t("login.submit")}
            </Button>
          </Form>
        </Card>
      </div>
      <div style={{ textAlign: "center", color: "rgba(255,255,255,0.7)", padding: 16, fontSize: 12 }}>
        ZoneOS · {t("app.name")}
      </div>
    </div>
  );
}
