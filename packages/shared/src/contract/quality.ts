import { z } from 'zod';
import { IdParams, pageOf } from '../schemas/common.js';
import { DuplicatesQuery, MergeInput } from '../schemas/deals.js';
import {
  AttentionItem,
  AttentionQuery,
  CompletenessResult,
  DismissDuplicateInput,
  DuplicatePair,
  ListMergesQuery,
  Merge,
  MergeResult,
} from '../schemas/quality.js';
import { endpoint } from './endpoint.js';

const tag = 'quality';
const mergeSummary = (noun: string) =>
  `Merge two ${noun}s: fields maps a field to the id whose value survives; the other goes to the trash`;

/** Data quality: completeness, the "needs attention" list, duplicate review, merges and their undo. */
export const qualityEndpoints = {
  contactQuality: endpoint({
    method: 'GET',
    path: '/api/contacts/:id/quality',
    tag,
    summary: "A contact's completeness: score 0–100 and the missing fields, heaviest first",
    params: IdParams,
    response: CompletenessResult,
    action: 'quality.read',
  }),
  accountQuality: endpoint({
    method: 'GET',
    path: '/api/accounts/:id/quality',
    tag,
    summary: "An account's completeness: score 0–100 and the missing fields, heaviest first",
    params: IdParams,
    response: CompletenessResult,
    action: 'quality.read',
  }),
  listAttention: endpoint({
    method: 'GET',
    path: '/api/quality/attention',
    tag,
    summary: "An owner's contacts or accounts, least complete first (ownerId me|<id>)",
    query: AttentionQuery,
    response: pageOf(AttentionItem),
    action: 'quality.read',
  }),
  listDuplicates: endpoint({
    method: 'GET',
    path: '/api/duplicates',
    tag,
    summary: 'Probable duplicate pairs with reasons and confidence (dismissed pairs left out)',
    query: DuplicatesQuery,
    response: pageOf(DuplicatePair),
    action: 'quality.read',
  }),
  dismissDuplicate: endpoint({
    method: 'POST',
    path: '/api/duplicates/dismiss',
    tag,
    summary: 'Mark a pair as not a duplicate, for good',
    body: DismissDuplicateInput,
    action: 'quality.write',
  }),
  mergeContacts: endpoint({
    method: 'POST',
    path: '/api/contacts/merge',
    tag,
    summary: mergeSummary('contact'),
    body: MergeInput,
    response: MergeResult,
    action: 'quality.write',
  }),
  mergeAccounts: endpoint({
    method: 'POST',
    path: '/api/accounts/merge',
    tag,
    summary: mergeSummary('account'),
    body: MergeInput,
    response: MergeResult,
    action: 'quality.write',
  }),
  listMerges: endpoint({
    method: 'GET',
    path: '/api/merges',
    tag,
    summary: 'Merges a record took part in, newest first',
    query: ListMergesQuery,
    response: z.object({ items: z.array(Merge) }),
    action: 'quality.read',
  }),
  undoMerge: endpoint({
    method: 'POST',
    path: '/api/merges/:id/undo',
    tag,
    summary: 'Undo a merge (412 if either record changed since)',
    params: IdParams,
    response: Merge,
    action: 'quality.write',
  }),
};
