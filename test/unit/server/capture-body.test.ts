import type { Response } from 'express';
import { captureBody } from '../../../src/server/response-cache';

/** A stand-in response that records what reaches the socket. */
function fakeResponse() {
  const sent: Array<{ chunk: unknown; encoding: unknown }> = [];
  const res = {
    write(chunk: unknown, encoding?: unknown) {
      sent.push({ chunk, encoding });
      return true;
    },
    end(chunk?: unknown, encoding?: unknown) {
      if (chunk !== undefined && typeof chunk !== 'function') sent.push({ chunk, encoding });
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe('captureBody (the response cache keeps what was sent)', () => {
  test('strings in their encodings, Buffers and Uint8Arrays, in order; the response gets them unchanged', () => {
    const { res, sent } = fakeResponse();
    const body = captureBody(res);
    res.write('{"data":{"名":');
    res.write(Buffer.from('"é'));
    res.write(new Uint8Array([0x22, 0x2c]));
    res.write('caf\u00e9', 'latin1');
    res.end('}}');
    expect(sent.map((s) => s.chunk)).toEqual([
      '{"data":{"名":',
      Buffer.from('"é'),
      new Uint8Array([0x22, 0x2c]),
      'caf\u00e9',
      '}}',
    ]);
    expect(body()).toEqual(
      Buffer.concat([
        Buffer.from('{"data":{"名":', 'utf8'),
        Buffer.from('"é'),
        Buffer.from([0x22, 0x2c]),
        Buffer.from('caf\u00e9', 'latin1'),
        Buffer.from('}}'),
      ]),
    );
  });

  test('nothing written: no body; an end with only a callback adds nothing', () => {
    const { res } = fakeResponse();
    const body = captureBody(res);
    (res.end as (cb: () => void) => Response)(() => undefined);
    expect(body()).toBeUndefined();
  });
});
