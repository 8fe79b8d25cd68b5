// Entry of a batch worker thread: a worker does not inherit the parent's tsx loader, so
// register it here before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
