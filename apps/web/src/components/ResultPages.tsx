import { Button, Result } from "antd";
import { Link } from "react-router";
import { useI18n } from "../app/i18n.ts";

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t("common.notFound")}
      subTitle={t("common.notFoundHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.home")}</Button>
        </Link>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t("common.forbidden")}
      subTitle={t("common.forbiddenHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.home")}</Button>
        </Link>
      }
    />
  );
}
