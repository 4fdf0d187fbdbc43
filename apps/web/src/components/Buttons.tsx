import { ArrowLeftOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../app/i18n.ts";

/** The arrow before a page's title: back in the history, or to `to` when given. */
export function BackButton({ to }: { to?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (to === undefined ? navigate(-1) : navigate(to))}
      aria-label={t("common.back")}
    />
  );
}

/** A page's title after the back arrow. */
export function BackTitle({ to, children }: { to?: string; children: ReactNode }) {
  return (
    <Space>
      <BackButton to={to} />
      {children}
    </Space>
  );
}

/** The red bin that removes one entry of a list in a form (a label, a contact, a milestone, a demand). */
export function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return <Button type="text" danger icon={<DeleteOutlined />} onClick={onClick} aria-label={t("common.delete")} />;
}

/** The foot of a page's form: submit (保存 unless told otherwise) and cancel, which goes back. */
export function SubmitCancel({
  saving,
  testId,
  style,
  children,
}: {
  saving: boolean;
  testId: string;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Space style={style}>
      <Button type="primary" htmlType="submit" loading={saving} data-testid={testId}>
        {children ?? t("common.save")}
      </Button>
      <Button onClick={() => navigate(-1)}>{t("common.cancel")}</Button>
    </Space>
  );
}
