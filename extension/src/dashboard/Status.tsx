/**
 * @module dashboard/Status
 * What a section shows while its answer is on the way or when it failed. An unreachable worker gets its
 * own unmistakable message, because every other section will be failing for the same reason.
 */
import type { WorkerFailure } from "../worker-api/client.ts";
import { UNREACHABLE } from "./ask.ts";
import type { Answer } from "./useAnswer.ts";

export function Failure({ error, onRetry }: { error: WorkerFailure; onRetry?: () => void }) {
  const offline = error.kind === "unreachable";
  return (
    <div
      class={offline ? "dash-offline" : "dash-error"}
      role="alert"
      data-testid={offline ? "dash-offline" : "dash-error"}
    >
      {offline && <strong>{UNREACHABLE}. </strong>}
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** The loading or error state of `answer`, or null once it has data (the caller renders that). */
export function Pending<T>({
  answer,
  what,
  onRetry,
}: {
  answer: Answer<T>;
  what: string;
  onRetry?: () => void;
}) {
  if (answer.status === "loading")
    return (
      <p class="dash-loading" role="status" data-testid="dash-loading">
        Loading {what}…
      </p>
    );
  if (answer.status === "error") return <Failure error={answer.error} onRetry={onRetry} />;
  return null;
}
