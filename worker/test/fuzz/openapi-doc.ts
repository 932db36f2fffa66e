/**
 * The part of an OpenAPI 3.1 document the fuzz test reads: every operation with its parameters and request
 * body, and the JSON Schemas they point to. Parsed with zod because the document is whatever the worker
 * serves today, and a shape this code does not understand should fail loudly, not generate nonsense.
 */
import { z } from "zod";

/** The JSON Schema keywords the generators understand; anything else in the document is ignored. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  description?: string;
};

const JsonSchemaShape: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    $ref: z.string().optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    format: z.string().optional(),
    pattern: z.string().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    items: JsonSchemaShape.optional(),
    minItems: z.number().optional(),
    maxItems: z.number().optional(),
    properties: z.record(z.string(), JsonSchemaShape).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), JsonSchemaShape]).optional(),
    anyOf: z.array(JsonSchemaShape).optional(),
    oneOf: z.array(JsonSchemaShape).optional(),
    allOf: z.array(JsonSchemaShape).optional(),
    nullable: z.boolean().optional(),
    description: z.string().optional(),
  }),
);

const ParameterShape = z.object({
  name: z.string(),
  in: z.enum(["path", "query", "header", "cookie"]),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: JsonSchemaShape.default({}),
});
export type Parameter = z.infer<typeof ParameterShape>;

const OperationShape = z.object({
  parameters: z.array(ParameterShape).default([]),
  responses: z.record(z.string(), z.object({ content: z.record(z.string(), z.unknown()).optional() })),
  requestBody: z
    .object({
      required: z.boolean().optional(),
      content: z.record(z.string(), z.object({ schema: JsonSchemaShape.default({}) })),
    })
    .optional(),
});

const DocumentShape = z.object({
  openapi: z.string().startsWith("3.1"),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z
    .object({ schemas: z.record(z.string(), JsonSchemaShape).default({}) })
    .default({ schemas: {} }),
});

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

export type Operation = {
  method: Uppercase<(typeof METHODS)[number]>;
  path: string;
  parameters: Parameter[];
  /** The media types each documented status answers with, by status ("400"). */
  responses: Record<string, string[]>;
  /** Media type and schema of the request body, when the operation takes one. */
  body: { mediaType: string; schema: JsonSchema; required: boolean } | null;
};

export type ApiDocument = { operations: Operation[]; resolve: (schema: JsonSchema) => JsonSchema };

export function readDocument(json: unknown): ApiDocument {
  const doc = DocumentShape.parse(json);
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`The document refers to ${schema.$ref}, which it does not define.`);
    return resolve(target);
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    // Parameters may also sit on the path item, shared by its operations.
    const shared = z.array(ParameterShape).default([]).parse(item.parameters);
    for (const method of METHODS) {
      if (!(method in item)) continue;
      const op = OperationShape.parse(item[method]);
      const own = new Set(op.parameters.map((p) => `${p.in}:${p.name}`));
      const [mediaType, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase() as Operation["method"],
        path,
        parameters: [...shared.filter((p) => !own.has(`${p.in}:${p.name}`)), ...op.parameters],
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [status, Object.keys(r.content ?? {})]),
        ),
        body:
          mediaType && content
            ? { mediaType, schema: content.schema, required: op.requestBody?.required ?? false }
            : null,
      });
    }
  }
  return { operations, resolve };
}
