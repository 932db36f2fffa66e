/**
 * @module local-api-key
 * The admin API key of a local installation: created on first run, kept in .wxsync/local-api-key
 * (git-ignored, owner-only), and (re)registered in local D1 on every start so a wiped database still accepts it.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiKeyHint, generateApiKey, hashApiKey, isApiKeyFormat } from "@wxsync/core/api-keys";
import { executeLocalSql } from "./local-stack.ts";
import { STATE_DIR } from "./paths.ts";

export const LOCAL_API_KEY_FILE = join(STATE_DIR, "local-api-key");

export async function ensureLocalApiKey(persistTo?: string): Promise<{ key: string; created: boolean }> {
  mkdirSync(STATE_DIR, { recursive: true });
  let key = existsSync(LOCAL_API_KEY_FILE) ? readFileSync(LOCAL_API_KEY_FILE, "utf8").trim() : "";
  const created = !isApiKeyFormat(key);
  if (created) {
    key = generateApiKey();
    writeFileSync(LOCAL_API_KEY_FILE, `${key}\n`, { mode: 0o600 });
  }
  const hash = await hashApiKey(key);
  // The values are generated here (hex hash, base64url hint), never user input, so inlining them is safe.
  // A new key file replaces the old key (and lifts a revocation of the old one); the same file changes nothing,
  // so revoking the local key through the API sticks across restarts.
  executeLocalSql(
    "INSERT INTO api_keys (id, name, role, customer_scope, key_hash, key_hint, created_at) VALUES " +
      `('local-admin', 'Local admin (npm start)', 'admin', NULL, '${hash}', '${apiKeyHint(key)}', '${new Date().toISOString()}') ` +
      "ON CONFLICT(id) DO UPDATE SET key_hash = excluded.key_hash, key_hint = excluded.key_hint, revoked_at = NULL " +
      "WHERE api_keys.key_hash <> excluded.key_hash",
    persistTo,
  );
  return { key, created };
}
