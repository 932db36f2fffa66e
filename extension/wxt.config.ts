import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/**
 * The public half of the key that fixes the unpacked extension's id at aiaaldgddgmfdcenglabnccahmakebko, so the
 * worker can allow exactly that origin (CORS_ORIGINS in worker/wrangler.jsonc). A store listing gets its
 * own id: add chrome-extension://<that id> to CORS_ORIGINS.
 */
export const EXTENSION_PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAgbJKj6DprovoaptVwD/8CcCw6Kp8aSPTAHKnD/1N9dwAw70FA+FWq7hVdxmkBduqMpsECJ+dYXOYhAMUefCUaP5ASn4qejGBiByowxwWekUzgVFnEpCCffGrliJ0WqhsnLouYrIEfNyHm5xKAH7hXyQyTp+eRVI1LJcXLtwTsMx5lAG6H8iTKVy+OjUH28Thd1LQEbcBhAHA0qXJAn3Umu1AIxC/8yCwUktsZx+GQ/0ZgcawzUux6F1BfDRPlS7yFt4gJXDIf+jjEP1a1j+9rw88KZmB/R+AT9kpdPJxD8y2fhMPsmQg9xCz0qXgCP/msm+ANnH0PrPRwHY1Sc0kTwIDAQAB";

export default defineConfig({
  srcDir: ".",
  manifest: ({ mode, browser }) => ({
    name: "wxsync for Webex Control Hub",
    description:
      "Sync status, sync actions and CSV exports for every customer org, inside Control Hub and Partner Hub.",
    // Chrome takes its id from the key; Firefox from its own add-on id.
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: "wxsync@wxsync.dev", strict_min_version: "115.0" } } }
      : { key: EXTENSION_PUBLIC_KEY }),
    // downloads: CSV exports are saved by the browser's download manager, never through a link in the page.
    permissions: ["storage", "downloads"],
    // The panel frame, and only it, may be loaded by admin.webex.com (the content script puts it there).
    web_accessible_resources: [{ resources: ["panel.html"], matches: ["https://admin.webex.com/*"] }],
    // The worker's own origin is granted at run time from the options page; local workers are allowed in
    // development builds so `npm start` works without a prompt.
    host_permissions: [
      "https://admin.webex.com/*",
      ...(mode === "development" || process.env.WXSYNC_LOCAL_WORKER === "1"
        ? ["http://127.0.0.1/*", "http://localhost/*"]
        : []),
    ],
    optional_host_permissions: ["https://*/*"],
  }),
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
});
