import type { z } from 'zod';
import type { PolicyAction } from '../policies/policies.js';
import { IdParams, pageOf } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** What tells one kind of shared record from another on the common REST surface. */
export interface RecordKind<
  Rec extends z.ZodType,
  ListQ extends z.ZodType,
  CreateB extends z.ZodType,
  UpdateB extends z.ZodType,
> {
  /** The collection, e.g. `/api/accounts`; a record lives at `<path>/:id`. */
  path: string;
  /** The singular used in the summaries, e.g. `account`. */
  noun: string;
  tag: string;
  record: Rec;
  listQuery: ListQ;
  createBody: CreateB;
  updateBody: UpdateB;
  /** Who lists and reads. */
  read: PolicyAction;
  /** Who creates, edits and moves to the trash. */
  write: PolicyAction;
  /** Who sees the trash and restores from it. */
  trash: PolicyAction;
}

/**
 * The six endpoints every shared record has: list, create, read, edit with If-Match, trash and restore.
 * A module spreads them under its own verb names and adds what only it has.
 */
export const recordEndpoints = <
  Rec extends z.ZodType,
  ListQ extends z.ZodType,
  CreateB extends z.ZodType,
  UpdateB extends z.ZodType,
>(
  k: RecordKind<Rec, ListQ, CreateB, UpdateB>,
) => {
  const { path, noun, tag, record } = k;
  const one = `${path}/:id`;
  return {
    list: endpoint({
      method: 'GET',
      path,
      tag,
      summary: `List ${noun}s (keyset paged)`,
      query: k.listQuery,
      response: pageOf(record),
      action: k.read,
    }),
    create: endpoint({
      method: 'POST',
      path,
      tag,
      summary: `Create a ${noun}`,
      body: k.createBody,
      response: record,
      status: 201,
      action: k.write,
    }),
    get: endpoint({
      method: 'GET',
      path: one,
      tag,
      summary: `One ${noun}`,
      params: IdParams,
      response: record,
      action: k.read,
    }),
    update: endpoint({
      method: 'PATCH',
      path: one,
      tag,
      summary: `Edit a ${noun} (If-Match: "<version>" required)`,
      params: IdParams,
      body: k.updateBody,
      response: record,
      ifMatch: true,
      action: k.write,
    }),
    remove: endpoint({
      method: 'DELETE',
      path: one,
      tag,
      summary: `Move a ${noun} to the trash`,
      params: IdParams,
      action: k.write,
    }),
    restore: endpoint({
      method: 'POST',
      path: `${one}/restore`,
      tag,
      summary: `Restore a ${noun} from the trash (admins)`,
      params: IdParams,
      response: record,
      action: k.trash,
    }),
  };
};
