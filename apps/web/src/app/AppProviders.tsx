import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect } from "react";
import { RouterProvider } from "react-router";
import { setFeedback } from "../components/feedback.ts";
import { type Lang, useI18n } from "./i18n.ts";
import { queryClient } from "./queryClient.ts";
import { router } from "./router.tsx";

function applyLang(lang: Lang): void {
  dayjs.locale(lang === "zh-CN" ? "zh-cn" : "en");
  document.documentElement.lang = lang;
}

/** Hands antd's context-aware message/notification/modal to code outside components (API errors). */
function FeedbackBridge() {
  const api = AntApp.useApp();
  useEffect(() => setFeedback(api), [api]);
  return null;
}

export function AppProviders() {
  const { lang, t } = useI18n();
  applyLang(lang);

  useEffect(() => {
    document.title = t("app.name");
  }, [t]);

  useEffect(() => {
    // Server messages (errors, names) come in the request's language: ask again in the new one.
    void queryClient.invalidateQueries();
  }, [lang]);

  return (
    <ConfigProvider
      locale={lang === "zh-CN" ? zhCN : enUS}
      theme={{ token: { colorPrimary: "#1f5fbf", borderRadius: 6 } }}
    >
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
