export { EventQueue } from './event-queue.js';
export { Kernel, TimeTravelError, InvalidTimeError } from './kernel.js';
export type { KernelAction, KernelHandler } from './kernel.js';
export { Resource } from './resource.js';
export type { ResourceStatistics } from './resource.js';
export { RandomStream, RandomStreams } from './random.js';
