import { createWebexClient, type Query, type WebexClient } from "../webex/client.ts";
import { WebexApiError } from "../webex/errors.ts";
import { contentHash, diffFields } from "./canonical.ts";
import { createGovernor, type Governor, mapGoverned } from "./governor.ts";
import { arr, type Item, obj, str } from "./item.ts";
import { planContext, withOwners } from "./owners.ts";
import { removeUnlisted } from "./removal.ts";
import { MODEL_SPECS, type ModelSpec, type PlanContext } from "./specs/index.ts";
import { type ModelProgress, nextModel, type RunState, settleStatus } from "./state.ts";
import type { Change, SyncRow, SyncStore } from "./store.ts";

export type EngineDeps = {
  webex: {
    baseUrl: string;
    token: () => string | Promise<string>;
    orgId?: string;
    fetch?: typeof fetch;
    sleep?: (ms: number) => Promise<void>;
  };
  store: SyncStore;
  /** The customer's organization id (for the Organization model). */
  orgId: string;
  /** Webex requests per chunk; the runner sizes it to one invocation's subrequest limit. Default 400. */
  budget?: number;
  governor?: Governor;
};

class Chunk {
  spent = 0;
  constructor(
    readonly state: RunState,
    readonly deps: EngineDeps,
    readonly client: WebexClient,
    readonly governor: Governor,
    readonly ctx: PlanContext,
    readonly budget: number,
  ) {}

  get exhausted() {
    return this.spent >= this.budget;
  }

  get progress(): ModelProgress {
    return this.state.progress[this.state.index]!;
  }

  enrich(spec: ModelSpec, items: Item[]): Promise<Item[]> {
    return withOwners(this.deps.store, this.ctx, spec.name, items);
  }

  /** Details, enrichment, hashing and the diff for one batch of listed items. */
  async process(spec: ModelSpec, listed: Item[]): Promise<void> {
    const { store } = this.deps;
    const { options } = this.state;
    const withIds = listed.filter((item) => spec.id(item) !== null);
    if (withIds.length < listed.length) {
      this.progress.errors.push({
        message: `${listed.length - withIds.length} ${spec.name} item(s) without an id were skipped.`,
      });
    }
    const ids = withIds.map((item) => spec.id(item)!);
    const stored = await store.existing(spec.name, ids);
    const wantsDetail = (item: Item) =>
      !!spec.detail && !options.quickImport && (options.refreshExisting || !stored.has(spec.id(item)!));
    const complete = await mapGoverned(this.governor, withIds, async (item) => {
      const detailPath = wantsDetail(item) ? spec.detail!(item) : null;
      if (!detailPath) return item;
      this.spent++;
      const detail = obj(await this.client.get(detailPath));
      return { ...item, ...detail };
    });
    const enriched = await this.enrich(spec, complete);
    const rows: SyncRow[] = await Promise.all(
      enriched.map(async (payload) => ({
        id: spec.id(payload)!,
        hash: await contentHash(payload),
        label: spec.label(payload),
        payload,
        columns: Object.fromEntries(
          Object.entries(spec.columns).map(([name, read]) => [name, read(payload, this.ctx)]),
        ),
      })),
    );
    const writes: SyncRow[] = [];
    const changes: Change[] = [];
    for (const row of rows) {
      const before = stored.get(row.id);
      if (!before) {
        if (!options.allowAdd) continue;
        writes.push(row);
        changes.push({ model: spec.name, itemId: row.id, label: row.label, kind: "added", fields: [] });
        this.progress.added++;
      } else if (
        before.hash !== row.hash &&
        options.refreshExisting &&
        !options.quickImport &&
        options.allowUpdate
      ) {
        writes.push(row);
        changes.push({
          model: spec.name,
          itemId: row.id,
          label: row.label,
          kind: "updated",
          fields: diffFields(before.payload, row.payload),
        });
        this.progress.updated++;
      } else {
        this.progress.unchanged++;
      }
    }
    await store.write(spec.name, writes);
    await store.recordChanges(changes);
    await store.markSeen(spec.name, ids);
    this.progress.items += withIds.length;
    this.progress.expected = Math.max(this.progress.expected ?? 0, this.progress.items);
  }

  async fetchList(
    spec: ModelSpec,
    path: string,
    itemKey: string,
    query: Query | undefined,
    page: { param: string; size: number } | undefined,
  ) {
    const cursor = this.state.cursor;
    while (!this.exhausted) {
      const first = !cursor.next;
      const target = cursor.next ?? path;
      this.spent++;
      const result = await this.client.page(
        target,
        itemKey,
        first ? { ...query, ...(page ? { [page.param]: page.size } : {}) } : {},
      );
      await this.process(spec, result.items as Item[]);
      this.progress.pages++;
      if (!result.next) return true;
      cursor.next = result.next;
    }
    return false;
  }

  async fetchPerParent(spec: ModelSpec, parents: Item[], perParent: (parent: Item) => Promise<Item[]>) {
    const cursor = this.state.cursor;
    while (cursor.parentOffset < parents.length && !this.exhausted) {
      const batch = parents.slice(
        cursor.parentOffset,
        cursor.parentOffset + Math.max(1, this.governor.limit * 2),
      );
      const results = await mapGoverned(this.governor, batch, perParent);
      await this.process(spec, results.flat());
      this.progress.pages += batch.length;
      cursor.parentOffset += batch.length;
    }
    return cursor.parentOffset >= parents.length;
  }

