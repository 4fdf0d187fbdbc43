import { QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider, message } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect } from "react";
import { RouterProvider } from "react-router";
import { setFeedback } from "../components/feedback.ts";
import { type Lang, subscribeLang, translate, useI18n } from "./i18n.ts";
import { queryClient } from "./queryClient.ts";
import { router } from "./router.tsx";

function applyLang(lang: Lang): void {
  dayjs.locale(lang === "zh-CN" ? "zh-cn" : "en");
  document.documentElement.lang = lang;
  document.title = translate(lang, "app.name");
}

/** Hands antd's context-aware message API to code outside components (API errors). */
function FeedbackBridge() {
  const [messageApi, holder] = message.useMessage();
  useEffect(() => setFeedback({ message: messageApi }), [messageApi]);
  return holder;
}

// Server messages (errors, names) come in the request's language: ask again in the new one.
subscribeLang(() => void queryClient.invalidateQueries());

export function AppProviders() {
  const { lang } = useI18n();
  applyLang(lang);

  return (
    <ConfigProvider
      locale={lang === "zh-CN" ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: "#1f5fbf",
          borderRadius: 6,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans", sans-serif',
        },
      }}
    >
      <FeedbackBridge />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  );
}
