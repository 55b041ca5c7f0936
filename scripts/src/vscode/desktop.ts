import { runTests } from '@vscode/test-electron';

/**
 * Runs the same in-host suite in desktop VS Code through @vscode/test-electron, which downloads a
 * VS Code build (1.100.3, the version the extension targets): for machines that can reach
 * update.code.visualstudio.com. Screenshots are not taken there (no driver to ask).
 */
export async function runDesktop(options: {
  extensionDir: string;
  suitePath: string;
  workspace: string;
  env: Record<string, string>;
}): Promise<number> {
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: options.extensionDir,
      extensionTestsPath: options.suitePath,
      launchArgs: [options.workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: options.env,
    });
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  }
}
