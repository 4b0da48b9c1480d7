import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        paths: [{ name: 'next/link', message: 'Use AppLink from components/ui/app-link: next/link adds ~9 KiB (gzip) to every page.' }],
      }],
    },
  },
  globalIgnores([
    '.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts',
    '.lambda/**', 'test-results/**', 'playwright-report/**', 'infra/cdktf.out/**', 'infra/.gen/**',
    // Built by scripts/build-sw.ts from service-worker/.
    'public/sw.js',
  ]),
]);
