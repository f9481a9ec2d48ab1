/**
 * The global access policy (issue 10): authentication, roles, CSRF, project membership and the Host check
 * for every request, in one onRequest hook (before the body is read, so also before it is validated) plus
 * one preValidation hook (project ids named in a JSON body, after parsing but still before validation).
 *
 * - Credentials: `Authorization: Bearer evlab_…` (API token) or the `evlab_session` cookie (HttpOnly,
 *   SameSite=Strict, server-side session). A bearer header that is not a valid token is a 401 even when a
 *   cookie is present.
 * - Open without credentials: GET /api/health, GET /api/openapi.json, /api/docs…, and the routes under
 *   /api/auth/ that declare `config: { public: true }` (sign-in, sign-out, session, sign-in link, OIDC).
 * - Roles: GET/HEAD need `viewer`, any other method `analyst`; a route raises (or lowers) this with
 *   `config: { minRole: 'qa' }`. 401 without valid credentials, 403 with a role below the route's.
 * - CSRF: a cookie-authenticated request other than GET/HEAD/OPTIONS must send `X-CSRF-Token` equal to the
 *   session's token (HMAC of the session secret, handed out by sign-in and GET /api/auth/session), and an
 *   Origin header, when sent, must be this server. Bearer requests carry no ambient credentials: no CSRF check.
 * - Projects: routes under /api/{projects,sources,batches,raw-files,measurements,pk-studies,qc-results}/:id,
 *   any `projectId` / `batchId` / `sourceId` / `measurementId` in the query or JSON body, and the
 *   `recordType` + `recordId` of /api/signatures, are resolved to their project; users who are not members
 *   get 403 (admins see every project). Lists that name no project are scoped by the routes
 *   (project-scope.ts): a non-member never sees rows of a foreign project.
 * - Host: the Host header must name this server (loopback names, the configured host, the machine's names
 *   and addresses, EVLAB_ALLOWED_HOSTS): a DNS-rebinding page cannot talk to a server on 127.0.0.1.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Principal, type Role, roleAtLeast } from '../domain/account.ts';
import type { Workbench } from '../jobs/workbench.ts';
import { PROBLEM_TYPES, sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user of this request (null when none). Set by the access policy for every /api request. */
    principal: Principal | null;
    /** The session cookie value when the request is cookie-authenticated (null otherwise). */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Minimum role for this route (default: viewer for GET/HEAD, analyst otherwise). */
    minRole?: Role;
    /** Open without credentials (only the sign-in routes under /api/auth/ use this). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'evlab_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token: HMAC-SHA256 keyed by the (HttpOnly) session secret. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('evlab-csrf-v1').digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Routes open without credentials (besides `config.public`). */
export function isOpenRoute(method: string, path: string): boolean {
  if ((method === 'GET' || method === 'HEAD') && (path === '/api/health' || path === '/api/openapi.json'))
    return true;
  return path === '/api/docs' || path.startsWith('/api/docs/');
}

/** Which record kind the first path parameter of a route names. */
type ProjectBoundKind =
  | 'project'
  | 'source'
  | 'batch'
  | 'raw-file'
  | 'measurement'
  | 'pk-study'
  | 'qc-result';
const PROJECT_ROUTES: [RegExp, ProjectBoundKind][] = [
  [/^\/api\/projects\/:(\w+)/, 'project'],
  [/^\/api\/sources\/:(\w+)/, 'source'],
  [/^\/api\/batches\/:(\w+)/, 'batch'],
  [/^\/api\/raw-files\/:(\w+)/, 'raw-file'],
  [/^\/api\/measurements\/:(\w+)/, 'measurement'],
  [/^\/api\/pk-studies\/:(\w+)/, 'pk-study'],
  [/^\/api\/qc-results\/:(\w+)/, 'qc-result'],
];
/** Signature routes name their record as `recordType` + `recordId` (query or body). */
const SIGNABLE_KINDS: ReadonlySet<string> = new Set([
  'project',
  'source',
  'batch',
  'raw-file',
  'measurement',
  'pk-study',
]);
const REFERENCE_FIELDS: [string, 'project' | 'source' | 'batch' | 'measurement'][] = [
  ['projectId', 'project'],
  // QC specifications name their product, which is a project.
  ['productId', 'project'],
  ['sourceId', 'source'],
  ['batchId', 'batch'],
  ['measurementId', 'measurement'],
];

function problem(
  reply: FastifyReply,
  status: 401 | 403 | 421,
  title: string,
  detail: string,
  instance: string,
) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="evlab"');
  return sendProblem(reply, { type: PROBLEM_TYPES.http, title, status, detail, instance });
}

export interface AccessPolicyOptions {
  /** Host names (without port) the server answers to besides loopback and this machine's own names. */
  allowedHosts?: readonly string[];
}

/** Host names this server answers to. */
export function allowedHostNames(extra: readonly string[] = []): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
  for (const name of extra) if (name.trim()) names.add(name.trim().toLowerCase());
  try {
    const own = hostname().toLowerCase();
    names.add(own);
    names.add(`${own}.local`);
  } catch {
    // no host name: loopback only
  }
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) {
      names.add(address.family === 'IPv6' ? `[${address.address.toLowerCase()}]` : address.address);
    }
  }
  return names;
}

