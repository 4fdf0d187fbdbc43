import type { FormInstance, message } from "antd";
import { fieldPath, isApiError } from "../app/api.ts";
import { t } from "../app/i18n.ts";

type Feedback = { message: ReturnType<typeof message.useMessage>[0] };

let feedback: Feedback | null = null;

/** Called once by the shell with antd's context-aware message API. */
export function setFeedback(api: Feedback): void {
  feedback = api;
}

/** antd's message API bound to the app's theme and locale (for code outside components). */
export function getFeedback(): Feedback | null {
  return feedback;
}

export function showSuccess(text: string): void {
  feedback?.message.success(text);
}

/** True for errors that the router handles by navigating (login, change password): nothing to show. */
export function isHandledByNavigation(err: unknown): boolean {
  return isApiError(err) && (err.status === 401 || err.code === "PASSWORD_CHANGE_REQUIRED");
}

/**
 * Shows an error to the user: the server's `detail` as a message, and, when a form submitted,
 * each `errors[]` entry on its field.
 */
export function showError(err: unknown, form?: FormInstance): void {
  if (isHandledByNavigation(err)) return;
  if (isApiError(err)) {
    if (form && err.errors.length > 0) {
      form.setFields(err.errors.map((e) => ({ name: fieldPath(e.path), errors: [e.message] })));
    }
    feedback?.message.error(err.detail);
    return;
  }
  feedback?.message.error(err instanceof Error ? err.message : t("common.unknownError", { status: "?" }));
}

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

/** Puts error messages under form fields given by their path (from zod issues or the server's `errors[]`). */
export function setFieldErrors(form: FormInstance, fields: FieldErrors): void {
  form.setFields(fields);
}
