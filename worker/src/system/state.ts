import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { systemState } from "./schema.ts";

export type SystemStateKey = "lastCronAt" | "broadworksRefreshedAt";

export async function readState(db: Db, key: SystemStateKey): Promise<string | null> {
  const row = await db.select().from(systemState).where(eq(systemState.key, key)).get();
  return row?.value ?? null;
}

export async function writeState(db: Db, key: SystemStateKey, value: string, now = new Date()) {
  const updatedAt = now.toISOString();
  await db
    .insert(systemState)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: systemState.key, set: { value, updatedAt } });
}
