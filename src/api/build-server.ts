/**
 * The evlab HTTP API (docs/api.md) as a Fastify 5 instance over a Workbench: zod schemas validate every
 * request and serialize every response, errors become RFC 9457 problem+json, the OpenAPI 3.1 description is
 * generated from the same schemas, and the built web UI (when present) is served at `/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchemaCompiler } from 'fastify';
import {
  createJsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type $ZodType, safeParse } from 'zod/v4/core';
import type { Workbench } from '../jobs/workbench.ts';
import { installAccessPolicy, isOpenRoute } from './access-policy.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import {
  createProblemErrorHandler,
  defaultErrorReporter,
  notFoundProblem,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  sendProblem,
  type UnexpectedErrorReporter,
} from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes, SIGN_IN_RATE_LIMIT } from './routes/auth.ts';
import { batchAuditRoutes } from './routes/batch-audit.ts';
import { batchFileRoutes } from './routes/batch-files.ts';
import { batchRoutes } from './routes/batches.ts';
import { biodistributionRoutes } from './routes/biodistribution.ts';
import { centrifugationRoutes } from './routes/centrifugation.ts';
import { characterizationRoutes } from './routes/characterization.ts';
import { curationRoutes } from './routes/curation.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { flowRoutes } from './routes/flow.ts';
import { healthRoutes } from './routes/health.ts';
import { isolationMethodRoutes } from './routes/isolation-methods.ts';
import { isolationProtocolRoutes } from './routes/isolation-protocols.ts';
import { jobRoutes } from './routes/jobs.ts';
import { measurementRoutes } from './routes/measurements.ts';
import { ntaCharacterizationRoutes } from './routes/nta-characterization.ts';
import { pkDosingRoutes } from './routes/pk-dosing.ts';
import { pkModelRoutes } from './routes/pk-models.ts';
import { pkNcaRoutes } from './routes/pk-nca.ts';
import { pkStudyRoutes } from './routes/pk-studies.ts';
import { projectRoutes } from './routes/projects.ts';
import { qcRoutes } from './routes/qc.ts';
import { rawFileRoutes } from './routes/raw-files.ts';
import { signatureRoutes } from './routes/signatures.ts';
import { sourceRoutes } from './routes/sources.ts';
import { userRoutes } from './routes/users.ts';
import { notBuiltPage } from './web-not-built.ts';

export interface BuildServerOptions {
  /** Fastify's pino request logging (default off). */
  logger?: boolean;
  /** Directory of the built web UI (web/dist); null or missing = a page explaining how to build it. */
  webDistDir?: string | null;
  /** Where unexpected (500) errors go; default: Fastify's logger when enabled, else stderr. */
  reportError?: UnexpectedErrorReporter;
  /** Host names the server answers to besides loopback and this machine's names (EVLAB_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Sign-in attempts per client address and window (default 10 per minute). */
  signInRateLimit?: { max: number; timeWindow: number };
  /** Optional OpenID Connect single sign-on (src/api/oidc.ts). */
  oidc?: import('./oidc.ts').OidcOptions | null;
}

/** Largest JSON request body (the multipart upload limit is the workbench's maxUploadBytes). */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** Files per upload request. */
const MAX_FILES_PER_UPLOAD = 50;

export const API_PREFIX = '/api';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * fastify-type-provider-zod's validator, except that each issue keeps its exact zod path (with numeric array
 * indices) in `params.path`, so problem+json names the failing field as ["isolationProtocol", "steps", 0,
 * "method"] (the library only keeps a "/"-joined instancePath).
 */
