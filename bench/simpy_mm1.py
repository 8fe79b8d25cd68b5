"""The M/M/1 queue of bench/mm1.ts in SimPy, for the kernel's speed comparison.

Usage: python3 bench/simpy_mm1.py CUSTOMERS [REPEATS] [FIRST_SEED]

Runs one warm-up of CUSTOMERS // 10 customers, then REPEATS timed runs of CUSTOMERS
customers each with seeds FIRST_SEED, FIRST_SEED + 1, ... (lambda 0.9, mu 1, one process
per customer, the server a Resource of capacity 1: the textbook SimPy model). Runs are timed
in CPU seconds of this process (time.process_time), like the TypeScript side. Prints one
JSON line:
{"simpy": version, "python": version, "customersPerSecond": [...], "meanWaitHours": [...]}.

Works with SimPy 3/4 (`import simpy`) and with SimPy 2 (`import SimPy`, the API of
Debian's python3-simpy package); exits with status 3 when neither is importable.
"""

import json
import platform
import random
import sys
import time

ARRIVAL_RATE = 0.9
SERVICE_RATE = 1.0


def run_simpy3(simpy, customers, seed):
    """Returns the mean wait in queue of `customers` customers, with SimPy 3 or later."""
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    rng = random.Random(seed)
    waits = [0.0]

    def customer():
        arrived = env.now
        with server.request() as request:
            yield request
            waits[0] += env.now - arrived
            yield env.timeout(rng.expovariate(SERVICE_RATE))

    def source():
        for _ in range(customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))

    env.process(source())
    env.run()
    return waits[0] / customers


def run_simpy2(simulation_module, customers, seed):
    """Returns the mean wait in queue of `customers` customers, with SimPy 2's object API."""
    Simulation = simulation_module.Simulation
    Process = simulation_module.Process
    Resource = simulation_module.Resource
    hold, request, release = simulation_module.hold, simulation_module.request, simulation_module.release
    sim = Simulation()
    sim.initialize()
    server = Resource(capacity=1, sim=sim)
    rng = random.Random(seed)
    waits = [0.0]

    class Customer(Process):
        def visit(self):
            arrived = self.sim.now()
            yield request, self, server
            waits[0] += self.sim.now() - arrived
            yield hold, self, rng.expovariate(SERVICE_RATE)
            yield release, self, server

    class Source(Process):
        def generate(self):
            for _ in range(customers):
                visitor = Customer(sim=self.sim)
                self.sim.activate(visitor, visitor.visit())
                yield hold, self, rng.expovariate(ARRIVAL_RATE)

    source = Source(sim=sim)
    sim.activate(source, source.generate())
    sim.simulate(until=float("inf"))
    return waits[0] / customers


def load_runner():
    """The run function and version string of the SimPy this interpreter has."""
    try:
        import simpy

        return (lambda customers, seed: run_simpy3(simpy, customers, seed)), simpy.__version__
    except ImportError:
        pass
    try:
        import SimPy
        import SimPy.Simulation as simulation_module

        return (lambda customers, seed: run_simpy2(simulation_module, customers, seed)), SimPy.__version__
    except ImportError:
        print("simpy is not importable by " + sys.executable, file=sys.stderr)
        sys.exit(3)


def main():
    customers = int(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    first_seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    run, version = load_runner()
    run(max(customers // 10, 1), 0)
    rates, waits = [], []
    for seed in range(first_seed, first_seed + repeats):
        start = time.process_time()
        waits.append(run(customers, seed))
        rates.append(customers / (time.process_time() - start))
    print(json.dumps({"simpy": version, "python": platform.python_version(), "customersPerSecond": rates, "meanWaitHours": waits}))


if __name__ == "__main__":
    main()
