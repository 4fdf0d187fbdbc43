import { checkCreditCode, describeCreditCodeProblem } from "@zoneos/domain/credit-code";
import { Form, Input } from "antd";
import type { NamePath } from "antd/es/form/interface";
import { useI18n } from "../app/i18n.ts";

/**
 * A required 统一社会信用代码 in a form: checked when the field loses focus, and written back normalised (case, full
 * width) when it is valid.
 */
export function CreditCodeItem({ name, label }: { name: NamePath; label: string }) {
  const { lang, t } = useI18n();
  const form = Form.useFormInstance();
  const normalise = () => {
    const v = form.getFieldValue(name);
    if (typeof v !== "string") return;
    const r = checkCreditCode(v);
    if (r.ok && r.code !== v) form.setFieldValue(name, r.code);
  };
  return (
    <Form.Item
      name={name}
      label={label}
      validateTrigger={["onBlur"]}
      rules={[
        { required: true, message: t("common.required", { field: label }) },
        {
          validator: (_: unknown, value: string | undefined) => {
            if (!value) return Promise.resolve();
            const r = checkCreditCode(value);
            return r.ok ? Promise.resolve() : Promise.reject(new Error(describeCreditCodeProblem(r.problem, lang)));
          },
        },
      ]}
    >
      <Input maxLength={30} onBlur={normalise} style={{ fontFamily: "monospace" }} placeholder="91320115MA1XXXXXXX" />
    </Form.Item>
  );
}
