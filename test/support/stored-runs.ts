// How many runs a store holds, opened as a command would open it (or as `opts` says).
import { openStore, type OpenOptions } from '../../src/store/open-store.js';

/** The number of runs in the store `spec` names (default: the data directory's); closes it. */
export async function storedRunCount(
  spec: string | undefined,
  env: NodeJS.ProcessEnv,
  opts: OpenOptions = {},
): Promise<number> {
  const store = await openStore(spec, env, opts);
  try {
    return (await store.listRuns()).length;
  } finally {
    await store.close();
  }
}
