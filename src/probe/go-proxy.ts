// Asks a Go module proxy (a GOPROXY entry) for its golang.org/toolchain list: one small GET that
// says whether the proxy answers and which Go releases it offers. Never downloads a toolchain.

import { fetchFailure } from '../errors.js';

/** How long doctor waits for a proxy, in ms. */
export const PROXY_TIMEOUT_MS = 5_000;

/** The answer: reachable (any HTTP status below 500), the detail, and the list when HTTP 200. */
export interface ProxyAnswer {
  reachable: boolean;
  detail: string;
  list: string | null;
}

/** GETs `<proxy>/golang.org/toolchain/@v/list`; a network error is an answer, not an exception. */
export async function askProxy(
  proxyUrl: string,
  timeoutMs = PROXY_TIMEOUT_MS,
): Promise<ProxyAnswer> {
  const url = `${proxyUrl.replace(/\/+$/, '')}/golang.org/toolchain/@v/list`;
  const start = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    const ms = Math.round(performance.now() - start);
    const list = res.status === 200 ? await res.text() : null;
    if (list === null) await res.body?.cancel();
    return { reachable: res.status < 500, detail: `HTTP ${res.status} in ${ms} ms`, list };
  } catch (err) {
    return { reachable: false, detail: fetchFailure(err, timeoutMs), list: null };
  }
}
