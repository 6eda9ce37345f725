/** What every phase of the bench gets: the settings, the upstream and the paths under test. */
import type { BenchConfig } from './config.js';
import type { Endpoint } from './endpoint.js';
import type { MeasuredProcess } from './measured-process.js';
import type { StartedUpstream } from './processes.js';

export interface PathUnderTest {
  endpoint: Endpoint;
  /** The process between client and upstream; absent on the direct path. */
  proxy?: MeasuredProcess;
}

/** What a correct answer looks like, learned from the direct path before anything is measured. */
export interface ExpectedStream {
  chunkCount: number;
  content: string;
}

export interface BenchContext {
  config: BenchConfig;
  upstream: StartedUpstream;
  paths: PathUnderTest[];
  expectedStream: ExpectedStream;
  log(message: string): void;
}
