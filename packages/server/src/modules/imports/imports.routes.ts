import fastifyMultipart from '@fastify/multipart';
import { importEndpoints } from '@nenner/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { XLSX_TYPE } from './imports.read.js';
import { createImport, dryRunImport, getImport, importErrorsCsv, runImport, updateImport } from './imports.service.js';
import { undoImport } from './imports.undo.js';

/** An uploaded file may be far larger than a JSON body. */
export const UPLOAD_BYTES_MAX = 512 * 1024 * 1024;

const errorCode = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String(e.code) : '');

/**
 * The file of a `multipart/form-data` upload: the one part named `file`. Other fields are ignored; a
 * missing part, a second file or a file over the limit is a clear error, not a half-read body.
 */
const multipartFile = async (request: FastifyRequest, limit: number): Promise<{ name: string; data: Buffer }> => {
  let upload: { name: string; data: Buffer } | undefined;
  try {
    // every part is read to its end (a file part must be, or the next one never comes)
    for await (const part of request.parts({ limits: { fileSize: limit, files: 2, fields: 10, parts: 12 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        throw fieldError(
          'file',
          upload ? 'Send one file per import' : `Send the file in the form field "file", not "${part.fieldname}"`,
        );
      }
      upload = { name: part.filename || 'import', data: await part.toBuffer() };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = errorCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', `The file is larger than ${Math.round(limit / 2 ** 20)} MiB`);
    if (code === 'FST_FILES_LIMIT') throw fieldError('file', 'Send one file per import');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError('file', 'The form has too many fields');
    throw fieldError('file', 'The multipart body could not be read');
  }
  if (!upload) throw fieldError('file', 'The form has no file in the field "file"');
  return upload;
};

export const registerImportRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const uploadLimit = UPLOAD_BYTES_MAX;
  // An encapsulated scope: only the import routes read CSV, XLSX or multipart bodies; everywhere else the
  // API takes JSON alone, so a cross-site form post still answers 415 there.
  void app.register(async (scope) => {
    // The file comes as the raw body (CSV or XLSX, kept as bytes so the encoding is detected from them, not
    // assumed) or as the part `file` of a multipart/form-data body (a browser form).
    scope.addContentTypeParser(
      ['text/csv', XLSX_TYPE, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: uploadLimit },
      (_request, body, done) => done(null, body),
    );
    await scope.register(fastifyMultipart, { limits: { fileSize: uploadLimit, files: 1 } });
    registerEndpoints(scope, ctx, importEndpoints, {
      createImport: async (ctx, actor, { query }, { request }) => {
        if (request.isMultipart()) {
          const upload = await multipartFile(request, uploadLimit);
          return answer(201, await createImport(ctx, actor, query.entity, query.fileName ?? upload.name, upload.data));
        }
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError(
            'validation_failed',
            'Send the file as multipart/form-data (field "file") or as the body with Content-Type text/csv or the XLSX type',
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
  });
};
