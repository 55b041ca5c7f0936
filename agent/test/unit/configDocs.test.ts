import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema, ENVIRONMENT_VARIABLES } from '../../src/config';

/** The README's configuration table is written by hand: this keeps it from drifting from the schema. */
describe('agent config documentation', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

  it('documents every config key in the README table', () => {
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !readme.includes(`| \`${key}\` |`));
    assert.deepEqual(missing, [], 'add these keys to the configuration table in README.md');
  });

  it('documents every environment variable next to its key', () => {
    const missing = Object.entries(ENVIRONMENT_VARIABLES)
      .filter(([variable, key]) => !new RegExp(`\\| \`${key}\` \\| \`${variable}\``).test(readme))
      .map(([variable]) => variable);
    assert.deepEqual(missing, [], 'add these variables to the configuration table in README.md');
  });
});
