import { MIXED, startTestRuntime } from '../support/engines';

test('mixed runtime starts', async () => {
  const { runtime, dispose } = await startTestRuntime(MIXED);
  expect(runtime.keyMap.size).toBeGreaterThan(1000);
  await dispose();
});
