export * from "./answer.ts";
export * from "./client.ts";
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./oauth.ts";
export * from "./people.ts";
