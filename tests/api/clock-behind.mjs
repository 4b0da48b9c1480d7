/**
 * Preloaded into a test's server process (NODE_OPTIONS=--import) to put its clock TEST_CLOCK_BEHIND_MS
 * behind the machine's: a fault no emulator can produce, for the sync test's "writes whose clock is a
 * little behind". Only `Date` moves; timers and the event loop are untouched.
 */
const behind = Number(process.env.TEST_CLOCK_BEHIND_MS ?? 0);
const RealDate = Date;

class BehindDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() - behind);
    else super(...args);
  }

  static now() {
    return RealDate.now() - behind;
  }

  // Own copies: Next.js wraps the global Date by its own properties, so inherited statics would be lost.
  static parse(text) {
    return RealDate.parse(text);
  }

  static UTC(...parts) {
    return RealDate.UTC(...parts);
  }
}

globalThis.Date = BehindDate;
