import { useEffect, useState } from "preact/hooks";
import type { Settings } from "./settings.ts";

export type OptionsFormProps = {
  load: () => Promise<Settings>;
  save: (settings: Settings) => Promise<void>;
};

/** Returns a message naming the field and the problem, or null when the settings can be saved. */
export function validateSettings({ workerUrl, apiKey }: Settings): string | null {
  let url: URL;
  try {
    url = new URL(workerUrl);
  } catch {
    return "Worker URL: enter a full URL such as https://wxsync.example.workers.dev";
  }
  if (url.protocol !== "https:" && !["127.0.0.1", "localhost"].includes(url.hostname)) {
    return "Worker URL: use https (plain http is only allowed for a local worker)";
  }
  if (apiKey && !/^wxs_[A-Za-z0-9_-]{43}$/.test(apiKey.trim())) {
    return "API key: wxsync keys start with wxs_ and are 47 characters long";
  }
  return null;
}

export function OptionsForm({ load, save }: OptionsFormProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    load().then(setSettings);
  }, [load]);

  if (!settings) return <p>Loading…</p>;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const problem = validateSettings(settings);
    if (problem) return setMessage(problem);
    await save({ workerUrl: settings.workerUrl.replace(/\/+$/, ""), apiKey: settings.apiKey.trim() });
    setMessage("Saved.");
  };

  return (
    <form onSubmit={onSubmit}>
      <h1>wxsync</h1>
      <label>
        Worker URL
        <input
          name="workerUrl"
          value={settings.workerUrl}
          onInput={(e) => setSettings({ ...settings, workerUrl: e.currentTarget.value })}
        />
      </label>
      <label>
        API key
        <input
          name="apiKey"
          type="password"
          autoComplete="off"
          value={settings.apiKey}
          onInput={(e) => setSettings({ ...settings, apiKey: e.currentTarget.value })}
        />
      </label>
      <button type="submit">Save</button>
      <p role="status">{message}</p>
    </form>
  );
}
