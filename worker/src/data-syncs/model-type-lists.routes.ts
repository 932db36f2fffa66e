/**
 * @module data-syncs/model-type-lists
 * Model type lists: SparkDataAllMTL (built in: VOSS's models, empty exclusion list) and user-defined include and
 * exclusion lists.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  isModelName,
  resolveModelTypeList,
  SPARK_DATA_ALL_MODELS,
  SPARK_DATA_ALL_MTL,
  SPARK_DATA_SYNC_ORDER,
} from "@wxsync/core/models";
import { unscopedAdminOnly } from "../lib/access.ts";
import type { App } from "../lib/app-env.ts";
import { conflictFrom } from "../lib/conflict.ts";
import { ApiError } from "../lib/errors.ts";
import { pagedRows, pageSchema, pagingShape } from "../lib/listing.ts";
import { bearerSecurity, errorResponses, refusalDoc } from "../lib/openapi.ts";
import { jsonBody, jsonContent } from "../lib/params.ts";
import { modelTypeLists } from "./schema.ts";

const tags = ["Data syncs"];
const ModelEnum = z.enum(SPARK_DATA_SYNC_ORDER);

const ModelTypeListSchema = z
  .object({
    name: z.string(),
    builtIn: z.boolean(),
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    models: z.array(z.string()),
  })
  .openapi("ModelTypeList");
const ModelTypeListInput = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[\w.-]+$/, "may contain letters, digits, _ . and -"),
    include: z
      .array(ModelEnum)
      .default([])
      .openapi({ description: "Models to sync; empty means every model." }),
    exclude: z.array(ModelEnum).default([]),
  })
  .openapi("ModelTypeListCreate");

const mtlRoutes = {
  list: createRoute({
    method: "get",
    path: "/api/v1/model-type-lists",
    tags,
    summary: "Model type lists: SparkDataAllMTL (first) and user-defined ones",
    security: bearerSecurity,
    request: { query: z.object(pagingShape(["name"], "name")) },
    responses: {
      200: { description: "Lists", content: jsonContent(pageSchema(ModelTypeListSchema)) },
      ...errorResponses,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/api/v1/model-type-lists",
    tags,
    summary: "Add a model type list (include and exclusion lists; shared by every customer)",
    security: bearerSecurity,
    middleware: [unscopedAdminOnly()] as const,
    request: { body: jsonBody(ModelTypeListInput) },
    responses: {
      201: { description: "Created", content: jsonContent(ModelTypeListSchema) },
      ...errorResponses,
      403: refusalDoc(
        "The key's role is below admin, or the key is scoped to some customers (lists are global)",
      ),
      409: refusalDoc("A list has this name already"),
    },
  }),
};

export const registerModelTypeListRoutes = (app: App) => {
  app.openapi(mtlRoutes.list, async (c) => {
    const q = c.req.valid("query");
    const { items: rows, nextCursor } = await pagedRows(c.var.services.db, modelTypeLists, {
      columns: { name: modelTypeLists.name },
      id: modelTypeLists.id,
      sort: q.sort,
      defaultSort: "name",
      cursor: q.cursor,
      limit: q.limit,
    });
    const builtIn = {
      name: SPARK_DATA_ALL_MTL,
      builtIn: true,
      include: [],
      exclude: [],
      models: [...SPARK_DATA_ALL_MODELS],
    };
    const custom = rows.map((r) => ({
      name: r.name,
      builtIn: false,
      include: r.include,
      exclude: r.exclude,
      models: resolveModelTypeList({
        include: r.include.filter(isModelName),
        exclude: r.exclude.filter(isModelName),
      }),
    }));
    // The built-in list heads the first page (one more than `limit` there, by design: it is not a row).
    return c.json({ items: q.cursor ? custom : [builtIn, ...custom], nextCursor }, 200);
  });

  app.openapi(mtlRoutes.create, async (c) => {
    const { services } = c.var;
    const body = c.req.valid("json");
    if (body.name === SPARK_DATA_ALL_MTL)
      throw new ApiError("CONFLICT", `body.name: ${SPARK_DATA_ALL_MTL} is built in.`);
    const stamp = services.now().toISOString();
    await services.db
      .insert(modelTypeLists)
      .values({
        id: crypto.randomUUID(),
        name: body.name,
        include: body.include,
        exclude: body.exclude,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .catch(
        conflictFrom(c.var.principal, {
          "model_type_lists.name": {
            field: "body.name",
            what: "name",
            taken: `a list named ${body.name} exists already.`,
          },
        }),
      );
    return c.json(
      {
        name: body.name,
        builtIn: false,
        include: body.include,
        exclude: body.exclude,
        models: resolveModelTypeList({ include: body.include, exclude: body.exclude }),
      },
      201,
    );
  });
};
