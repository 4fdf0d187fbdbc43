import { ROLES, UNIT_KINDS } from "@zoneos/domain";
import { z } from "zod";
import { NewPassword } from "./auth.ts";
import { optionalText } from "./common.ts";

export const Unit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number(),
  userCount: z.number(),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = z.object({ items: z.array(Unit) });

export const UnitInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  parentId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  sortOrder: z.coerce.number().int().min(0).max(100000).default(0),
});
export type UnitInput = z.input<typeof UnitInput>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  /** Where e-mail notices go when the platform sends e-mail (ZONEOS_SMTP_URL). */
  email: z.string().nullable(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const UserList = z.object({ items: z.array(User), total: z.number() });

const UserFields = {
  displayName: z.string().trim().min(1).max(50),
  phone: optionalText(30),
  email: optionalText(200).pipe(z.email().nullable()),
  role: z.enum(ROLES),
  unitId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  enterpriseId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
};

export const UserCreate = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_.@-]+$/, { message: "用户名只能包含字母、数字和 _ . @ -" }),
  initialPassword: NewPassword,
  ...UserFields,
});
export type UserCreate = z.input<typeof UserCreate>;

export const UserUpdate = z.object({ ...UserFields, disabled: z.boolean().default(false) });
export type UserUpdate = z.input<typeof UserUpdate>;

export const ResetPasswordRequest = z.object({ initialPassword: NewPassword });

export const Zone = z.object({ id: z.string(), name: z.string() });
