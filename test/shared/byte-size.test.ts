import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatByteSize } from '../../shared/byte-size.js';

describe('formatByteSize', () => {
  it('shows bytes under 1 KB as they are', () => {
    assert.equal(formatByteSize(0), '0 B');
    assert.equal(formatByteSize(1023), '1023 B');
  });

  it('steps up by powers of 1024 with at most one decimal, and none when it is zero', () => {
    assert.equal(formatByteSize(1024), '1 KB');
    assert.equal(formatByteSize(1536), '1.5 KB');
    assert.equal(formatByteSize(65_536), '64 KB');
    assert.equal(formatByteSize(32 * 1024 * 1024), '32 MB');
    assert.equal(formatByteSize(1.25 * 1024 * 1024 * 1024), '1.3 GB');
    assert.equal(formatByteSize(1024 * 1024 - 1), '1 MB', 'never 1024 KB');
    assert.equal(formatByteSize(3 * 1024 ** 5), '3072 TB', 'TB is the largest unit');
  });
});
