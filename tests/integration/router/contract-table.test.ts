/** The table the router tests are built on covers the whole contract, and its examples are valid. */
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../../src-shared/contract.js';
import { NO_ARGS, SPECS, type Spec, WITH_ARGS } from './contract-table.js';

describe('the contract table these tests use', () => {
  it('covers every call, and each valid example passes its schema', () => {
    expect([...NO_ARGS, ...WITH_ARGS].sort()).toEqual([...CALL_NAMES].sort());
    for (const name of WITH_ARGS) {
      const spec = SPECS[name] as Spec;
      expect(contract[name].args.safeParse(spec.valid).success, name).toBe(true);
      // Every field the schema knows is in the table, and the example names every one.
      const shape = (contract[name].args as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(spec.fields).sort(), name).toEqual(Object.keys(shape).sort());
      expect(Object.keys(spec.valid).sort(), name).toEqual(Object.keys(shape).sort());
    }
  });
});
