/** /api/users: user administration (admins only): create, role, disable, reset password, memberships, tokens. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userInputSchema, userPatchSchema } from '../../domain/account.ts';
import type { Workbench } from '../../jobs/workbench.ts';
import {
  apiTokenModel,
  createdTokenModel,
  membershipsBody,
  membershipsModel,
  newTokenBody,
  passwordResetBody,
  userModel,
} from '../account-schemas.ts';
import { actorOf, found } from '../request-context.ts';
import { idParams, problemModel, problemResponses } from '../schemas.ts';

const tags = ['users'];
const admin = { minRole: 'admin' as const };

export const userRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  const accounts = wb.store.accounts;
  const userOr404 = async (id: string) => found(await accounts.getUser(id), 'User', id);

  app.get(
    '/users',
    {
      config: admin,
      schema: { tags, summary: 'List users', response: { 200: z.object({ items: z.array(userModel) }) } },
    },
    async () => ({ items: await accounts.listUsers() }),
  );

  app.post(
    '/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a user (password optional: without one, sign-in needs a link or single sign-on)',
        body: userInputSchema,
        response: { 201: userModel, 400: problemModel, 409: problemModel },
      },
    },
    async (req, reply) => reply.code(201).send(await accounts.createUser(req.body, actorOf(req))),
  );

  app.get(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Get a user',
        params: idParams,
        response: { 200: userModel, ...problemResponses },
      },
    },
    async (req) => userOr404(req.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change display name, role or disabled (the last enabled admin stays an admin)',
        params: idParams,
        body: userPatchSchema,
        response: { 200: userModel, ...problemResponses, 409: problemModel },
      },
    },
    async (req) => accounts.updateUser(req.params.id, req.body, actorOf(req)),
  );

  app.post(
    '/users/:id/password',
    {
      config: admin,
      schema: {
        tags,
        summary: "Reset a user's password (ends their sessions, clears a lock)",
        params: idParams,
        body: passwordResetBody,
        response: { 200: userModel, ...problemResponses },
      },
    },
    async (req) => accounts.setPassword(req.params.id, req.body.password, actorOf(req)),
  );

  app.get(
    '/users/:id/projects',
    {
      config: admin,
      schema: {
        tags,
        summary: "A user's project memberships",
        params: idParams,
        response: { 200: membershipsModel, ...problemResponses },
      },
    },
    async (req) => {
      await userOr404(req.params.id);
      return { projectIds: await accounts.listMemberships(req.params.id) };
    },
  );

  app.put(
    '/users/:id/projects',
    {
      config: admin,
      schema: {
        tags,
        summary: "Replace a user's project memberships",
        params: idParams,
        body: membershipsBody,
        response: { 200: membershipsModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req) => ({
      projectIds: await accounts.setMemberships(req.params.id, req.body.projectIds, actorOf(req)),
    }),
  );

  app.get(
    '/users/:id/tokens',
    {
      config: admin,
      schema: {
        tags,
        summary: "A user's API tokens",
        params: idParams,
        response: { 200: z.object({ items: z.array(apiTokenModel) }), ...problemResponses },
      },
    },
    async (req) => {
      await userOr404(req.params.id);
      return { items: await accounts.listApiTokens(req.params.id) };
    },
  );

  app.post(
    '/users/:id/tokens',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create an API token for a user (scope at most their role); shown once',
        params: idParams,
        body: newTokenBody,
        response: { 201: createdTokenModel, ...problemResponses, 422: problemModel },
      },
    },
    async (req, reply) => {
      const created = await accounts.createApiToken(req.params.id, req.body, actorOf(req));
      return reply
        .code(201)
        .send({ token: created.token, expiresAt: created.apiToken.expiresAt, apiToken: created.apiToken });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Revoke any API token',
        params: idParams,
        response: { 200: apiTokenModel, ...problemResponses },
      },
    },
    async (req) => accounts.revokeApiToken(req.params.id, actorOf(req)),
  );
};
