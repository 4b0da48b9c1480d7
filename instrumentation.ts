/** Runs once when the server starts: configuration is validated before the first request, then background work begins. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateConfigurationOrExit, startBackgroundWork } = await import('./lib/startup');
    validateConfigurationOrExit();
    startBackgroundWork();
  }
}
