import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isStrongPassword } from "@zoneos/domain/password";
import { Alert, Button, Card, Form, Input } from "antd";
import { useNavigate } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { homePath, ME_KEY, useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import type { Me } from "../../app/types.ts";
import { showError, showSuccess } from "../../components/feedback.ts";

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (v: Values) =>
      api.post<void>("/auth/change-password", { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    meta: { quiet: true },
    onSuccess: async () => {
      showSuccess(t("password.changed"));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      const fresh = queryClient.getQueryData<Me>(ME_KEY);
      if (fresh) navigate(homePath(fresh), { replace: true });
    },
    onError: (err) => {
      showError(err, form);
      if (!isApiError(err)) return;
      if (err.code === "WRONG_PASSWORD") form.setFields([{ name: "currentPassword", errors: [err.detail] }]);
      if (err.code === "WEAK_PASSWORD" || err.code === "SAME_PASSWORD") {
        form.setFields([{ name: "newPassword", errors: [err.detail] }]);
      }
    },
  });

  return (
    <Card title={t("password.title")} style={{ maxWidth: 520, margin: "0 auto" }}>
      {me?.mustChangePassword && (
        <Alert type="warning" showIcon title={t("password.mustChange")} style={{ marginBottom: 16 }} />
      )}
      <Alert type="info" showIcon title={t("password.rule")} style={{ marginBottom: 24 }} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t("password.current")}
          rules={[{ required: true, message: t("common.required", { field: t("password.current") }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("password.new")}
          rules={[
            { required: true, message: t("common.required", { field: t("password.new") }) },
            {
              validator: (_, v: string | undefined) =>
                !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t("password.rule"))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("password.confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("common.required", { field: t("password.confirm") }) },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("password.mismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} block>
          {t("password.submit")}
        </Button>
      </Form>
    </Card>
  );
}
