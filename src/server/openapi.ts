/**
 * The OpenAPI 3.1 document and the docs page, built from the route table and the
 * same zod schemas the operations validate with (zod v4's toJSONSchema).
 */
import { z } from 'zod';
import { esc } from './pages.js';
import type { RouteSpec } from './route-kit.js';

type Json = Record<string, unknown>;

/** JSON Schema of a zod schema as a client sends it; never throws. */
export function jsonSchemaOf(schema: z.ZodType): Json {
  try {
    const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    return rest;
  } catch {
    return {};
  }
}

/** `/api/v1/contacts/:id` → `/api/v1/contacts/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, '{$1}');

const pathParams = (path: string): string[] => [...path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] ?? '');

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
};

function queryParams(r: RouteSpec): Json[] {
  if (!r.query) return [];
  const s = jsonSchemaOf(r.query);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }));
}

/** The OpenAPI 3.1 document of every documented route. */
export function openApiDocument(routes: RouteSpec[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    if (r.hidden) continue;
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${openApiPath(r.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      parameters: [
        ...pathParams(r.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...queryParams(r),
      ],
      responses: {
        [r.method === 'post' && /\(201/.test(String(r.response)) ? '201' : '200']: {
          description: typeof r.response === 'string' ? r.response : 'OK',
          content: {
            [r.produces ?? 'application/json']: {
              schema: r.response && typeof r.response !== 'string' ? jsonSchemaOf(r.response) : {},
            },
          },
        },
        default: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      security: r.access === 'public' ? [] : r.access === 'session' ? [{ session: [] }] : [{ session: [] }, { bearer: [] }],
      'x-kith-access': r.access,
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchemaOf(r.body) } } };
    (paths[openApiPath(r.path)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kith API',
      version,
      description:
        'The HTTP face of kith. Log in for a session cookie (then send X-CSRF-Token on writes) or use an API token as `Authorization: Bearer …`. Updates need If-Match with the ETag you read.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kith_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

/** A plain, readable docs page: every route with its access, parameters and schemas. */
export function renderDocs(routes: RouteSpec[]): string {
  const rows = routes
    .filter((r) => !r.hidden)
    .map((r) => {
      const params = [...pathParams(r.path).map((p) => `${p} (path)`), ...queryParams(r).map((q) => `${String(q.name)} (query)`)];
      const body = r.body
        ? `<details><summary>Body</summary><pre>${esc(JSON.stringify(jsonSchemaOf(r.body), null, 2))}</pre></details>`
        : '';
      return `<section class="route" id="${esc(`${r.method}-${r.path}`)}">
<h3><code>${esc(r.method.toUpperCase())} ${esc(openApiPath(r.path))}</code></h3>
<p>${esc(r.summary)}</p>
<p class="muted">Access: ${esc(r.access)}${params.length ? ` · Parameters: ${esc(params.join(', '))}` : ''}</p>
<p class="muted">Returns: ${esc(typeof r.response === 'string' ? r.response : 'JSON')}</p>
${body}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kith API</title><link rel="stylesheet" href="/style.css"></head>
<body><main><h1>kith API</h1>
<p class="lede">Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Errors are <code>{"error":{"code","message","details"}}</code>.</p>
${rows}
</main></body></html>`;
}