  /** Lists or reads the current model from its cursor; true when the listing is complete. */
  async fetch(spec: ModelSpec): Promise<boolean> {
    const { fetch } = spec;
    const { store, orgId } = this.deps;
    switch (fetch.kind) {
      case "single": {
        this.spent++;
        await this.process(spec, [obj(await this.client.get(fetch.path(orgId)))]);
        this.progress.pages++;
        return true;
      }
      case "list":
        return this.fetchList(spec, fetch.path, fetch.itemKey, fetch.query, fetch.page);
      case "derived":
        await this.process(spec, fetch.select(await store.readAll(fetch.from)));
        return true;
      case "perParent": {
        const parents = await store.readAll(fetch.parent);
        return this.fetchPerParent(spec, parents, async (parent) => {
          const path = fetch.path(parent);
          if (!path) return [];
          const items: Item[] = [];
          for await (const page of this.client.pages(path, fetch.itemKey, {
            ...fetch.query,
            ...(fetch.page ? { [fetch.page.param]: fetch.page.size } : {}),
          })) {
            this.spent++;
            items.push(
              ...(page as Item[]).map((item) => (fetch.annotate ? fetch.annotate(item, parent) : item)),
            );
          }
          return items;
        });
      }
      case "perParentGet": {
        // Quick Import makes list calls only; per-object reads are for full syncs.
        if (this.state.options.quickImport) return true;
        const parents = (await store.readAll(fetch.parent)).filter(fetch.include);
        return this.fetchPerParent(spec, parents, async (parent) => {
          const path = fetch.path(parent);
          if (!path) return [];
          this.spent++;
          try {
            return fetch.items(obj(await this.client.get(path, fetch.query?.(parent))), parent);
          } catch (error) {
            // Webex's definite "this device has none" (no calling record, no configuration): nothing to keep.
            if (error instanceof WebexApiError && error.status === 404) return [];
            throw error;
          }
        });
      }
      case "features": {
        // Quick Import makes list calls only; per-object settings are read by full syncs.
        if (this.state.options.quickImport) return true;
        const parents = (await store.readAll(fetch.parent)).filter((parent) =>
          fetch.include(parent, this.ctx),
        );
        this.progress.expected = parents.length;
        return this.fetchPerParent(spec, parents, async (parent) => {
          const settings: Item =
            fetch.parent === "User"
              ? { personId: str(parent.id), email: str(arr(parent.emails)[0]) }
              : { workspaceId: str(parent.id), displayName: str(parent.displayName) };
          for (const feature of fetch.features) {
            this.spent++;
            settings[feature] = await this.client.get(fetch.path(parent, feature));
          }
          return [settings];
        });
      }
    }
  }

  /** Removes what a complete listing no longer shows, within the safety rules. */
  finalize(spec: ModelSpec): Promise<void> {
    return removeUnlisted({
      store: this.deps.store,
      state: this.state,
      progress: this.progress,
      model: spec.name,
      ctx: this.ctx,
    });
  }
}

/** Does up to one budget of work and returns the new state; call again while `status` is "running". */
export async function runChunk(input: RunState, deps: EngineDeps): Promise<RunState> {
  const state: RunState = structuredClone(input);
  if (state.status !== "running") return state;
  const governor = deps.governor ?? createGovernor(deps.webex.sleep ? { sleep: deps.webex.sleep } : {});
  const client = createWebexClient({
    ...deps.webex,
    pace: () => governor.pace(),
    onResponse: ({ status, retryAfterSeconds }) => {
      state.requests++;
      if (status === 429) {
        state.throttled++;
        governor.onThrottled(retryAfterSeconds);
      } else if (status >= 200 && status < 300) governor.onSuccess();
    },
  });
  const chunk = new Chunk(state, deps, client, governor, await planContext(deps.store), deps.budget ?? 400);

  while (state.index < state.models.length && !chunk.exhausted) {
    const model = state.models[state.index]!;
    const spec = MODEL_SPECS[model];
    const progress = chunk.progress;
    if (!state.cursor.started) {
      state.cursor.started = true;
      progress.status = "running";
      progress.expected = (await deps.store.count(model)) || null;
    }
    try {
      if (state.cursor.phase === "fetch") {
        const complete = await chunk.fetch(spec);
        if (!complete) break;
        state.cursor.phase = "finalize";
      }
      if (model === "License" || model === "User") Object.assign(chunk.ctx, await planContext(deps.store));
      progress.status = "done";
      await chunk.finalize(spec);
    } catch (error) {
      // A model whose listing failed removes nothing; the run goes on with the next model.
      progress.status = "failed";
      progress.errors.push(
        error instanceof WebexApiError
          ? {
              message: `${error.message}${error.details.path ? ` (${error.details.path})` : ""}`,
              status: error.status,
              trackingId: error.details.trackingId,
              ...(error.details.code ? { code: error.details.code } : {}),
            }
          : { message: error instanceof Error ? error.message : String(error) },
      );
    }
    nextModel(state);
  }
  if (state.index >= state.models.length) settleStatus(state);
  return state;
}
