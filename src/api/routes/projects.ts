import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { projectScopeOf } from '../project-scope.ts';
import { actorOf, found } from '../request-context.ts';
import {
  idParams,
  pageOf,
  pageQuery,
  problemModel,
  problemResponses,
  projectInput,
  projectModel,
  projectPatch,
} from '../schemas.ts';

const tags = ['projects'];

/** /api/projects: CRUD. A project with sources or batches cannot be deleted (409). */
export const projectRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'List projects',
        querystring: pageQuery,
        response: { 200: pageOf(projectModel), 400: problemModel },
      },
    },
    async (req) => wb.store.listProjects({ ...req.query, ...(await projectScopeOf(wb, req)) }),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Create a project',
        body: projectInput,
        response: { 201: projectModel, 400: problemModel, 409: problemModel },
      },
    },
    async (req, reply) => {
      const project = await wb.store.createProject(req.body, actorOf(req));
      // The creator joins the project (admins see every project anyway).
      const user = req.principal?.user;
      if (user && user.role !== 'admin') await wb.store.accounts.addMember(user.id, project.id, user.name);
      return reply.code(201).send(project);
    },
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Get a project',
        params: idParams,
        response: { 200: projectModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.getProject(req.params.id), 'Project', req.params.id),
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Change a project',
        params: idParams,
        body: projectPatch,
        response: { 200: projectModel, ...problemResponses, 409: problemModel },
      },
    },
    async (req) => wb.store.updateProject(req.params.id, req.body, actorOf(req)),
  );

  app.delete(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty project',
        params: idParams,
        response: { 204: z.null(), ...problemResponses, 409: problemModel },
      },
    },
    async (req, reply) => {
      await wb.store.deleteProject(req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );
};
