/**
 * @module @wxsync/core
 * Domain code shared by the worker and the extension. No platform API lives here: only web standards
 * (fetch types, Web Crypto) that both Cloudflare Workers and browsers provide.
 */
export * from "./api-keys/index.ts";
export * from "./errors/index.ts";
export * from "./health/index.ts";
export * from "./models/catalog.ts";
export * from "./sync/index.ts";
export * from "./webex/index.ts";
