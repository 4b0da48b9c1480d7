import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { attachmentIdsFrom, createAttachmentSchema } from '../../lib/attachments/schema';
import { sniffImageType } from '../../lib/attachments/verify';
import { NotFoundError } from '../../lib/errors';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name));

describe('sniffImageType', () => {
  it('recognises the real fixtures by their first bytes', () => {
    assert.equal(sniffImageType(fixture('dog.jpg')), 'image/jpeg');
    assert.equal(sniffImageType(fixture('cow.png')), 'image/png');
    assert.equal(sniffImageType(fixture('horse.webp')), 'image/webp');
    assert.equal(sniffImageType(Buffer.from('GIF89a\x01\x00\x01\x00')), 'image/gif');
    assert.equal(sniffImageType(Buffer.from('GIF87a\x01\x00\x01\x00')), 'image/gif');
  });

  it('refuses text, empty input, near misses and other RIFF files', () => {
    for (const bytes of ['hello, I am a png', '', '\xff\xd8', 'RIFF\x00\x00\x00\x00WAVEfmt ', '<svg xmlns="http://www.w3.org/2000/svg"/>']) {
      assert.equal(sniffImageType(Buffer.from(bytes, 'latin1')), null, JSON.stringify(bytes));
    }
    assert.equal(sniffImageType(fixture('cow.png').subarray(0, 7)), null, 'a truncated PNG signature');
  });
});

describe('attachment inputs', () => {
  it('trims the file name, lower-cases the type and keeps the size', () => {
    const parsed = createAttachmentSchema.parse({ fileName: '  rex.JPG ', contentType: 'Image/JPEG', size: 10 });
    assert.deepEqual(parsed, { fileName: 'rex.JPG', contentType: 'image/jpeg', size: 10 });
  });

  it('rejects empty, long or control-character names, bad sizes and unknown fields', () => {
    for (const input of [
      { fileName: ' ', contentType: 'image/png', size: 1 },
      { fileName: 'a'.repeat(256), contentType: 'image/png', size: 1 },
      { fileName: 'a\nb.png', contentType: 'image/png', size: 1 },
      { fileName: 'a.png', contentType: 'image/png', size: 0 },
      { fileName: 'a.png', contentType: 'image/png', size: '10' },
      { fileName: 'a.png', contentType: 'image/png', size: 1, status: 'ready' },
    ]) {
      assert.equal(createAttachmentSchema.safeParse(input).success, false, JSON.stringify(input));
    }
  });

  it('answers 404 for ids we could not have issued', () => {
    const id = '3f0c8a4e-8e1b-4c55-9d0a-0b6f3a1c2d4e';
    assert.deepEqual(attachmentIdsFrom({ id, aid: id }), { taskId: id, attachmentId: id });
    assert.throws(() => attachmentIdsFrom({ id, aid: '../../etc' }), NotFoundError);
    assert.throws(() => attachmentIdsFrom({ id: 'x', aid: id }), NotFoundError);
  });
});
