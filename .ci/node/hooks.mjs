import { pathToFileURL } from 'node:url';

let copy = '';

export const initialize = ({ dir }) => {
  copy = pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`).href;
};

const marker = '/node_modules/better-sqlite3/';

export const resolve = async (specifier, context, next) => {
  const result = await next(specifier, context);
  const at = result.url.lastIndexOf(marker);
  if (at < 0 || result.url.startsWith(copy)) return result;
  return { ...result, url: copy + result.url.slice(at + marker.length) };
};
