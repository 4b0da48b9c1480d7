/**
 * How often an idle live stream speaks, and the idle timeouts of the proxies it passes (CloudFront's
 * origin read timeout, the load balancer's idle timeout), which infra/ sets and tests against this.
 * Plain module: lib/env.ts and the infrastructure both import it.
 */

export const HEARTBEAT_DEFAULT_MS = 15_000;

/** CloudFront waits this long for a byte from the origin (60 s is the most without a quota raise). */
export const EDGE_STREAM_READ_TIMEOUT_SECONDS = 60;

/** The load balancer closes a connection idle this long: several heartbeats may go missing first. */
export const LOAD_BALANCER_IDLE_TIMEOUT_SECONDS = 120;
