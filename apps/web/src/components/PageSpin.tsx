import { Spin } from "antd";

/** The placeholder while a page's code or data loads. */
export function PageSpin() {
  return (
    <div style={{ display: "flex", justifyContent: "center", alignItems: "center", minHeight: 240, width: "100%" }}>
      <Spin size="large" />
    </div>
  );
}