const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (result.success) return { value: result.data };
    const error = result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      return {
        keyword: issue.code,
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/${issue.code}`,
        message: issue.message,
        params: { path },
      };
    });
    return { error };
  };

const baseTransform = createJsonSchemaTransform({ skipList: [] });

const RESPONSE_DESCRIPTIONS: Record<number, string> = {
  201: 'Created',
  204: 'Deleted',
  400: 'Invalid request: errors[].path names each failing field',
  404: 'Not found',
  409: 'Conflict with existing data',
  413: 'Upload larger than the server limit; nothing was stored',
  415: 'Unsupported media type',
  422: 'Understood but not processable (invalid reference or status change, unreadable file)',
  500: 'Unexpected server error (logged; no internals in the answer)',
};

/** OpenAPI transform: zod → JSON Schema, plus what zod cannot say (multipart body, the user header). */
const openApiTransform: typeof baseTransform = (input) => {
  const out = baseTransform(input);
  const schema = out.schema as Record<string, unknown> & { consumes?: string[]; hide?: boolean };
  if (schema.hide) return out;
  const source = input.schema as { consumes?: string[] } | undefined;
  if (source?.consumes?.includes('multipart/form-data')) {
    schema.body = {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'One or more instrument files (repeat the part)',
        },
        kind: { type: 'string', enum: ['nta'], description: 'Measurement kind; detected when absent' },
      },
    };
  }
  const responses = schema.response as Record<string, Record<string, unknown>> | undefined;
  for (const [code, json] of Object.entries(responses ?? {})) {
    const status = Number(code);
    if (status >= 400) {
      // Errors are application/problem+json, not application/json.
      (responses as Record<string, unknown>)[code] = {
        description: RESPONSE_DESCRIPTIONS[status] ?? 'Problem details',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: json } },
      };
    } else if (RESPONSE_DESCRIPTIONS[status] && !json.description) {
      json.description = RESPONSE_DESCRIPTIONS[status];
    }
  }
  const method = input.route.method;
  const methods = Array.isArray(method) ? method : [method];
  const config = (input.route as { config?: { public?: boolean; minRole?: string } }).config;
  if (config?.public === true || methods.every((m) => isOpenRoute(m, input.url))) {
    schema.security = [];
  } else {
    const reading = methods.every((m) => m === 'GET' || m === 'HEAD');
    const role = config?.minRole ?? (reading ? 'viewer' : 'analyst');
    schema['x-evlab-min-role'] = role;
    if (responses) {
      responses['401'] = { description: 'No valid credentials (session cookie or bearer token)' };
      responses['403'] = {
        description: `Needs the ${role} role, project membership, or (cookie) the X-CSRF-Token header`,
      };
    }
  }
  return out;
};

export async function buildServer(wb: Workbench, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(
    createProblemErrorHandler(options.reportError ?? defaultErrorReporter(options.logger === true)),
  );

  // An empty query value means "not given": `?status=&q=` lists everything rather than failing validation.
  app.addHook('preValidation', async (req) => {
    const query = req.query as Record<string, unknown> | undefined;
    if (query && typeof query === 'object') {
      for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
    }
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  // Security headers (Content-Security-Policy the built web UI runs under), cookies, sign-in rate limit and
  // the global access policy (authentication, roles, CSRF, project membership, Host check).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Plain HTTP on a LAN must keep working: no HSTS, no upgrade of sub-resources.
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  installAccessPolicy(app as unknown as FastifyInstance, wb, { allowedHosts: options.allowedHosts ?? [] });
  const sso = { enabled: Boolean(options.oidc), label: options.oidc?.label ?? 'Single sign-on' };
  // gzip/brotli for API responses of 1 kB or more, as the client accepts them (issue 9 item 20); the web
  // build's scripts and styles are compressed once at build time (web/vite.config.ts, `preCompressed`).
  // Brotli quality 2, not the plugin's default 4: on the 25 kB batch list (measured with Node 20's zlib,
  // bench/results/api-load.md) quality 4 took ~160 µs and 1,980 bytes, quality 2 ~75 µs and 2,006 bytes,
  // quality 1 ~40 µs but 2,397 bytes. Half the CPU for 1 % more bytes.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 2 } },
    // Compress in one synchronous call up to 256 KiB: the plugin's default ceiling on a 2-core machine is
    // 16 KiB, above which every response builds a zlib stream pipeline. Measured here (bench/api-load.md):
    // a 22 kB batch list took 0.75 ms more through the stream than brotli-q4 needs in one call (0.1 ms).
    syncThreshold: 256 * 1024,
  });

  const version = packageVersion();
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'evlab API',
        version,
        description:
          'Workbench for MSC-derived extracellular vesicles: projects, MSC sources, EV batches, raw instrument files ' +
          'and measurements. Errors are RFC 9457 application/problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [
        { name: 'system' },
        { name: 'projects' },
        { name: 'sources' },
        { name: 'batches' },
        { name: 'files' },
        { name: 'measurements' },
        {
          name: 'isolation',
          description: 'Isolation planning: methods, recommender, centrifugation, protocol simulation',
        },
        {
          name: 'pk',
          description: 'Pharmacokinetics: NCA, compartment models, biodistribution, dosing, PK studies',
        },
        { name: 'evidence', description: 'Curated MSC-EV evidence and registered clinical trials' },
        { name: 'auth', description: 'Sign-in, sessions, own password and API tokens' },
        { name: 'users', description: 'User administration (admins)' },
        { name: 'signatures', description: 'Electronic signatures (21 CFR Part 11) bound to record content' },
        {
          name: 'qc',
          description: 'QC and release: specifications, evaluation, e-signatures, checklist, control charts',
        },
        { name: 'jobs', description: 'Background jobs: enqueue, progress, results' },
      ],
      components: {
        securitySchemes: {
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token (`evlab token create`, or Account page); acts with the token scope',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'evlab_session',
            description:
              'Browser session; writes also need the X-CSRF-Token header from GET /api/auth/session',
          },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs` });

  await app.register(fastifyMultipart, {
    limits: {
      // One byte above the blob store's limit, so the blob store sees the excess and refuses the file
      // (leaving nothing behind) before the parser would silently truncate it.
      fileSize: wb.maxUploadBytes + 1,
      files: MAX_FILES_PER_UPLOAD,
      fields: 10,
      fieldSize: 1024,
      parts: MAX_FILES_PER_UPLOAD + 10,
      headerPairs: 100,
    },
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { wb, version });
      await api.register(authRoutes, { wb, sso, rateLimit: options.signInRateLimit ?? SIGN_IN_RATE_LIMIT });
      if (options.oidc) {
        const { oidcRoutes } = await import('./oidc.ts');
        await api.register(oidcRoutes, {
          wb,
          oidc: options.oidc,
          rateLimit: options.signInRateLimit ?? SIGN_IN_RATE_LIMIT,
        });
      }
      await api.register(userRoutes, { wb });
      await api.register(dashboardRoutes, { wb });
      await api.register(projectRoutes, { wb });
      await api.register(sourceRoutes, { wb });
      await api.register(batchRoutes, { wb });
      await api.register(batchAuditRoutes, { wb });
      await api.register(auditRoutes, { wb });
      await api.register(batchFileRoutes, { wb });
      await api.register(rawFileRoutes, { wb });
      await api.register(measurementRoutes, { wb });
      await api.register(centrifugationRoutes, { wb });
      await api.register(isolationMethodRoutes, { wb });
      await api.register(isolationProtocolRoutes, { wb });
      await api.register(pkNcaRoutes, { wb });
      await api.register(pkModelRoutes, { wb });
      await api.register(pkStudyRoutes, { wb });
      await api.register(pkDosingRoutes, { wb });
      await api.register(biodistributionRoutes, { wb });
      await api.register(evidenceRoutes, { wb });
      await api.register(curationRoutes, { wb });
      await api.register(signatureRoutes, { wb });
      await api.register(ntaCharacterizationRoutes, { wb });
      await api.register(characterizationRoutes, { wb });
      // Release and rejection re-authenticate like every electronic signature (Workbench.verifyCredentials).
      await api.register(qcRoutes, { wb });
      await api.register(flowRoutes, { wb });
      await api.register(jobRoutes, { wb });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );

  const webDistDir = options.webDistDir ? resolve(options.webDistDir) : null;
  const hasWeb = webDistDir !== null && existsSync(join(webDistDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      // Source maps (vite build writes them `hidden`) stay on disk for debugging, never public.
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      // NAME.br / NAME.gz written at build time (web/vite.config.ts) are sent as the client accepts them.
      preCompressed: true,
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(notBuiltPage(webDistDir)),
    );
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
    const isPageRequest = (req.method === 'GET' || req.method === 'HEAD') && !isApi;
    if (isPageRequest && !/\.[a-z0-9]+$/i.test(path)) {
      // SPA fallback: client-side routes (e.g. /batches/123) get the app's index.html.
      if (hasWeb) return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return reply.code(404).type('text/html; charset=utf-8').send(notBuiltPage(webDistDir));
    }
    const problem = isApi
      ? {
          ...notFoundProblem(`No API route ${req.method} ${path}. See ${API_PREFIX}/docs.`, path),
          type: PROBLEM_TYPES.http,
        }
      : notFoundProblem(`Nothing at ${path}`, path);
    return sendProblem(reply, problem);
  });

  await app.ready();
  return app as unknown as FastifyInstance;
}
