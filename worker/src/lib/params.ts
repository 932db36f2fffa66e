import { z } from "@hono/zod-openapi";

/** Path `{id}` of a wxsync resource: our ids are UUIDs, and anything else is rejected before a query runs. */
export const IdParam = z.object({
  id: z
    .uuid({ error: "must be a wxsync id (a UUID)" })
    .openapi({ param: { name: "id", in: "path" }, example: "0b6f8a4e-3c1d-4c2a-9d7e-5f1a2b3c4d5e" }),
});

export const jsonContent = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/** A required JSON request body of this schema. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: jsonContent(schema),
});
