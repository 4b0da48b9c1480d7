import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.TEST_APP_URL;
if (!baseURL) {
  throw new Error(
    'TEST_APP_URL is not set. Run the e2e suite through `npm test` (it starts the emulators and the app and sets it), ' +
      'or point it at a running app: TEST_APP_URL=http://localhost:3000 npx playwright test',
  );
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // A run that hangs ends with its report instead of being cut off by CI.
  globalTimeout: 40 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    // Browsers send Origin on every unsafe fetch; Playwright's API requests (page.request) do not,
    // and the API refuses a cookie write without one (lib/http.ts assertSameOrigin).
    extraHTTPHeaders: { Origin: new URL(baseURL).origin },
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Each new context would precache the app (about 1 MB) on its first page; only e2e/offline.spec.ts,
    // which tests the service worker, lets it register.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
