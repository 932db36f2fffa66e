import pkg from "../package.json" with { type: "json" };

/** The worker's release, reported by the health endpoint and the OpenAPI document. */
export const VERSION: string = pkg.version;
