/**
 * The headers every response carries, and responses built with all of them up front.
 *
 * The app's first middleware adds the security headers to whatever a route answered.
 * A hot route (the agenda) can instead answer with `completeResponse`: its headers are a plain
 * object made once (`withAppHeaders`), so the Node adapter writes them straight out, and the
 * middleware leaves such a response alone.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const finished = new WeakSet<Response>();

/** Every header the app adds (security headers, `Cache-Control: no-store`), with `headers` added or replacing. */
export function withAppHeaders(headers: Record<string, string>): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers };
}

/**
 * A response whose headers (from `withAppHeaders`) are already all there. The object is
 * handed on as it is, so it may be kept and shared between responses: nothing changes it.
 */
export function completeResponse(body: string | Uint8Array | null, status: number, headers: Record<string, string>): Response {
  const res = new Response(body as ConstructorParameters<typeof Response>[0], { status, headers });
  finished.add(res);
  return res;
}

/** True for a response made by `completeResponse`: the middleware adds nothing to it. */
export function isFinished(res: Response): boolean {
  return finished.has(res);
}
