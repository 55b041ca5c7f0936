import { performance } from 'node:perf_hooks';
import { httpRequest, type HttpResponse } from './http';

/** What a client saw while it kept sending requests to an app. */
export interface TrafficReport {
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** 503 with `Retry-After`: the proxy held the traffic for an update (nothing was lost, the client retries). */
  held: number;
  /** Every other answer (502, 303 to the database selector, 500, no answer). */
  failed: number;
  /** Count per status (`error` when nothing answered). */
  statuses: Record<string, number>;
  /** The longest time between two 2xx answers, in ms. */
  longestGapMs: number;
  /** Indexes of the requests answered 2xx, in order. */
  acknowledged: number[];
}

/**
 * Sends requests one after another (`send(i)`, i = 0, 1, …) until stopped, and reports what came back;
 * `onOk` sees every 2xx answer.
 */
export function keepRequesting(
  send: (index: number) => Promise<HttpResponse>,
  onOk: (response: HttpResponse) => void = () => undefined,
): { stop(): Promise<TrafficReport> } {
  let running = true;
  const report: TrafficReport = {
    requests: 0,
    ok: 0,
    held: 0,
    failed: 0,
    statuses: {},
    longestGapMs: 0,
    acknowledged: [],
  };
  let lastOk = performance.now();
  const loop = (async () => {
    while (running) {
      const index = report.requests++;
      const response = await send(index).catch(() => undefined);
      const status = response ? String(response.status) : 'error';
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (response && response.status >= 200 && response.status < 300) {
        report.ok++;
        report.acknowledged.push(index);
        report.longestGapMs = Math.max(report.longestGapMs, performance.now() - lastOk);
        lastOk = performance.now();
        onOk(response);
      } else if (response?.status === 503 && response.headers['retry-after']) {
        report.held++;
        // A client told to retry later does not hammer the app.
        await new Promise((resolve) => setTimeout(resolve, 20));
      } else {
        report.failed++;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      report.longestGapMs = Math.max(report.longestGapMs, performance.now() - lastOk);
      return report;
    },
  };
}

/** GETs `url` (a page that touches the database, such as `/web/login`) until stopped. */
export function pollPage(
  url: string,
  onOk?: (response: HttpResponse) => void,
): { stop(): Promise<TrafficReport> } {
  return keepRequesting(() => httpRequest(url, { timeoutMs: 5000 }), onOk);
}
