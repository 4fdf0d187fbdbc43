/**
 * A logged-in HTTP client for setting up what a journey starts from (the state a user finds, not the steps the
 * journey is about). It keeps the session cookie and sends the CSRF header like the web app.
 */
export class ApiUser {
  private cookies = new Map<string, string>();
  private constructor(private readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password = "Demo@2026"): Promise<ApiUser> {
    const u = new ApiUser(baseUrl);
    await u.call("POST", "/api/v1/auth/login", { username, password });
    return u;
  }

  async call<T = Record<string, unknown>>(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = this.cookies.get("zoneos_csrf");
    if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = (pair ?? "").indexOf("=");
      if (i > 0) this.cookies.set((pair as string).slice(0, i), (pair as string).slice(i + 1));
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
