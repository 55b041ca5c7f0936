import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { assertDescribed, fieldsOf, UndescribedFieldsError, undescribedFields } from '../../src/fields';

describe('protocol field descriptions', () => {
  const described = z.object({
    name: z.string().describe('The name.'),
    limit: z.number().int().default(50).describe('How many at most; default 50.'),
    items: z.array(z.object({ id: z.string().describe('The item.') })).describe('The items.'),
  });

  it('lists every field with its path, type, whether it is required and its description', () => {
    assert.deepEqual(fieldsOf(described), [
      { path: 'name', type: 'string', required: true, description: 'The name.', rules: '' },
      {
        path: 'limit',
        type: 'integer',
        required: false,
        description: 'How many at most; default 50.',
        rules: 'default `50`',
      },
      { path: 'items', type: 'object[]', required: true, description: 'The items.', rules: '' },
      { path: 'items[].id', type: 'string', required: true, description: 'The item.', rules: '' },
    ]);
  });

  it('states what a field enforces: default, bounds, lengths, items and pattern, also when nullable', () => {
    const bounded = z.object({
      limit: z.number().int().min(1).max(500).default(50).describe('How many.'),
      code: z
        .string()
        .min(2)
        .max(8)
        .regex(/^[a-z]+$/)
        .nullable()
        .describe('A code.'),
      tags: z.array(z.string()).max(6).describe('Tags.'),
    });
    assert.deepEqual(
      fieldsOf(bounded).map((field) => field.rules),
      ['default `50`; 1–500', '2–8 chars; pattern `^[a-z]+$`', '≤ 6 items'],
    );
  });

  it('takes the description of the schema a nullable field wraps', () => {
    const wrapped = z.object({ outcome: z.enum(['ok', 'failed']).describe('How it ended.').nullable() });
    assert.equal(fieldsOf(wrapped)[0]?.description, 'How it ended.');
  });

  it('passes when every field is described', () => {
    assert.doesNotThrow(() => assertDescribed([{ name: 'x/y params', schema: described }]));
  });

  it('fails on an undescribed field, naming every one, nested ones included', () => {
    const undescribed = described.extend({
      bare: z.boolean(),
      nested: z.object({ inner: z.string() }).optional().describe('Described itself, but not its field.'),
    });
    const messages = [{ name: 'x/y params', schema: undescribed }];
    assert.deepEqual(undescribedFields(messages), ['x/y params: bare', 'x/y params: nested.inner']);
    assert.throws(
      () => assertDescribed(messages),
      (error: unknown) =>
        error instanceof UndescribedFieldsError &&
        error.paths.join(',') === 'x/y params: bare,x/y params: nested.inner' &&
        error.message.includes('x/y params: nested.inner'),
    );
  });
});
