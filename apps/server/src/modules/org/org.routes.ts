import {
  Ok,
  ResetPasswordRequest,
  Unit,
  UnitInput,
  UnitList,
  User,
  UserCreate,
  UserList,
  UserListQuery,
  UserUpdate,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import {
  changeUnit,
  changeUser,
  createUnit,
  createUser,
  getUnits,
  removeUnit,
  resetPassword,
  searchUsers,
  unlockUser,
} from "./org.service.ts";

const IdParams = z.object({ id: z.uuid() });

export function orgRoutes(app: App, { db, clock }: AppDeps) {
  const manage = { permission: "org.manage" as const };
  app.get(
    "/api/v1/units",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["org"],
        summary: "Units of the zone (flat; build the tree from parentId)",
        response: { 200: UnitList },
      },
    },
    async (req) => ({
      items: await getUnits(db, ctxOf(req, clock)),
    }),
  );
  app.post(
    "/api/v1/units",
    { config: manage, schema: { tags: ["org"], body: UnitInput, response: { 201: Unit } } },
    async (req, reply) => reply.status(201).send(await createUnit(db, ctxOf(req, clock), req.body)),
  );
  app.put(
    "/api/v1/units/:id",
    { config: manage, schema: { tags: ["org"], params: IdParams, body: UnitInput, response: { 200: Unit } } },
    async (req) => changeUnit(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/units/:id",
    { config: manage, schema: { tags: ["org"], params: IdParams } },
    async (req, reply) => {
      await removeUnit(db, ctxOf(req, clock), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/users",
    { config: manage, schema: { tags: ["org"], querystring: UserListQuery, response: { 200: UserList } } },
    async (req) => searchUsers(db, ctxOf(req, clock), req.query),
  );
  app.post(
    "/api/v1/users",
    { config: manage, schema: { tags: ["org"], body: UserCreate, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await createUser(db, ctxOf(req, clock), req.body)),
  );
  app.put(
    "/api/v1/users/:id",
    { config: manage, schema: { tags: ["org"], params: IdParams, body: UserUpdate, response: { 200: User } } },
    async (req) => changeUser(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.post(
    "/api/v1/users/:id/reset-password",
    { config: manage, schema: { tags: ["org"], params: IdParams, body: ResetPasswordRequest, response: { 200: Ok } } },
    async (req) => {
      await resetPassword(db, ctxOf(req, clock), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/v1/users/:id/unlock",
    { config: manage, schema: { tags: ["org"], params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await unlockUser(db, ctxOf(req, clock), req.params.id);
      return { ok: true as const };
    },
  );
}
