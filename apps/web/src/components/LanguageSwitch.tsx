import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { setLang, useI18n } from "../app/i18n.ts";

/** 中文 ⇄ English. Shows the name of the other language. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { lang, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      style={light ? { color: "rgba(255,255,255,0.9)" } : undefined}
      onClick={() => setLang(lang === "zh-CN" ? "en-US" : "zh-CN")}
      data-testid="language-switch"
    >
      {t("lang.switch")}
    </Button>
  );
}
