import { makeZodJitless } from '@/lib/client/zod-jitless';

// Runs before any other browser code, so zod (on the pages that parse with it) never probes for eval.
makeZodJitless();
