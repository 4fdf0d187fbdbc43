import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { Button, Form, type FormItemProps, Space, Typography, Upload, type UploadFile, type UploadProps } from "antd";
import { type ReactNode, useRef, useState } from "react";
import { API_BASE, ApiError, api, isApiError, readCookie } from "../app/api.ts";
import { getLang, useI18n } from "../app/i18n.ts";
import { showError } from "./feedback.ts";

/** Types of the attachment API; type-only, so no schema enters the bundle. */
export type UploadedFile = C.Upload;
export type Attachment = C.Attachment;
export type UploadLimits = C.UploadLimits;

/** MAX_ATTACHMENTS_PER_ITEM of the contracts (kept here so the chunk does not load the contracts' schemas). */
export const MAX_ATTACHMENTS = 10;

export const attachmentKeys = { limits: ["attachments", "limits"] as const };

export function useUploadLimits() {
  return useQuery({
    queryKey: attachmentKeys.limits,
    queryFn: ({ signal }) => api.get<UploadLimits>("/attachments/limits", undefined, signal),
    staleTime: 30 * 60_000,
  });
}

/** "1.5 MB", "320 KB", "12 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(2))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

function extensionOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? "" : name.slice(i + 1).toLowerCase();
}

/** The body of a failed request as the app's error (problem+json, or a generic one). */
function errorOf(xhr: XMLHttpRequest): ApiError {
  let data: unknown = null;
  try {
    data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
  } catch {
    data = null;
  }
  const p = data as Partial<C.Problem> | null;
  if (p && typeof p.status === "number" && typeof p.code === "string") return new ApiError(p as C.Problem);
  return new ApiError({
    type: "about:blank",
    title: xhr.statusText || "Upload failed",
    status: xhr.status,
    code: xhr.status === 0 ? "NETWORK" : `HTTP_${xhr.status}`,
    detail: "",
  });
}

type RequestOptions = Parameters<NonNullable<UploadProps["customRequest"]>>[0];

/** POST /attachments as multipart (field `file`) with the CSRF header of the API client, reporting progress. */
function uploadRequest(options: RequestOptions): { abort: () => void } {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", `${API_BASE}/attachments`);
  xhr.withCredentials = true;
  xhr.setRequestHeader("Accept", "application/json");
  xhr.setRequestHeader("Accept-Language", getLang());
  xhr.setRequestHeader("X-CSRF-Token", readCookie("zoneos_csrf"));
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) options.onProgress?.({ percent: Math.round((e.loaded / e.total) * 100) });
  };
  xhr.onload = () => {
    if (xhr.status >= 200 && xhr.status < 300) {
      try {
        options.onSuccess?.(JSON.parse(xhr.responseText) as UploadedFile, xhr);
      } catch {
        options.onError?.(errorOf(xhr));
      }
      return;
    }
    options.onError?.(errorOf(xhr));
  };
  xhr.onerror = () => options.onError?.(errorOf(xhr));
  const body = new FormData();
  body.append("file", options.file as Blob, (options.file as File).name);
  xhr.send(body);
  return { abort: () => xhr.abort() };
}

type UploaderProps = {
  /** Ids of the finished uploads (the form's `attachmentIds`). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** True while a file is still being sent (the form should wait). */
  onBusyChange?: (busy: boolean) => void;
};

/**
 * Uploads files one by one as soon as they are chosen and yields the ids of the finished ones.
 * Shows the allowed types and the size limit; a file removed before the form is sent is deleted on the server.
 */
