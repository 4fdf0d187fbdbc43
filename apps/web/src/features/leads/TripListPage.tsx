import { Result } from "antd";

/** Placeholder until the page is built. */
export function TripListPage() {
  return <Result status="info" title="建设中" />;
}
