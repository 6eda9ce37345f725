/**
 * Child process entry for the upstream: the OpenAI simulator the tests use, without request
 * recording so its memory stays flat over tens of thousands of requests. Prints its URL and key on
 * the ready line and takes control messages over IPC (see {@link UpstreamControl}).
 */
import { startOpenAiSimulator } from '../test/support/openai-simulator.js';
import { exitOnSignal, printReady } from './ready-line.js';
import { isUpstreamControl, replyText, simulatedModel, type UpstreamReady } from './upstream-protocol.js';

const simulator = await startOpenAiSimulator({ models: [simulatedModel], record: false });
// A fixed reply makes every path stream exactly the same chunks, so counts can be compared.
simulator.setDefault({ text: replyText });

process.on('message', (message: unknown) => {
  if (!isUpstreamControl(message)) return;
  // Faults are per request (FIFO): pace the next `count` streams by `chunkDelayMilliseconds`.
  for (let index = 0; index < message.count; index++) simulator.fail({ chunkDelayMs: message.chunkDelayMilliseconds });
  process.send?.({ benchControl: 'paced', sequence: message.sequence });
});

exitOnSignal(() => simulator.close());
const ready: UpstreamReady = { url: simulator.url, port: simulator.port, apiKey: simulator.apiKey };
printReady(ready);
