import { config } from 'zod';

// Runs before any other browser code. Zod compiles object schemas with `new Function` when it may;
// merely probing for that is an eval the page's Content-Security-Policy refuses (and reports), so
// the browser bundle parses without it. The server keeps the compiled parsers.
config({ jitless: true });