export function AttachmentUploader({ onChange, onBusyChange }: UploaderProps) {
  const { t } = useI18n();
  const limits = useUploadLimits();
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  const [error, setError] = useState<string | null>(null);

  const update = (next: UploadFile<UploadedFile>[]) => {
    setFiles(next);
    onChange?.(next.flatMap((f) => (f.status === "done" && f.response ? [f.response.id] : [])));
    onBusyChange?.(next.some((f) => f.status === "uploading"));
  };

  const extensions = limits.data?.extensions ?? [];
  const maxBytes = limits.data?.maxBytes;
  const full = files.filter((f) => f.status !== "error").length >= MAX_ATTACHMENTS;

  const props: UploadProps<UploadedFile> = {
    multiple: true,
    fileList: files,
    accept: extensions.length ? extensions.map((e) => `.${e}`).join(",") : undefined,
    beforeUpload: (file) => {
      setError(null);
      const ext = extensionOf(file.name);
      if (extensions.length && !extensions.includes(ext)) {
        setError(t("attach.typeNotAllowed", { name: file.name, allowed: extensions.join(", ") }));
        return Upload.LIST_IGNORE;
      }
      if (maxBytes !== undefined && file.size > maxBytes) {
        setError(t("attach.tooLarge", { name: file.name, limit: formatBytes(maxBytes) }));
        return Upload.LIST_IGNORE;
      }
      if (files.filter((f) => f.status !== "error").length >= MAX_ATTACHMENTS) {
        setError(t("attach.tooMany", { n: MAX_ATTACHMENTS }));
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: uploadRequest,
    onChange: ({ file, fileList }) => {
      const next = fileList.map((f) => {
        if (f.status === "done" && f.response && f.url !== f.response.url) {
          return { ...f, url: f.response.url, name: `${f.name}（${formatBytes(f.response.size)}）` };
        }
        if (f.status === "error") {
          const detail = isApiError(f.error) ? f.error.detail : t("attach.failed");
          return { ...f, response: detail as unknown as UploadedFile };
        }
        return f;
      });
      if (file.status === "error") {
        const detail = isApiError(file.error) && file.error.detail ? file.error.detail : t("attach.failed");
        setError(`${file.name}：${detail}`);
      }
      update(next);
    },
    onRemove: async (file) => {
      if (file.status === "error") setError(null);
      const uploaded = file.status === "done" ? file.response : undefined;
      if (uploaded) {
        try {
          await api.delete(`/attachments/${uploaded.id}`);
        } catch (err) {
          // Already gone is fine; anything else keeps the file in the list.
          if (!(isApiError(err) && err.status === 404)) {
            showError(err);
            return false;
          }
        }
      }
      update(files.filter((f) => f.uid !== file.uid));
      return false;
    },
  };

  return (
    <div data-testid="attachment-upload">
      <Upload<UploadedFile> {...props}>
        <Space wrap size={[12, 4]} align="center">
          <Button icon={<UploadOutlined />} disabled={full}>
            {t("attach.choose")}
          </Button>
          {/* The hint is part of the trigger area; clicking it must not open the file picker. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from reaching the trigger */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: not interactive */}
          <span onClick={(e) => e.stopPropagation()} style={{ cursor: "default" }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {limits.data
                ? t("attach.hint", {
                    types: extensions.join(" / "),
                    limit: formatBytes(limits.data.maxBytes),
                    n: MAX_ATTACHMENTS,
                  })
                : t("common.loading")}
            </Typography.Text>
          </span>
        </Space>
      </Upload>
      {error && (
        <Typography.Text type="danger" style={{ display: "block", marginTop: 4 }} data-testid="attachment-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * The `attachmentIds` field of a form with its uploader; the form does not submit while a file is still uploading.
 */
export function AttachmentField({ name = "attachmentIds", label }: { name?: string; label?: FormItemProps["label"] }) {
  const { t } = useI18n();
  const busy = useRef(false);
  return (
    <Form.Item
      name={name}
      label={label ?? t("attach.label")}
      rules={[
        {
          validator: () => (busy.current ? Promise.reject(new Error(t("attach.busy"))) : Promise.resolve()),
        },
      ]}
    >
      <AttachmentUploader
        onBusyChange={(b) => {
          busy.current = b;
        }}
      />
    </Form.Item>
  );
}

/** Links to attachments (file name and size); nothing when the list is empty unless `empty` is given. */
export function AttachmentList({ items, empty }: { items: readonly Attachment[]; empty?: ReactNode }) {
  if (items.length === 0) return empty ?? null;
  return (
    <Space orientation="vertical" size={2} data-testid="attachment-list">
      {items.map((a) => (
        <Space key={a.id} size={6} data-testid="attachment-item">
          <PaperClipOutlined style={{ color: "#8c8c8c" }} />
          <a href={a.url} target="_blank" rel="noopener noreferrer">
            {a.fileName}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(a.size)}
            {a.uploadedByName ? ` · ${a.uploadedByName}` : ""}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}
