import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client.ts";
import type { Config } from "../../platform/config.ts";

/** The outbound copy of a notification, as a webhook receives it (JSON) and an e-mail is written from. */
export interface OutboundMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  userId: string;
  username: string;
  subject: { type: string; id: string };
  createdAt: string;
}

/**
 * A way out of the platform for notifications. The in-app copy is written first; a channel's copy is a delivery
 * row the scheduler sends and retries, so a channel that fails never loses or changes the in-app one.
 */
export interface Channel {
  readonly name: "webhook" | "email";
  /** Where this user's copy goes, or null when the channel cannot reach them (e-mail and no address). */
  targetOf(user: { email: string | null }): string | null;
  /** Sends one copy; throws with a readable message when it did not go out. */
  send(message: OutboundMessage, target: string): Promise<void>;
  close?(): void;
}

export const WEBHOOK_SIGNATURE_HEADER = "x-zoneos-signature";
const WEBHOOK_TIMEOUT_MS = 5_000;

/** HMAC-SHA256 of the exact body sent, as `sha256=<hex>`. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** POSTs the message as JSON to `url`; any answer other than 2xx, or none within 5 s, is a failure. */
export function webhookChannel(url: string, secret?: string): Channel {
  return {
    name: "webhook",
    targetOf: () => url,
    async send(message, target) {
      const body = JSON.stringify(message);
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
      if (secret) headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(secret, body);
      let res: Response;
      try {
        res = await fetch(target, { method: "POST", headers, body, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
      } catch (e) {
        const err = e as Error & { cause?: { code?: string; message?: string } };
        throw new Error(
          err.name === "TimeoutError" ? "timeout after 5 s" : (err.cause?.code ?? err.cause?.message ?? err.message),
        );
      }
      await res.body?.cancel();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    },
  };
}

/** E-mails the message through the SMTP server of `url` (smtp://user:pass@host:587, smtps://… for TLS). */
export function emailChannel(url: string, from: string): Channel {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: "email",
    targetOf: (user) => user.email?.trim() || null,
    async send(message, target) {
      await transport.sendMail({
        from,
        to: target,
        subject: message.title,
        text: `${message.body}\n\n—— ZoneOS 开发区运行平台`,
      });
    },
    close: () => transport.close(),
  };
}

/** The channels the configuration turns on: the webhook when ZONEOS_WEBHOOK_URL is set, e-mail with ZONEOS_SMTP_URL. */
export function channelsFromConfig(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.webhookUrl) channels.push(webhookChannel(config.webhookUrl, config.webhookSecret));
  if (config.smtpUrl) channels.push(emailChannel(config.smtpUrl, config.smtpFrom ?? "ZoneOS <zoneos@localhost>"));
  return channels;
}

// The case engine writes notifications inside its own transactions, where only the database is at hand: the app
// registers its channels for its database once, so tests with several apps never share them.
const channelsByDb = new WeakMap<Db, Channel[]>();

/** Registers the outbound channels of the app running on `db` (buildApp does it from the configuration). */
export function useChannels(db: Db, channels: Channel[]): void {
  for (const c of channelsByDb.get(db) ?? []) c.close?.();
  channelsByDb.set(db, channels);
}

/** The outbound channels registered for `db` (none when nothing is configured). */
export function channelsOf(db: Db): Channel[] {
  return channelsByDb.get(db) ?? [];
}
