/**
 * A test that prints is a test that hides something (a driver warning, a forgotten debug line):
 * any console output during a test fails it, with the output in the message.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const printed: string[] = [];

beforeEach(() => {
  printed.length = 0;
  for (const method of METHODS) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  jest.restoreAllMocks();
  if (printed.length > 0) throw new Error(`Unexpected console output during the test:\n${printed.join('\n')}`);
});
