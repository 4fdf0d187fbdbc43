import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, type FormListFieldData, Typography } from "antd";
import type { ReactNode } from "react";
import { RemoveButton } from "./Buttons.tsx";

/**
 * A list in a form whose entries are numbered cards (the demands of a visit, the problems of a monthly report, each
 * becoming a case): a title and a hint above, a bin on each card and a dashed button that adds one, up to `max`.
 */
export function FormCardList({
  name,
  title,
  hint,
  cardTitle,
  addText,
  max,
  cardTestId,
  addTestId,
  children,
}: {
  name: string;
  title: ReactNode;
  hint: ReactNode;
  cardTitle: (n: number) => ReactNode;
  addText: ReactNode;
  max: number;
  cardTestId?: (index: number) => string;
  addTestId?: string;
  /** The fields of one card. */
  children: (field: FormListFieldData, index: number) => ReactNode;
}) {
  return (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={cardTitle(i + 1)}
                style={{ marginBottom: 12 }}
                data-testid={cardTestId?.(i)}
                extra={<RemoveButton onClick={() => remove(field.name)} />}
              >
                {children(field, i)}
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({})}
              disabled={fields.length >= max}
              block
              data-testid={addTestId}
            >
              {addText}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
