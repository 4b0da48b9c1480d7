/** instrumentation-client.ts sets zod's jitless flag without importing zod: zod must still read it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeZodJitless } from '../../lib/client/zod-jitless';

describe('zod jitless in the browser', () => {
  it('keeps zod from probing or compiling with new Function when set before zod loads', async () => {
    let evals = 0;
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args: unknown[]) {
        evals += 1;
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      makeZodJitless();
      const { config, z } = await import('zod');
      assert.equal(config().jitless, true);
      const schema = z.object({ title: z.string(), done: z.boolean() });
      for (let round = 0; round < 3; round += 1) assert.deepEqual(schema.parse({ title: 'a', done: false }), { title: 'a', done: false });
      assert.equal(evals, 0);
    } finally {
      globalThis.Function = original;
    }
  });
});
