import { parentPort, workerData } from 'node:worker_threads';
import { evaluateRun, type RunSetup, type RunTask } from './evaluate.js';

/**
 * A batch worker thread: receives run tasks, answers with their outcomes. Started
 * through worker-bootstrap.mjs, which registers tsx so this TypeScript file can load.
 */
const setup = workerData as RunSetup;
const port = parentPort!;
port.on('message', (task: RunTask) => port.postMessage(evaluateRun(setup, task)));
port.postMessage({ ready: true });
