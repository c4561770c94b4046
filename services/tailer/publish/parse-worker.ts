/**
 * A parse worker thread (TAILER_PARSE_WORKERS): parses and Avro-encodes the lines of the files
 * opened on it with processLines, the function a file job runs on its own thread without workers.
 * Holds one format pipeline (and so one parser state) per open file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import avro from 'avsc';
import type { AccessEvent, SsaiEvent } from '../../../avro/generated/index.ts';
import { loadSchema } from '../../../avro/subjects.ts';
import { framedEncoder } from '../../runtime/avro-serde.ts';
import { createFormatPipeline, type Encoders, type FormatPipeline } from './format-pipeline.ts';
import { processLines } from './line-outcome.ts';
import { packOutcomes, type ParseRequest, type ParseWorkerInit } from './parse-worker-protocol.ts';

const init = workerData as ParseWorkerInit;
const encoders: Encoders = {
  ssai: framedEncoder<SsaiEvent>(avro.Type.forSchema(loadSchema('ssai.events.v1') as avro.Schema), init.encoders.ssai.schemaId, init.encoders.ssai.subject),
  access: framedEncoder<AccessEvent>(avro.Type.forSchema(loadSchema('access.events.v1') as avro.Schema), init.encoders.access.schemaId, init.encoders.access.subject),
};
const sessions = new Map<number, FormatPipeline>();

parentPort?.on('message', (req: ParseRequest) => {
  if (req.op === 'open') sessions.set(req.session, createFormatPipeline(req.format, encoders, req.opts));
  else if (req.op === 'close') sessions.delete(req.session);
  else {
    const pipeline = sessions.get(req.session);
    if (!pipeline) {
      parentPort?.postMessage({ id: req.id, error: `no open file ${req.session} in this parse worker` });
      return;
    }
    const { message, transfer } = packOutcomes(req.id, processLines(pipeline, req.texts, req.firstLineNo));
    parentPort?.postMessage(message, transfer);
  }
});
