export { EventQueue } from './event-queue.js';
export { Kernel, TimeTravelError } from './kernel.js';
export type { KernelAction } from './kernel.js';
export { RandomStream, RandomStreams } from './random.js';
