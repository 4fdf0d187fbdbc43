import type { Problem } from "@zoneos/contracts";
import { getLang, t } from "./i18n.ts";

/** Base path of the versioned API; downloads use it directly in `<a href>`. */
export const API_BASE = "/api/v1";

export type FieldError = { path: string; message: string };

/** An error answered by the server as problem+json (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail || problem.title;
    this.errors = problem.errors ?? [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type AuthHandlers = {
  /** A request answered 401: the session is missing or expired. */
  unauthorized: () => void;
  /** A request answered 403 PASSWORD_CHANGE_REQUIRED. */
  passwordChangeRequired: () => void;
};

let authHandlers: AuthHandlers = {
  unauthorized: () => {
    if (window.location.pathname !== "/login") window.location.assign("/login");
  },
  passwordChangeRequired: () => {
    if (window.location.pathname !== "/account/password") window.location.assign("/account/password");
  },
};

/** The router installs navigation that keeps the single-page state (and the target location). */
export function setAuthHandlers(handlers: AuthHandlers): void {
  authHandlers = handlers;
}

/** The value of a cookie readable by scripts, or "" (the CSRF token lives in `zoneos_csrf`). */
export function readCookie(name: string): string {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return "";
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `?a=1&b=x` from the defined, non-empty values; "" when there are none. */
export function toQueryString(query: QueryParams | undefined): string {
  if (!query) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** An absolute API URL (for downloads through a plain link: the session cookie goes along). */
export function apiUrl(path: string, query?: QueryParams): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

type RequestOptions = {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Base other than /api/v1 (e.g. "/api" for the health check). */
  base?: string;
};

function isProblem(v: unknown): v is Problem {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { status?: unknown }).status === "number" &&
    typeof (v as { code?: unknown }).code === "string"
  );
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": getLang() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (method !== "GET") headers["X-CSRF-Token"] = readCookie("zoneos_csrf");

  const url = `${options.base ?? API_BASE}${path}${toQueryString(options.query)}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      code: "NETWORK",
      detail: t("common.networkError"),
    });
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;

  const error = new ApiError(
    isProblem(data)
      ? data
      : {
          type: "about:blank",
          title: res.statusText,
          status: res.status,
          code: `HTTP_${res.status}`,
          detail: t("common.unknownError", { status: res.status }),
        },
  );
  const isLogin = path === "/auth/login";
  if (error.status === 401 && !isLogin) authHandlers.unauthorized();
  if (error.status === 403 && error.code === "PASSWORD_CHANGE_REQUIRED") authHandlers.passwordChangeRequired();
  throw error;
}

/** The typed API client. The caller names the response type from @zoneos/contracts. */
export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
  delete: <T = void>(path: string, query?: QueryParams) => request<T>("DELETE", path, { query }),
  /** One file as the multipart field `file` (the Excel imports). */
  postFile: <T>(path: string, file: File) => {
    const body = new FormData();
    body.append("file", file, file.name);
    return request<T>("POST", path, { body });
  },
  /** Outside /api/v1, e.g. `api.raw("GET", "/health", "/api")`. */
  raw: <T>(method: Method, path: string, base: string) => request<T>(method, path, { base }),
};

/** The path of a field error as form-field name parts: "labels.0.label" or "/labels/0/label" → ["labels", 0, "label"]. */
export function fieldPath(path: string): (string | number)[] {
  return path
    .split(/[./[\]]+/)
    .filter((p) => p !== "")
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
