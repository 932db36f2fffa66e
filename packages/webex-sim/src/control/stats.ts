/** Request counters for `GET /_sim/stats`. */
export class Stats {
  private byEndpoint = new Map<string, Map<number, number>>();
  rateLimited = 0;
  total = 0;

  record(method: string, path: string, status: number): void {
    this.total++;
    if (status === 429) this.rateLimited++;
    const key = `${method} ${normalizePath(path)}`;
    let statuses = this.byEndpoint.get(key);
    if (!statuses) {
      statuses = new Map();
      this.byEndpoint.set(key, statuses);
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  snapshot(): { total: number; rateLimited: number; endpoints: Record<string, Record<string, number>> } {
    const endpoints: Record<string, Record<string, number>> = {};
    for (const [key, statuses] of [...this.byEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
      endpoints[key] = Object.fromEntries([...statuses].map(([s, n]) => [String(s), n]));
    }
    return { total: this.total, rateLimited: this.rateLimited, endpoints };
  }

  reset(): void {
    this.byEndpoint.clear();
    this.rateLimited = 0;
    this.total = 0;
  }
}

/** `/v1/people/Y2lz...` → `/v1/people/{id}`, so counts group by endpoint rather than by object. */
export function normalizePath(path: string): string {
  return path
    .split("/")
    .map((seg) => (/^Y2lz|^[0-9a-f-]{32,}$|^\d+$|^[A-Za-z0-9+=_-]{40,}$/.test(seg) ? "{id}" : seg))
    .join("/");
}
