import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, Resource } from '../../src/index.js';

/** A resource whose grants are logged by name, with the kernel time of each. */
function loggedResource(capacity: number) {
  const kernel = new Kernel();
  const resource = new Resource(kernel, capacity);
  const grants: string[] = [];
  const grant = (name: string): void => void grants.push(`${name}@${kernel.now}`);
  return { kernel, resource, grants, grant };
}

describe('Resource', () => {
  it('grants at once while units are free, then first come first served within a priority', () => {
    const { kernel, resource, grants, grant } = loggedResource(1);
    expect(resource.request(grant, 'a')).toBe(-1);
    resource.request(grant, 'b');
    resource.request(grant, 'c');
    expect(resource.waiting).toBe(2);
    kernel.schedule(2, () => resource.release());
    kernel.schedule(5, () => resource.release());
    kernel.run();
    expect(grants).toEqual(['a@0', 'b@2', 'c@5']);
    const stats = resource.statistics();
    expect(stats.granted).toBe(3);
    expect(stats.meanWaitHours).toBeCloseTo((0 + 2 + 5) / 3, 10);
    expect(stats.maxWaitHours).toBe(5);
    expect(stats.peakWaiting).toBe(2);
    // Two waiting for 2 h, then one for 3 h, over 5 h.
    expect(stats.meanWaiting).toBeCloseTo((2 * 2 + 1 * 3) / 5, 10);
  });

  it('serves a better (lower) priority first, whatever its arrival order', () => {
    const { kernel, resource, grants, grant } = loggedResource(1);
    resource.request(grant, 'holder');
    resource.request(grant, 'routine', 5);
    resource.request(grant, 'urgent', 1);
    resource.request(grant, 'urgent-2', 1);
    for (let i = 1; i <= 3; i++) kernel.schedule(i, () => resource.release());
    kernel.run();
    expect(grants).toEqual(['holder@0', 'urgent@1', 'urgent-2@2', 'routine@3']);
  });

  it('cancels a waiting request, and refuses to cancel one already granted', () => {
    const { kernel, resource, grants, grant } = loggedResource(1);
    resource.request(grant, 'a');
    const b = resource.request(grant, 'b');
    resource.request(grant, 'c');
    expect(resource.cancel(b)).toBe(true);
    expect(resource.cancel(b)).toBe(false);
    expect(resource.cancel(-1)).toBe(false);
    kernel.schedule(1, () => resource.release());
    kernel.run();
    expect(grants).toEqual(['a@0', 'c@1']);
    expect(resource.statistics().cancelled).toBe(1);
  });

  it('capacity lost keeps units in use until released; capacity restored serves the queue at once', () => {
    const { kernel, resource, grants, grant } = loggedResource(2);
    resource.request(grant, 'a');
    resource.request(grant, 'b');
    resource.setCapacity(0);
    resource.request(grant, 'c');
    kernel.schedule(1, () => resource.release());
    kernel.schedule(2, () => resource.release());
    kernel.schedule(10, () => resource.setCapacity(1));
    kernel.run();
    expect(resource.inUse).toBe(1);
    expect(grants).toEqual(['a@0', 'b@0', 'c@10']);
  });

  it('reports null waits before any grant, and refuses impossible use with a clear message', () => {
    const { resource } = loggedResource(1);
    expect(resource.statistics().meanWaitHours).toBeNull();
    expect(resource.statistics().maxWaitHours).toBeNull();
    expect(() => resource.release()).toThrow(/released more often than granted/);
    expect(() => resource.setCapacity(1.5)).toThrow(/whole number >= 0/);
    expect(() => new Resource(new Kernel(), -1)).toThrow(/whole number >= 0/);
    expect(() => resource.request(() => {}, 0, Number.NaN)).toThrow(/priority must be a finite number/);
  });

  it('should never hold more units than its capacity allowed when they were granted, nor let a request wait while a unit is free', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ atHours: fc.integer({ min: 0, max: 30 }), holdHours: fc.integer({ min: 0, max: 10 }), priority: fc.integer({ min: 0, max: 2 }) }), { maxLength: 60 }),
        (capacity, customers) => {
          const kernel = new Kernel();
          const resource = new Resource(kernel, capacity);
          let granted = 0;
          const hold = (hours: number): void => {
            granted++;
            expect(resource.inUse).toBeLessThanOrEqual(capacity);
            kernel.schedule(hours, () => resource.release());
          };
          for (const customer of customers) kernel.scheduleAt(customer.atHours, () => resource.request(hold, customer.holdHours, customer.priority));
          kernel.run();
          expect(granted).toBe(customers.length);
          expect(resource.inUse).toBe(0);
          expect(resource.waiting).toBe(0);
        },
      ),
    );
  });
});
