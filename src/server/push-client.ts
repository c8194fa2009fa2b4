// The client side of POST /api/v1/runs, for `run --push` and `push`: sends one stored run with
// its labels and says, when it fails, whether a later try may succeed (the server was down or
// busy) or the server refused the run (a bad token, a body over its limit).
import { fetchFailure } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import type { Labels } from '../store/store.js';

/** A push waits this long for the server's answer, in ms. */
export const PUSH_TIMEOUT_MS = 30_000;

/** Why a push failed; `refused` when the server answered 4xx (trying again will not help). */
export class PushError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
    this.name = 'PushError';
  }
}

/** The server's base URL as given (`http://host:8787`, with or without a trailing slash). */
export function serverBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`"${url}" is not a URL (such as http://127.0.0.1:8787)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new TypeError(`"${url}" is not an http:// or https:// URL`);
  }
  return u.toString().replace(/\/+$/, '');
}

/** Sends a run; resolves with whether the server stored it now (false: it had it already). */
export async function pushRun(
  base: string,
  token: string,
  run: RunRecord,
  labels: Labels = {},
  timeoutMs = PUSH_TIMEOUT_MS,
): Promise<boolean> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(labels)) query.append('label', `${k}=${v}`);
  const url = `${base}/api/v1/runs${query.size ? `?${query}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(run),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new PushError(`cannot reach ${base}: ${fetchFailure(err, timeoutMs)}`, false);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 200 || res.status === 201) return res.status === 201;
  let message = text.slice(0, 200);
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // not JSON: the text as it came
  }
  const refused = res.status >= 400 && res.status < 500 && res.status !== 429;
  throw new PushError(`${base} answered ${res.status}: ${message.replace(/\s+/g, ' ')}`, refused);
}
