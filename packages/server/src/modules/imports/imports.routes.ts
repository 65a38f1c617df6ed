import { importEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { XLSX_TYPE } from './imports.read.js';
import { createImport, dryRunImport, getImport, importErrorsCsv, runImport, updateImport } from './imports.service.js';
import { undoImport } from './imports.undo.js';

/** An uploaded file may be far larger than a JSON body. */
const UPLOAD_BYTES_MAX = 512 * 1024 * 1024;

export const registerImportRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  // The file comes as the raw body (@fastify/multipart is not a dependency): CSV or XLSX, kept as bytes so
  // the encoding is detected from them, not assumed.
  app.addContentTypeParser(
    ['text/csv', XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_BYTES_MAX },
    (_request, body, done) => done(null, body),
  );
  registerEndpoints(app, ctx, importEndpoints, {
    createImport: async (ctx, actor, { query }, { request }) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'validation_failed',
          'Send the file as the body with Content-Type text/csv or the XLSX type',
        );
      }
      const name =
        query.fileName ?? `import.${request.headers['content-type']?.startsWith('text/csv') ? 'csv' : 'xlsx'}`;
      return answer(201, await createImport(ctx, actor, query.entity, name, request.body));
    },
    getImport: (ctx, actor, { params }) => getImport(ctx, actor, params.id),
    updateImport: (ctx, actor, { params, body }) => updateImport(ctx, actor, params.id, body),
    dryRunImport: (ctx, actor, { params }) => dryRunImport(ctx, actor, params.id),
    importErrors: (ctx, actor, { params }) => importErrorsCsv(ctx, actor, params.id),
    runImport: (ctx, actor, { params }) => runImport(ctx, actor, params.id),
    undoImport: (ctx, actor, { params }) => undoImport(ctx, actor, params.id),
  });
};
