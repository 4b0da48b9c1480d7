/** Just enough typing for the local emulators, which ship no declarations of their own. */
declare module 'dynalite' {
  import type { Server } from 'node:http';
  type Options = { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };
  export default function dynalite(options?: Options): Server;
}

declare module 's3rver' {
  type Options = { port?: number; address?: string; directory: string; silent?: boolean };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}
