import { useEffect, useState } from "preact/hooks";
import type { ConnectionReport } from "../messaging/protocol.ts";
import type { Settings } from "./settings.ts";

export type OptionsFormProps = {
  load: () => Promise<Settings>;
  save: (settings: Settings) => Promise<void>;
  /** Asks the browser for access to the worker's origin (a prompt the user answers once). */
  grant?: (origin: string) => Promise<boolean>;
  /** Runs "Test connection" on the settings as typed (saved or not). */
  test?: (settings: Settings) => Promise<ConnectionReport>;
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

export function OptionsForm({ load, save, grant, test }: OptionsFormProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState("");
  const [report, setReport] = useState<ConnectionReport | "testing" | null>(null);

  useEffect(() => {
    load().then(setSettings);
  }, [load]);

  if (!settings) return <p>Loading…</p>;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const problem = validateSettings(settings);
    if (problem) return setMessage(problem);
    const cleaned = { workerUrl: settings.workerUrl.replace(/\/+$/, ""), apiKey: settings.apiKey.trim() };
    // The permission prompt must come from the click itself, before anything else is awaited.
    const granted = grant ? await grant(new URL(cleaned.workerUrl).origin) : true;
    await save(cleaned);
    setMessage(
      granted
        ? "Saved."
        : "Saved, but the browser was not allowed to reach the worker: save again and accept.",
    );
  };

  const onTest = async () => {
    if (!test) return;
    const problem = validateSettings(settings);
    if (problem) return setMessage(problem);
    setReport("testing");
    setReport(
      await test({ workerUrl: settings.workerUrl.replace(/\/+$/, ""), apiKey: settings.apiKey.trim() }),
    );
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
      {test && (
        <button type="button" data-testid="test-connection" onClick={onTest}>
          Test connection
        </button>
      )}
      <p role="status">{message}</p>
      {report === "testing" && <p>Testing…</p>}
      {report && report !== "testing" && <ConnectionResult report={report} />}
    </form>
  );
}

function ConnectionResult({ report }: { report: ConnectionReport }) {
  return (
    <section data-testid="connection-report" data-ok={String(report.ok)}>
      <h2>{report.ok ? "Connected" : "Not connected"}</h2>
      <ul>
        {report.steps.map((step) => (
          <li key={step.name} data-ok={String(step.ok)}>
            {step.ok ? "✔" : "✘"} <strong>{step.name}</strong>: {step.message}
          </li>
        ))}
      </ul>
      {report.whoami && <p data-testid="connection-abilities">This key may {report.abilities.join(", ")}.</p>}
    </section>
  );
}
