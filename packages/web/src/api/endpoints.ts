import { type Endpoint, type EndpointRequest, type EndpointResponse, type Page, pathOf } from '@nenner/shared';
import { keepPreviousData, type QueryClient, type QueryKey, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, toQueryString } from './client';

/*
 * The typed client: every call names an endpoint of the shared contract, so its path, method, input and
 * answer come from the same entry the server registers. Query keys derive from the entry too.
 */

type QueryValue = string | number | boolean | null | undefined;

/** Calls one endpoint of the contract. */
export const call = <E extends Endpoint>(
  e: E,
  request: EndpointRequest<E>,
  signal?: AbortSignal,
): Promise<EndpointResponse<E>> => {
  const r = request as {
    params?: Record<string, string>;
    query?: Record<string, QueryValue>;
    body?: unknown;
    version?: number;
  };
  const path = pathOf(e.path, r.params).replace(/^\/api/, '');
  return api<EndpointResponse<E>>(`${path}${toQueryString(r.query ?? {})}`, {
    method: e.method,
    body: r.body ?? (e.body ? {} : undefined),
    version: r.version,
    signal,
  });
};

/** The resource an endpoint belongs to: `/api/campaigns/:id/costs` → `campaigns`. */
export const resourceOf = (e: Endpoint): string => e.path.split('/')[2] ?? '';

/**
 * The cache key of a read: the resource first (so invalidating `['campaigns']` refreshes every campaign
 * read), then the endpoint, then its params and query. Each part is a prefix of the next, so
 * `keyOf(e, { params: { id } })` names every read of `e` for that record, whatever its filters.
 */
export const keyOf = (e: Endpoint, request?: { params?: unknown; query?: unknown }): QueryKey => {
  const key: unknown[] = [resourceOf(e), `${e.method} ${e.path}`];
  if (request?.params !== undefined || request?.query !== undefined) key.push(request.params ?? null);
  if (request?.query !== undefined) key.push(request.query);
  return key;
};

/**
 * Refreshes cached reads after a write: a resource name (`'deals'`) is every read under it, an endpoint
 * every read of that endpoint, a key (from `keyOf`) every read it prefixes. Settles when the active
 * ones are read again (a mutation that returns it stays pending until the list shows the change).
 */
export const invalidate = async (qc: QueryClient, ...targets: (string | Endpoint | QueryKey)[]): Promise<void> => {
  await Promise.all(
    targets.map((target) =>
      qc.invalidateQueries({
        queryKey: typeof target === 'string' ? [target] : 'path' in target ? keyOf(target) : target,
      }),
    ),
  );
};

/** One read of an endpoint, cached under its derived key. */
export const useEndpoint = <E extends Endpoint>(
  e: E,
  request: EndpointRequest<E>,
  options: { enabled?: boolean; staleTime?: number } = {},
) =>
  useQuery({
    queryKey: keyOf(e, request),
    queryFn: ({ signal }) => call(e, request, signal),
    ...options,
  });

type PagedItem<E extends Endpoint> = EndpointResponse<E> extends Page<infer T> ? T : never;

export const PAGE_SIZE = 50;

export interface PagedOptions {
  enabled?: boolean;
  pageSize?: number;
  /** Keep showing the last answer while a changed filter loads (instead of the skeleton). */
  keepPrevious?: boolean;
  /** Re-read every so many milliseconds (queues that others change). */
  refetchInterval?: number;
}

/**
 * A keyset-paged list: one page at a time by cursor; only loaded pages are kept. `rows` flattens them,
 * `loadMore` fetches the next.
 */
export const usePagedList = <E extends Endpoint>(e: E, request: EndpointRequest<E>, options: PagedOptions = {}) => {
  const r = request as { params?: unknown; query?: Record<string, QueryValue> };
  const query = useInfiniteQuery({
    queryKey: keyOf(e, request),
    queryFn: ({ pageParam, signal }) =>
      call(
        e,
        {
          ...request,
          query: { ...r.query, limit: options.pageSize ?? PAGE_SIZE, cursor: pageParam },
        } as EndpointRequest<E>,
        signal,
      ) as Promise<Page<PagedItem<E>>>,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
  const rows: PagedItem<E>[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, rows, loadMore: () => void query.fetchNextPage() };
};
