import {
  Ok,
  Trip,
  TripCounts,
  TripCountsQuery,
  TripInput,
  TripList,
  TripOptions,
  TripQuery,
  TripUpdate,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import {
  changeTrip,
  createTrip,
  getTrip,
  listTripsFor,
  removeTrip,
  tripCountsFor,
  tripOptions,
} from "./trips.service.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["trips"];

/** Trips out to attract investment (外出招商): the list, the counts per leader and unit, one trip, its changes. */
export function tripRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/trips",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "The zone's trips, latest first (filters: year or from/to by start date, leader, unit)",
        querystring: TripQuery,
        response: { 200: TripList },
      },
    },
    async (req) => listTripsFor(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/trips/counts",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "Trips per leader (一把手带队外出招商 N 次) and per unit whose start date is in the period",
        querystring: TripCountsQuery,
        response: { 200: TripCounts },
      },
    },
    async (req) => tripCountsFor(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/trips/options",
    {
      config: { permission: "lead.read" },
      schema: { tags, summary: "Units, leaders and staff for the trip form", response: { 200: TripOptions } },
    },
    async (req) => tripOptions(db, ctxOf(req, clock)),
  );
  app.post(
    "/api/v1/trips",
    {
      config: { permission: "lead.edit" },
      schema: { tags, summary: "Record a trip", body: TripInput, response: { 201: Trip } },
    },
    async (req, reply) => reply.status(201).send(await createTrip(db, ctxOf(req, clock), req.body)),
  );
  app.get(
    "/api/v1/trips/:id",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "One trip with the leads that came from it",
        params: IdParams,
        response: { 200: Trip },
      },
    },
    async (req) => getTrip(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/trips/:id",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Change a trip (stale version: 409)",
        params: IdParams,
        body: TripUpdate,
        response: { 200: Trip },
      },
    },
    async (req) => changeTrip(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/trips/:id",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Delete a trip no lead links to",
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await removeTrip(db, ctxOf(req, clock), req.params.id);
      return { ok: true as const };
    },
  );
}
