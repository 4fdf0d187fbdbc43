import { Result } from "antd";

/** Placeholder until the page is built. */
export function LeadDetailPage() {
  return <Result status="info" title="建设中" />;
}
