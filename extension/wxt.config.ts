import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

export default defineConfig({
  srcDir: ".",
  manifest: ({ mode }) => ({
    name: "wxsync for Webex Control Hub",
    description:
      "Sync status, sync actions and CSV exports for every customer org, inside Control Hub and Partner Hub.",
    permissions: ["storage"],
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
