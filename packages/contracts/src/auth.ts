import { isStrongPassword, ROLES } from "@zoneos/domain";
import { z } from "zod";

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const NewPassword = z
  .string()
  .max(200)
  .refine(isStrongPassword, {
    params: {
      i18n: {
        "zh-CN": "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类",
        "en-US": "At least 8 characters from at least 3 of: lower case, upper case, digits, symbols",
      },
    },
    message: "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类",
  });

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  zoneId: z.string(),
  zoneName: z.string(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me });
