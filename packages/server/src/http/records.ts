import { IdParams, type Page, pageOf } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor, AppContext } from '../context.js';
import { requireVersion } from './access.js';
import { requireActor } from './auth.js';

interface RecordService<R, L, C, U> {
  list(ctx: AppContext, actor: Actor, query: L): Promise<Page<R>>;
  get(ctx: AppContext, actor: Actor, id: string): Promise<R>;
  create(ctx: AppContext, actor: Actor, input: C): Promise<R>;
  update(ctx: AppContext, actor: Actor, id: string, version: number, input: U): Promise<R>;
  remove(ctx: AppContext, actor: Actor, id: string): Promise<void>;
  restore(ctx: AppContext, actor: Actor, id: string): Promise<R>;
}

/**
 * The REST surface every shared record has: list, create, read, edit with If-Match, trash and restore.
 * Routes stay thin: validate with the shared schemas, call one service function, present the result.
 */
export const registerRecordRoutes = <
  Rec extends z.ZodType,
  ListQ extends z.ZodType,
  CreateB extends z.ZodType,
  UpdateB extends z.ZodType,
>(
  app: FastifyInstance,
  ctx: AppContext,
  def: {
    path: string;
    noun: string;
    record: Rec;
    listQuery: ListQ;
    createBody: CreateB;
    updateBody: UpdateB;
    service: RecordService<z.output<Rec>, z.output<ListQ>, z.output<CreateB>, z.output<UpdateB>>;
  },
): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [def.path.split('/').at(-1) ?? def.noun];
  const { service } = def;
  // Response schemas document the API; typing them loosely keeps this generic helper simple.
  const doc = (status: number, schema: z.ZodType) => ({ [status]: schema }) as Record<number, z.ZodType>;

  r.get(
    def.path,
    {
      schema: {
        tags,
        summary: `List ${def.noun}s (keyset paged)`,
        querystring: def.listQuery,
        response: doc(200, pageOf(def.record)),
      },
    },
    async (request) => service.list(ctx, requireActor(request), request.query as z.output<ListQ>),
  );
  r.post(
    def.path,
    { schema: { tags, summary: `Create a ${def.noun}`, body: def.createBody, response: doc(201, def.record) } },
    async (request, reply) =>
      reply.status(201).send(await service.create(ctx, requireActor(request), request.body as z.output<CreateB>)),
  );
  r.get(
    `${def.path}/:id`,
    { schema: { tags, summary: `One ${def.noun}`, params: IdParams, response: doc(200, def.record) } },
    async (request) => service.get(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    `${def.path}/:id`,
    {
      schema: {
        tags,
        summary: `Edit a ${def.noun} (If-Match: "<version>" required)`,
        params: IdParams,
        body: def.updateBody,
        response: doc(200, def.record),
      },
    },
    async (request) =>
      service.update(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body as z.output<UpdateB>,
      ),
  );
  r.delete(
    `${def.path}/:id`,
    { schema: { tags, summary: `Move a ${def.noun} to the trash`, params: IdParams } },
    async (request, reply) => {
      await service.remove(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.post(
    `${def.path}/:id/restore`,
    {
      schema: {
        tags,
        summary: `Restore a ${def.noun} from the trash (admins)`,
        params: IdParams,
        response: doc(200, def.record),
      },
    },
    async (request) => service.restore(ctx, requireActor(request), request.params.id),
  );
};
