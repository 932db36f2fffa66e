/**
 * @module job-routes
 * Durable jobs (BroadWorks sync-all, bulk SIP rotation) are read the same way: the owner's jobs newest first,
 * and one job by id. This declares both routes for a job schema, so every job list pages and answers alike.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { pageSchema, pagingShape } from "./listing.ts";
import { bearerSecurity, errorResponses } from "./openapi.ts";
import { IdParam, jsonContent } from "./params.ts";

export const JobParams = IdParam.extend({
  jobId: z.uuid({ error: "must be a job id (a UUID)" }).openapi({ param: { name: "jobId", in: "path" } }),
});

export function jobReadRoutes<const P extends string, S extends z.ZodType>(options: {
  path: P;
  tags: string[];
  schema: S;
  summaries: { list: string; get: string };
  errors: RouteConfig["responses"];
}) {
  const { path, tags, schema, summaries, errors } = options;
  return {
    list: createRoute({
      method: "get",
      path,
      tags,
      summary: summaries.list,
      security: bearerSecurity,
      request: { params: IdParam, query: z.object(pagingShape(["createdAt"], "-createdAt")) },
      responses: {
        200: { description: "Jobs", content: jsonContent(pageSchema(schema)) },
        ...errorResponses,
        ...errors,
      },
    }),
    get: createRoute({
      method: "get",
      path: `${path}/{jobId}` as `${P}/{jobId}`,
      tags,
      summary: summaries.get,
      security: bearerSecurity,
      request: { params: JobParams },
      responses: {
        200: { description: "The job", content: jsonContent(schema) },
        ...errorResponses,
        ...errors,
      },
    }),
  };
}
