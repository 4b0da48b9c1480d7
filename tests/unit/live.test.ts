/** The live pub/sub's pieces that need no server: the hub's fan-out, subscriptions, notices, frames, settings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnv } from '../../lib/env';
import { ChannelHub, type Listener } from '../../lib/live/hub';
import { inProcessPubSub } from '../../lib/live/in-process';
import { parseNotice } from '../../lib/live/notice';
import { commentFrame, eventFrame } from '../../lib/live/sse';
import { subscribeOn } from '../../lib/live/subscription';

const text = (frame: Uint8Array) => new TextDecoder().decode(frame);

function recorder(): Listener & { heard: string[]; gaps: number } {
  const heard: string[] = [];
  const self = { heard, gaps: 0, onMessage: (channel: string, message: string) => heard.push(`${channel} ${message}`), onGap: () => (self.gaps += 1) };
  return self;
}

describe('ChannelHub', () => {
  it('subscribes a channel at the transport once, for its first listener, and drops it with its last', async () => {
    const calls: string[] = [];
    const hub = new ChannelHub({ first: async (channel) => void calls.push(`+${channel}`), last: async (channel) => void calls.push(`-${channel}`) });
    const [a, b] = [recorder(), recorder()];
    const one = await subscribeOn(hub, ['list:1', 'user:a'], a);
    const two = await subscribeOn(hub, ['list:1'], b);
    assert.deepEqual(calls, ['+list:1', '+user:a']);
    one.close();
    assert.deepEqual(calls, ['+list:1', '+user:a', '-user:a']);
    two.remove(['list:1']);
    assert.deepEqual(calls, ['+list:1', '+user:a', '-user:a', '-list:1']);
    assert.equal(hub.channelCount, 0);
  });

  it('delivers only to listeners of the channel, stops at once on remove, and tells everyone of a gap', async () => {
    const hub = new ChannelHub();
    const [a, b] = [recorder(), recorder()];
    const first = await subscribeOn(hub, ['list:1'], a);
    await subscribeOn(hub, ['list:2'], b);
    hub.deliver('list:1', 'x');
    first.remove(['list:1']);
    hub.deliver('list:1', 'y');
    hub.gap();
    assert.deepEqual(a.heard, ['list:1 x']);
    assert.deepEqual(b.heard, []);
    assert.deepEqual([a.gaps, b.gaps], [1, 1]);
  });
});

describe('inProcessPubSub', () => {
  it('delivers after the publisher’s own turn, never inside it', async () => {
    const pubsub = inProcessPubSub();
    const listener = recorder();
    await pubsub.subscribe(['list:1'], listener);
    const publishing = pubsub.publish('list:1', 'hello');
    assert.deepEqual(listener.heard, []);
    await publishing;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(listener.heard, ['list:1 hello']);
  });
});

describe('notices and frames', () => {
  it('parses known notices and ignores anything else', () => {
    assert.deepEqual(parseNotice('{"type":"task.updated","listId":"l","taskId":"t","version":3}'), { type: 'task.updated', listId: 'l', taskId: 't', version: 3 });
    assert.equal(parseNotice('{"type":"task.exploded"}'), null);
    assert.equal(parseNotice('not json'), null);
    assert.equal(parseNotice('{"type":"task.updated","extra":1}'), null);
  });

  it('writes event frames with an id and comment frames', () => {
    assert.equal(text(eventFrame({ event: 'change', data: { a: 'line\nbreak' }, id: 7 })), 'id: 7\nevent: change\ndata: {"a":"line\\nbreak"}\n\n');
    assert.equal(text(commentFrame('heartbeat')), ': heartbeat\n\n');
  });
});

describe('live settings', () => {
  const base = { APP_MODE: 'local', COGNITO_USER_POOL_ID: 'local_abc123', COGNITO_CLIENT_ID: 'client' };

  it('defaults to in-process with a 15 s heartbeat and bounded streams', () => {
    const env = parseEnv(base);
    assert.equal(env.LIVE_PUBSUB_URL, undefined);
    assert.deepEqual([env.LIVE_HEARTBEAT_MS, env.LIVE_MAX_STREAMS_PER_USER, env.LIVE_MAX_STREAMS_PER_PROCESS], [15_000, 10, 2000]);
  });

  it('takes redis:// and rediss:// (TLS) URLs only', () => {
    assert.equal(parseEnv({ ...base, LIVE_PUBSUB_URL: 'rediss://live.example.cache.amazonaws.com:6379' }).LIVE_PUBSUB_URL, 'rediss://live.example.cache.amazonaws.com:6379');
    assert.throws(() => parseEnv({ ...base, LIVE_PUBSUB_URL: 'http://127.0.0.1:6379' }), /LIVE_PUBSUB_URL/);
  });
});
