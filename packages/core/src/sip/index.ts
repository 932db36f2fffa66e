export * from "./password.ts";
export * from "./webex.ts";
