import type { CreatedImport, ImportEntity, Problem } from '@nenner/shared';
import { ApiError } from '../../api/client';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Uploads the file as the request body (the server reads CSV or XLSX bytes and detects the encoding
 * itself; the API also documents this raw-body upload).
 */
export const uploadImport = async (entity: ImportEntity, file: File): Promise<CreatedImport> => {
  const type = /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
  const res = await fetch(`/api/imports?entity=${entity}&fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': type, Accept: 'application/json' },
    credentials: 'same-origin',
    body: file,
  });
  const data = (await res.json()) as CreatedImport | Partial<Problem>;
  if (!res.ok) {
    const p = data as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      code: typeof p.code === 'string' ? p.code : 'internal_error',
      title: p.title ?? '',
      errors: p.errors,
    });
  }
  return data as CreatedImport;
};
