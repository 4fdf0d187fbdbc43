import { Result } from "antd";

/** Placeholder until the page is built. */
export function TripDetailPage() {
  return <Result status="info" title="建设中" />;
}
