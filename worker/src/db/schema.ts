/**
 * Every table of the worker, gathered for drizzle-kit (`pnpm --filter @wxsync/worker db:generate`)
 * and for typed queries. Each feature owns its tables in its own folder.
 */
export * from "../api-keys/schema.ts";
export * from "../system/schema.ts";
