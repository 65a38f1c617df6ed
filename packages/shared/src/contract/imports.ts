import { IdParams } from '../schemas/common.js';
import {
  CreatedImport,
  DryRunResult,
  ImportQuery,
  ImportState,
  UndoResult,
  UpdateImportInput,
} from '../schemas/imports.js';
import { endpoint } from './endpoint.js';

const tag = 'imports';

// The upload takes the file as `multipart/form-data` (the part named `file`) or as the raw body (`text/csv`,
// `text/plain` is refused, or the XLSX type `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`);
// the server registers the parsers for those.
export const importEndpoints = {
  createImport: endpoint({
    method: 'POST',
    path: '/api/imports',
    tag,
    summary:
      'Uploads a CSV or XLSX file (multipart field `file`, or the raw body) and detects its encoding, delimiter, columns and preset',
    query: ImportQuery,
    response: CreatedImport,
    status: 201,
    action: 'imports.create',
  }),
  getImport: endpoint({
    method: 'GET',
    path: '/api/imports/:id',
    tag,
    summary: "An import's settings and progress: rows done of total, counts, rate and time left",
    params: IdParams,
    response: ImportState,
    action: 'imports.manage',
  }),
  updateImport: endpoint({
    method: 'PATCH',
    path: '/api/imports/:id',
    tag,
    summary: 'Changes the mapping of columns to fields, the dedupe mode, the date format or the decimal mark',
    params: IdParams,
    body: UpdateImportInput,
    response: ImportState,
    action: 'imports.manage',
  }),
  dryRunImport: endpoint({
    method: 'POST',
    path: '/api/imports/:id/dry-run',
    tag,
    summary: 'Reads the whole file without writing: rows to create, update, skip and fail, and the first 100 errors',
    params: IdParams,
    response: DryRunResult,
    action: 'imports.manage',
  }),
  importErrors: endpoint({
    method: 'GET',
    path: '/api/imports/:id/errors.csv',
    tag,
    summary: 'Every row error of the last dry run or run as CSV (row, column, value, message), without a cap',
    params: IdParams,
    produces: 'text/csv',
    action: 'imports.manage',
  }),
  runImport: endpoint({
    method: 'POST',
    path: '/api/imports/:id/run',
    tag,
    summary: 'Starts the import as a background job; poll GET /api/imports/:id for progress',
    params: IdParams,
    response: ImportState,
    status: 200,
    action: 'imports.manage',
  }),
  undoImport: endpoint({
    method: 'POST',
    path: '/api/imports/:id/undo',
    tag,
    summary: 'Removes what the import created and restores what it overwrote; records edited since are kept and listed',
    params: IdParams,
    response: UndoResult,
    action: 'imports.manage',
  }),
} as const;
