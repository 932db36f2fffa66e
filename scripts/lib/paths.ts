import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const WORKER_DIR = join(ROOT, "worker");
export const EXTENSION_DIR = join(ROOT, "extension");
export const STATE_DIR = join(ROOT, ".wxsync");
const exe = process.platform === "win32" ? ".cmd" : "";
export const WRANGLER = join(WORKER_DIR, "node_modules", ".bin", `wrangler${exe}`);
export const TSX = join(ROOT, "node_modules", ".bin", `tsx${exe}`);
