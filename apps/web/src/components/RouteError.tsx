import { Button } from "antd";
import { useRouteError } from "react-router";
import { useI18n } from "../app/i18n.ts";

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a deployment). */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: "center" }}>
      <h2>{t("common.loadFailed")}</h2>
      <p style={{ color: "#888" }}>{error instanceof Error ? error.message : String(error)}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t("common.retry")}
      </Button>
    </div>
  );
}
