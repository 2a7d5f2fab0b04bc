/**
 * Waiting for a running `kith serve`: it listens at once and checks the database's
 * integrity in the background, refusing writes (503 integrity_check_pending) until
 * the check has passed. Tests that write wait for it, as a client honouring Retry-After would.
 */

/** Polls `url`/healthz until the integrity check is no longer running; returns its outcome. */
export async function waitForIntegrity(url: string, timeoutMs = 30_000): Promise<'ok' | 'failed'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${url}/healthz`);
    const body = (await r.json()) as { integrity?: string };
    if (body.integrity === 'ok' || body.integrity === 'failed') return body.integrity;
    if (Date.now() > deadline) throw new Error(`the integrity check of ${url} did not finish within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
