import { useMutation } from "@tanstack/react-query";
import { type FormInstance, Modal } from "antd";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { api, fieldPath, isApiError } from "../app/api.ts";
import { type Lang, useI18n } from "../app/i18n.ts";
import { getFeedback, setFieldErrors, showError, showSuccess } from "./feedback.ts";
import { issuesToFields } from "./zodIssues.ts";

type Path = (string | number)[];

/**
 * A page's form that creates or edits one versioned record (an enterprise, a project):
 * - the record is put into the form when it arrives, and again when another version of it arrives (after a reload);
 * - the values are checked first against the contracts' zod schema (the server's own rules), errors under their fields;
 * - then created with POST `path`, or saved with PUT `path/id` and the version that was read;
 * - the server's field errors (400) go under their fields too, with its message;
 * - a version conflict (409 VERSION_CONFLICT) says so in a dialog and reloads the record.
 * Spread `formProps` on the `<Form>` and render `contextHolder` inside the page.
 */
export function useEditForm<Values, S extends z.ZodType<object>, R extends { id: string; version: number }>(opts: {
  form: FormInstance<Values>;
  /** The record being edited; undefined while creating (or loading). */
  record: R | undefined;
  /** The collection: "/projects". */
  path: string;
  toFormValues: (record: R) => Values;
  /** The values in the shape of the schema's input (not yet checked). */
  toRawInput: (values: Values) => unknown;
  schema: S;
  /** The form's name of a schema field path that the form shows under another name. */
  toFormName?: (path: Path, values: Values) => Path;
  lang: Lang;
  texts: { created: string; fixErrors: string; conflict: string; conflictHint: string };
  /** After the success message: the page updates its caches and moves on. */
  onSaved: (saved: R) => void;
  /** Runs first when a save fails, before the errors are shown (e.g. to mark a field named by the error's code). */
  onSaveError?: (err: unknown) => void;
  /** Loads the record again (after a version conflict). */
  reload: () => unknown;
}) {
  const { form, record, path, toFormValues, schema, toRawInput, lang, texts } = opts;
  const { t } = useI18n();
  const rename = (values: Values) => (path: Path) => (opts.toFormName ? opts.toFormName(path, values) : path);
  const [modal, contextHolder] = Modal.useModal();

  const loadedVersion = useRef<number | null>(null);
  useEffect(() => {
    if (!record || loadedVersion.current === record.version) return;
    loadedVersion.current = record.version;
    form.resetFields();
    form.setFieldsValue(toFormValues(record) as Parameters<typeof form.setFieldsValue>[0]);
  }, [record, form, toFormValues]);

  const mutation = useMutation({
    mutationFn: (input: z.output<S>) =>
      record ? api.put<R>(`${path}/${record.id}`, { ...input, version: record.version }) : api.post<R>(path, input),
    meta: { quiet: true },
    onSuccess: (saved) => {
      showSuccess(record ? t("common.saved") : texts.created);
      opts.onSaved(saved);
    },
    onError: (err) => {
      opts.onSaveError?.(err);
      if (isApiError(err) && err.code === "VERSION_CONFLICT") {
        void modal.warning({ title: texts.conflict, content: texts.conflictHint });
        void opts.reload();
        return;
      }
      if (isApiError(err) && err.errors.length > 0) {
        const toForm = rename(form.getFieldsValue(true) as Values);
        setFieldErrors(
          form,
          err.errors.map((e) => ({ name: toForm(fieldPath(e.path)), errors: [e.message] })),
        );
        getFeedback()?.message.error(err.detail);
        return;
      }
      showError(err);
    },
  });

  /** The schema's own rules, checked here first; errors go under their fields. */
  const check = (values: Values): z.output<S> | null => {
    const parsed = schema.safeParse(toRawInput(values));
    if (!parsed.success) {
      setFieldErrors(form, issuesToFields(parsed.error.issues, lang, rename(values)));
      getFeedback()?.message.error(texts.fixErrors);
      return null;
    }
    return parsed.data;
  };

  return {
    formProps: {
      form,
      onFinish: (values: Values) => {
        const input = check(values);
        if (input) mutation.mutate(input);
      },
      onFinishFailed: ({ values }: { values: Values }) => void check(values),
    },
    saving: mutation.isPending,
    contextHolder,
  };
}
