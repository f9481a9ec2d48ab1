/**
 * RFC 9457 problem details: the one shape every API error takes (`application/problem+json`), and the one
 * Fastify error handler that maps validation, store, format and transport errors onto it. Internals (stack
 * traces, SQL, file paths) never reach the client; unexpected errors are logged and answered as a bare 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FormatError } from '../formats/format-error.ts';
import { isUploadTooLarge } from '../jobs/ingest-raw-file.ts';
import { StoreError } from '../store/evlab-store.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type ProblemPath = (string | number)[];

export interface ProblemFieldError {
  path: ProblemPath;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
  /** Extensions (RFC 9457 §3.2): `code`, `line`, `byteOffset`, `results`, ... */
  [extension: string]: unknown;
}

/** Problem type URIs. RFC 9457 allows any URI reference; a URN needs no web site to resolve. */
export const PROBLEM_TYPES = {
  validation: 'urn:evlab:problem:validation-error',
  notFound: 'urn:evlab:problem:not-found',
  conflict: 'urn:evlab:problem:conflict',
  invalidReference: 'urn:evlab:problem:invalid-reference',
  invalidTransition: 'urn:evlab:problem:invalid-transition',
  unreadableFile: 'urn:evlab:problem:unreadable-file',
  tooLarge: 'urn:evlab:problem:payload-too-large',
  internal: 'urn:evlab:problem:internal-error',
  /** RFC 9457 §4.2.1: "about:blank" = the problem is just the HTTP status. */
  http: 'about:blank',
} as const;

/** A problem a route decides to answer with; thrown and turned into a response by the error handler. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** Writes a problem as `application/problem+json`. Serialized here, never by a route's response schema. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

export function notFoundProblem(detail: string, instance?: string): Problem {
  return {
    type: PROBLEM_TYPES.notFound,
    title: 'Not Found',
    status: 404,
    detail,
    instance,
    code: 'not-found',
  };
}

/** The request URL without its query string (`instance` of a problem). */
function instanceOf(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The exact zod issue path when our validator compiler attached it; else rebuilt from instancePath. */
function validationPath(entry: { instancePath?: string; params?: Record<string, unknown> }): ProblemPath {
  const exact = entry.params?.path;
  if (Array.isArray(exact) && exact.every((p) => typeof p === 'string' || typeof p === 'number')) {
    return exact as ProblemPath;
  }
  const raw = entry.instancePath ?? '';
  return raw
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const VALIDATION_PLACES: Record<string, string> = {
  body: 'request body',
  querystring: 'query string',
  params: 'path parameters',
  headers: 'request headers',
};

/** Maps any error thrown in a route (or by Fastify itself) to a problem. Exported for tests. */
export function problemFromError(
  error: unknown,
  request: FastifyRequest,
): { problem: Problem; log: boolean } {
  const instance = instanceOf(request);

  if (error instanceof ApiProblem) return { problem: { ...error.problem, instance }, log: false };

  const validation = (error as { validation?: unknown } | null)?.validation;
  if (Array.isArray(validation) && validation.length > 0) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = (
      validation as { instancePath?: string; params?: Record<string, unknown>; message?: string }[]
    ).map((v) => ({ path: validationPath(v), message: v.message ?? 'invalid value' }));
    const first = errors[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return {
      problem: {
        type: PROBLEM_TYPES.validation,
        title: 'Invalid request',
        status: 400,
        detail: `The ${VALIDATION_PLACES[context] ?? context} is invalid${where}: ${first?.message ?? 'invalid value'}`,
        instance,
        code: 'validation-error',
        in: context,
        errors,
      },
      log: false,
    };
  }

  if (error instanceof StoreError) {
    const errors = error.path.length > 0 ? [{ path: error.path, message: error.message }] : undefined;
    const base = { detail: error.message, instance, code: error.code, ...(errors ? { errors } : {}) };
    switch (error.code) {
      case 'not-found':
        return {
          problem: { type: PROBLEM_TYPES.notFound, title: 'Not Found', status: 404, ...base },
          log: false,
        };
      case 'conflict':
        return {
          problem: { type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, ...base },
          log: false,
        };
      case 'invalid-reference':
        return {
          problem: { type: PROBLEM_TYPES.invalidReference, title: 'Invalid reference', status: 422, ...base },
          log: false,
        };
      case 'invalid-transition':
        return {
          problem: {
            type: PROBLEM_TYPES.invalidTransition,
            title: 'Invalid status change',
            status: 422,
            ...base,
          },
          log: false,
        };
    }
  }

  if (error instanceof FormatError) {
    return {
      problem: {
        type: PROBLEM_TYPES.unreadableFile,
        title: 'Unreadable file',
        status: 422,
        detail: error.message,
        instance,
        code: error.code,
        line: error.line,
        byteOffset: error.byteOffset,
      },
      log: false,
    };
  }

  const fastifyError = error as Partial<FastifyError> | null;
  const code = typeof fastifyError?.code === 'string' ? fastifyError.code : undefined;

  if (
    isUploadTooLarge(error) ||
    code === 'FST_REQ_FILE_TOO_LARGE' ||
    code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    code === 'FST_FILES_LIMIT' ||
    code === 'FST_PARTS_LIMIT' ||
    fastifyError?.statusCode === 413
  ) {
    return {
      problem: {
        type: PROBLEM_TYPES.tooLarge,
        title: 'Content Too Large',
        status: 413,
        detail:
          error instanceof Error && isUploadTooLarge(error)
            ? error.message
            : 'The request is larger than this server accepts.',
        instance,
        code: 'too-large',
      },
      log: false,
    };
  }

  // Fastify's own client errors (malformed JSON, unsupported media type, not multipart ...): their messages
  // are written for clients and carry no internals.
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      problem: {
        type: PROBLEM_TYPES.http,
        title: statusTitle(status),
        status,
        detail: typeof fastifyError?.message === 'string' ? fastifyError.message : statusTitle(status),
        instance,
        ...(code ? { code } : {}),
      },
      log: false,
    };
  }

  return {
    problem: {
      type: PROBLEM_TYPES.internal,
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged on the server.',
      instance,
    },
    log: true,
  };
}

/** Receives the errors that became a 500, with the request they broke. */
export type UnexpectedErrorReporter = (error: unknown, request: FastifyRequest) => void;

/** Reports to Fastify's logger; when logging is off, to stderr, so an unexpected error is never silent. */
export const defaultErrorReporter =
  (loggerEnabled: boolean): UnexpectedErrorReporter =>
  (error, request) => {
    if (loggerEnabled) {
      request.log.error({ err: error }, 'unhandled error');
      return;
    }
    const detail =
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    process.stderr.write(`[evlab api] 500 on ${request.method} ${request.url}: ${detail}\n`);
  };

/** The Fastify error handler: every error becomes a problem+json response; 500s are reported, not exposed. */
export function createProblemErrorHandler(report: UnexpectedErrorReporter) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const { problem, log } = problemFromError(error, request);
    if (log) report(error, request);
    return sendProblem(reply, problem);
  };
}
