/**
 * Every table of the worker, gathered for drizzle-kit (`pnpm --filter @wxsync/worker db:generate`)
 * and for typed queries. Each feature owns its tables in its own folder.
 */
export * from "../api-keys/schema.ts";
export * from "../broadworks/schema.ts";
export * from "../customers/schema.ts";
export * from "../data-syncs/schema.ts";
export * from "../devices/schema.ts";
export * from "../grants/schema.ts";
export * from "../logs/schema.ts";
export * from "../notifications/schema.ts";
export * from "../oauth/schema.ts";
export * from "../partners/schema.ts";
export * from "../sync/schema.ts";
export * from "../sync/tables.ts";
export * from "../system/schema.ts";
export * from "../transactions/schema.ts";
