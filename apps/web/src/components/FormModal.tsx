import { Form, type FormInstance, type FormProps, Modal } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../app/i18n.ts";

/**
 * A dialog that is one vertical form: OK submits it (保存 unless told otherwise) and spins while `saving`, cancel or
 * the close button call `onClose`.
 */
export function FormModal<Values>({
  form,
  title,
  width,
  okText,
  saving,
  onClose,
  onFinish,
  initialValues,
  destroyOnHidden,
  testId,
  children,
}: {
  form: FormInstance<Values>;
  title: ReactNode;
  width?: number;
  okText?: string;
  saving: boolean;
  onClose: () => void;
  onFinish: (values: Values) => void;
  initialValues?: FormProps<Values>["initialValues"];
  destroyOnHidden?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t("common.save")}
      confirmLoading={saving}
      destroyOnHidden={destroyOnHidden}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
