export * from "./canonical.ts";
export * from "./engine.ts";
export * from "./governor.ts";
export * from "./item.ts";
export * from "./owners.ts";
export * from "./specs/index.ts";
export * from "./state.ts";
export * from "./store.ts";
