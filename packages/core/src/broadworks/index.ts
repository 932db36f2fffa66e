/**
 * @module broadworks
 * Webex for BroadWorks directory sync: the API calls, their answers, what error codes mean, when the next
 * sync is due, and contact-limit warnings. Pure domain code; the worker decides when and for whom to run it.
 */
export * from "./client.ts";
export * from "./contacts.ts";
export * from "./errors.ts";
export * from "./schedule.ts";
export * from "./schemas.ts";
