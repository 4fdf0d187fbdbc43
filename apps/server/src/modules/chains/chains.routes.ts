import {
  CascadeQuery,
  ChainGaps,
  ChainInput,
  ChainLinkInput,
  ChainList,
  ChainSummary,
  ChainTarget,
  ChainTargetImportResult,
  ChainTargetInput,
  ChainTargetList,
  ChainTargetUpdate,
  ChainUpdate,
  GapLink,
  PlacementChange,
  PlacementSuggestions,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf, sendXlsx, xlsxUpload } from "../../platform/http.ts";
import {
  chainGaps,
  chainList,
  changeChain,
  changeLink,
  changePlacements,
  createChain,
  createLink,
  getChain,
  linkOf,
  placementSuggestions,
  removeChain,
  removeLink,
} from "./chains.service.ts";
import {
  changeTarget,
  createTarget,
  exportTargets,
  importTargets,
  listTargets,
  removeTarget,
  targetTemplate,
} from "./chains.targets.ts";

const IdParams = z.object({ id: z.uuid() });
const LinkParams = z.object({ id: z.uuid(), linkId: z.uuid() });
const TargetParams = z.object({ id: z.uuid(), targetId: z.uuid() });
const tags = ["chains"];

/** Industrial chains (产业链图谱): chains, links, placements, targets and the gap analysis. */
export function chainRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/chains",
    {
      config: { permission: "chain.read" },
      schema: { tags, summary: "The zone's chains with their counts and coverage", response: { 200: ChainList } },
    },
    async (req) => chainList(db, ctxOf(req, clock)),
  );
  app.post(
    "/api/v1/chains",
    {
      config: { permission: "chain.edit" },
      schema: { tags, summary: "Create a chain", body: ChainInput, response: { 201: ChainSummary } },
    },
    async (req, reply) => reply.status(201).send(await createChain(db, ctxOf(req, clock), req.body)),
  );
  app.get(
    "/api/v1/chains/:id",
    {
      config: { permission: "chain.read" },
      schema: { tags, summary: "One chain with its counts", params: IdParams, response: { 200: ChainSummary } },
    },
    async (req) => getChain(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/chains/:id",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Change a chain's name, description and coverage thresholds (stale version: 409)",
        params: IdParams,
        body: ChainUpdate,
        response: { 200: ChainSummary },
      },
    },
    async (req) => changeChain(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/chains/:id",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Delete a chain (with links: only with cascade=true; never with targets that became leads)",
        params: IdParams,
        querystring: CascadeQuery,
      },
    },
    async (req, reply) => {
      await removeChain(db, ctxOf(req, clock), req.params.id, req.query.cascade);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/chains/:id/gaps",
    {
      config: { permission: "chain.read" },
      schema: {
        tags,
        summary: "The gap analysis: every link with its coverage, enterprises and targets; the missing and weak links",
        params: IdParams,
        response: { 200: ChainGaps },
      },
    },
    async (req) => chainGaps(db, ctxOf(req, clock), req.params.id),
  );

  // ---- links
  app.post(
    "/api/v1/chains/:id/links",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Add a link (a sub-link names its parent and takes its segment)",
        params: IdParams,
        body: ChainLinkInput,
        response: { 201: GapLink },
      },
    },
    async (req, reply) => reply.status(201).send(await createLink(db, ctxOf(req, clock), req.params.id, req.body)),
  );
  app.put(
    "/api/v1/chains/:id/links/:linkId",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Rename or move a link (its sub-links follow it)",
        params: LinkParams,
        body: ChainLinkInput,
        response: { 200: GapLink },
      },
    },
    async (req) => changeLink(db, ctxOf(req, clock), req.params.id, req.params.linkId, req.body),
  );
  app.delete(
    "/api/v1/chains/:id/links/:linkId",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Delete a link (with sub-links, placements or targets: only with cascade=true)",
        params: LinkParams,
        querystring: CascadeQuery,
      },
    },
    async (req, reply) => {
      await removeLink(db, ctxOf(req, clock), req.params.id, req.params.linkId, req.query.cascade);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/chains/:id/links/:linkId",
    {
      config: { permission: "chain.read" },
      schema: {
        tags,
        summary: "One link with its coverage, every enterprise placed on it and its targets",
        params: LinkParams,
        response: { 200: GapLink },
      },
    },
    async (req) => linkOf(db, ctxOf(req, clock), req.params.id, req.params.linkId),
  );
  app.put(
    "/api/v1/chains/:id/links/:linkId/enterprises",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Place enterprises of the registry on a link and take others off it",
        params: LinkParams,
        body: PlacementChange,
        response: { 200: GapLink },
      },
    },
    async (req) => changePlacements(db, ctxOf(req, clock), req.params.id, req.params.linkId, req.body),
  );
  app.get(
    "/api/v1/chains/:id/links/:linkId/suggestions",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Enterprises of the registry in the link's industry not yet on it",
        params: LinkParams,
        response: { 200: PlacementSuggestions },
      },
    },
    async (req) => placementSuggestions(db, ctxOf(req, clock), req.params.id, req.params.linkId),
  );

  // ---- targets
  app.get(
    "/api/v1/chains/:id/targets",
    {
      config: { permission: "chain.read" },
      schema: { tags, summary: "The chain's targets", params: IdParams, response: { 200: ChainTargetList } },
    },
    async (req) => listTargets(db, ctxOf(req, clock), req.params.id),
  );
  app.get(
    "/api/v1/chains/:id/targets/template",
    {
      config: { permission: "chain.edit" },
      schema: { tags, summary: "The target import template of the chain", params: IdParams },
    },
    async (req, reply) =>
      sendXlsx(reply, "招商目标导入模板.xlsx", await targetTemplate(db, ctxOf(req, clock), req.params.id)),
  );
  app.post(
    "/api/v1/chains/:id/targets/import",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Add targets onto the chain's links from an .xlsx: all rows or none, with a report",
        params: IdParams,
        consumes: ["multipart/form-data"],
        response: { 200: ChainTargetImportResult },
      },
    },
    async (req) => importTargets(db, ctxOf(req, clock), req.params.id, await xlsxUpload(req)),
  );
  app.get(
    "/api/v1/chains/:id/targets/export",
    {
      config: { permission: "chain.read" },
      schema: { tags, summary: "The chain's targets as an .xlsx", params: IdParams },
    },
    async (req, reply) => {
      const { fileName, body } = await exportTargets(db, ctxOf(req, clock), req.params.id);
      return sendXlsx(reply, fileName, body);
    },
  );
  app.post(
    "/api/v1/chains/:id/links/:linkId/targets",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Add a target on a link",
        params: LinkParams,
        body: ChainTargetInput,
        response: { 201: ChainTarget },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createTarget(db, ctxOf(req, clock), req.params.id, req.params.linkId, req.body)),
  );
  app.put(
    "/api/v1/chains/:id/targets/:targetId",
    {
      config: { permission: "chain.edit" },
      schema: {
        tags,
        summary: "Change a target (linkId moves it to another link)",
        params: TargetParams,
        body: ChainTargetUpdate,
        response: { 200: ChainTarget },
      },
    },
    async (req) => changeTarget(db, ctxOf(req, clock), req.params.id, req.params.targetId, req.body),
  );
  app.delete(
    "/api/v1/chains/:id/targets/:targetId",
    {
      config: { permission: "chain.edit" },
      schema: { tags, summary: "Delete a target (not one that became a lead)", params: TargetParams },
    },
    async (req, reply) => {
      await removeTarget(db, ctxOf(req, clock), req.params.id, req.params.targetId);
      return reply.status(204).send();
    },
  );
}