/** The host name of a Host header value (port removed, IPv6 kept in brackets), lowercased. */
export function hostNameOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function installAccessPolicy(
  app: FastifyInstance,
  wb: Workbench,
  options: AccessPolicyOptions = {},
): void {
  const hosts = allowedHostNames(options.allowedHosts);
  const accounts = wb.store.accounts;
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);

  const denyNonMember = async (
    request: FastifyRequest,
    reply: FastifyReply,
    kind: ProjectBoundKind,
    id: string,
  ): Promise<boolean> => {
    const principal = request.principal;
    if (!principal || principal.user.role === 'admin') return false;
    const projectId = await accounts.projectOf(kind, id);
    // Unknown records: the route answers 404 (or 422 for a body reference) as usual.
    if (projectId === null) return false;
    if (await accounts.isMember(principal.user.id, projectId)) return false;
    await problem(
      reply,
      403,
      'Forbidden',
      `${principal.user.name} is not a member of the project this ${kind} belongs to`,
      request.url.split('?')[0] ?? '',
    );
    return true;
  };

  /** `recordType` + `recordId` of a signature route (query or body) pointing into a foreign project. */
  const denySignatureRecord = async (
    request: FastifyRequest,
    reply: FastifyReply,
    fields: Record<string, unknown>,
  ): Promise<boolean> => {
    if (!request.url.startsWith('/api/signatures')) return false;
    const type = typeof fields.recordType === 'string' ? fields.recordType.trim() : '';
    const id = typeof fields.recordId === 'string' ? fields.recordId.trim() : '';
    if (!SIGNABLE_KINDS.has(type) || id === '') return false;
    return denyNonMember(request, reply, type as ProjectBoundKind, id);
  };

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const hostHeader = request.headers.host ?? '';
    if (!hosts.has(hostNameOf(hostHeader))) {
      return problem(
        reply,
        421,
        'Misdirected request',
        'This server does not answer to that host name (set EVLAB_ALLOWED_HOSTS to add one).',
        path,
      );
    }
    if (path !== '/api' && !path.startsWith('/api/')) return;

    // Authenticate.
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization.trim());
      request.principal = match ? await accounts.resolveApiToken(match[1] as string) : null;
      if (!request.principal) {
        return problem(reply, 401, 'Unauthorized', 'The bearer token is unknown, expired or revoked.', path);
      }
    } else {
      const cookie = request.cookies?.[SESSION_COOKIE];
      if (cookie) {
        request.principal = await accounts.resolveSession(cookie);
        if (request.principal) request.sessionToken = cookie;
      }
    }

    // CSRF for cookie sessions (and Origin for any state-changing request, e.g. sign-in).
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        let originHost = '';
        try {
          originHost = new URL(origin).host.toLowerCase();
        } catch {
          originHost = '';
        }
        if (originHost !== hostHeader.toLowerCase()) {
          return problem(
            reply,
            403,
            'Forbidden',
            'Cross-site request refused (Origin is not this server).',
            path,
          );
        }
      } else if (origin === 'null') {
        return problem(reply, 403, 'Forbidden', 'Cross-site request refused (opaque Origin).', path);
      }
      if (request.sessionToken !== null) {
        const sent = request.headers[CSRF_HEADER];
        const value = Array.isArray(sent) ? sent[0] : sent;
        if (!value || !sameSecret(value, csrfTokenFor(request.sessionToken))) {
          return problem(
            reply,
            403,
            'Forbidden',
            `Missing or wrong ${CSRF_HEADER} header (cookie-authenticated writes need the session's CSRF token).`,
            path,
          );
        }
      }
    }

    const routeUrl = request.routeOptions.url;
    // Unknown routes: the not-found handler answers.
    if (routeUrl === undefined) return;
    const config = request.routeOptions.config;
    if (config.public === true || isOpenRoute(request.method, path)) return;

    const principal = request.principal;
    if (!principal) {
      return problem(reply, 401, 'Unauthorized', 'Sign in, or send Authorization: Bearer <token>.', path);
    }
    const required: Role =
      config.minRole ?? (request.method === 'GET' || request.method === 'HEAD' ? 'viewer' : 'analyst');
    if (!roleAtLeast(principal.role, required)) {
      return problem(
        reply,
        403,
        'Forbidden',
        `${request.method} ${routeUrl} needs the ${required} role; ${principal.user.name} acts as ${principal.role}.`,
        path,
      );
    }

    // Project membership: route parameters, then query references.
    for (const [pattern, kind] of PROJECT_ROUTES) {
      const m = pattern.exec(routeUrl);
      if (!m) continue;
      const id = (request.params as Record<string, unknown>)[m[1] as string];
      if (typeof id === 'string' && (await denyNonMember(request, reply, kind, id))) return reply;
      break;
    }
    const query = request.query as Record<string, unknown> | undefined;
    for (const [field, kind] of REFERENCE_FIELDS) {
      const id = query?.[field];
      if (typeof id === 'string' && id !== '' && (await denyNonMember(request, reply, kind, id)))
        return reply;
    }
    if (query && (await denySignatureRecord(request, reply, query))) return reply;
  });

  app.addHook('preValidation', async (request, reply) => {
    if (!request.principal || request.principal.user.role === 'admin') return;
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    for (const [field, kind] of REFERENCE_FIELDS) {
      const id = (body as Record<string, unknown>)[field];
      if (typeof id === 'string' && id !== '' && (await denyNonMember(request, reply, kind, id)))
        return reply;
    }
    if (await denySignatureRecord(request, reply, body as Record<string, unknown>)) return reply;
  });
}
