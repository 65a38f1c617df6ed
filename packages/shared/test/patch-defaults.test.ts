import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../src/contract/index.js';

/** The object schema under a body (through pipes and transforms), or undefined when it is no object. */
const objectOf = (schema: z.ZodType): z.ZodObject | undefined => {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return objectOf(schema.in as z.ZodType);
  return undefined;
};

const patches = Object.entries(contract as Record<string, { method: string; body?: z.ZodType }>)
  .filter(([, e]) => e.method === 'PATCH' && e.body !== undefined)
  .map(([name, e]) => [name, e.body as z.ZodType] as const);

// Issue 15, item 9: a `.default()` inside a PATCH body fills the fields the client left out, so a PATCH of
// `{ name }` would overwrite (e.g. wipe the members of a team). A PATCH body keeps only what was sent.
describe('PATCH bodies apply no defaults', () => {
  it('finds the PATCH endpoints', () => {
    expect(patches.length).toBeGreaterThanOrEqual(20);
  });

  it.each(patches)('%s: a field left out stays out', (_name, body) => {
    const shape = objectOf(body);
    expect(shape, 'a PATCH body is an object').toBeDefined();
    const filled = Object.entries(shape?.shape ?? {}).flatMap(([key, field]) => {
      const r = (field as z.ZodType).safeParse(undefined);
      return r.success && r.data !== undefined ? [key] : [];
    });
    expect(filled).toEqual([]);
  });

  it.each(patches)('%s: an empty PATCH yields no fields (or is refused)', (_name, body) => {
    const r = body.safeParse({});
    if (r.success) expect(Object.values(r.data as object).filter((v) => v !== undefined)).toEqual([]);
  });
});
