/** What the global setup prepared: the tool paths and the workflow bundle. */
export function testServerPath(): string {
  return required('TEMPORAL_TEST_SERVER_PATH');
}

export function temporalCliPath(): string {
  return required('TEMPORAL_CLI_PATH');
}

export function workflowBundle(): { codePath: string } {
  return { codePath: required('PARCOURS_WORKFLOW_BUNDLE') };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (test/global-setup.ts)`);
  return value;
}
