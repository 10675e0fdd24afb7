# output: varies
# Lesson: processes are the way out of the GIL for CPU-bound work.
#
# Threads of one interpreter share one GIL, so pure-Python computation split over threads runs
# one thread at a time: no faster than doing it all in one thread. Each multiprocessing.Process
# is a separate OS process with its own interpreter and its own GIL, so N processes can keep N
# cores busy. The price: starting a process costs far more than starting a thread (a new
# interpreter, the main module imported again), and arguments and results travel pickled
# between processes, so give each process a big enough piece of work.
#
# The `if __name__ == "__main__":` guard matters: a child imports this file again (as
# `__mp_main__`) to find `count_down`, and must not start processes of its own.
import multiprocessing
import threading
import time

WORK = 1_000_000  # countdown steps in all, split over the workers
WORKERS = 2


def count_down(n):
    while n > 0:
        n -= 1


def timed(start_all):
    """Runs `start_all()` (which returns started workers), joins them, returns the wall time."""
    start = time.perf_counter()
    workers = start_all()
    for w in workers:
        w.join()
    return time.perf_counter() - start


def with_threads():
    threads = [threading.Thread(target=count_down, args=(WORK // WORKERS,)) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    return threads


def with_processes():
    procs = [multiprocessing.Process(target=count_down, args=(WORK // WORKERS,)) for _ in range(WORKERS)]
    for p in procs:
        p.start()
    return procs


if __name__ == "__main__":
    start = time.perf_counter()
    count_down(WORK)
    alone = time.perf_counter() - start
    threads = timed(with_threads)
    processes = timed(with_processes)
    print("%d steps on %d CPUs" % (WORK, multiprocessing.cpu_count()))
    print("  one thread:       %.2f s" % alone)
    print("  %d threads:        %.2f s  (x%.1f: the GIL lets one run at a time)"
          % (WORKERS, threads, alone / threads))
    print("  %d processes:      %.2f s  (x%.1f: one GIL each, if there are free cores)"
          % (WORKERS, processes, alone / processes))

    # Starting a process is the fixed cost to pay back: time an empty one.
    start = time.perf_counter()
    p = multiprocessing.Process(target=count_down, args=(0,))
    p.start()
    p.join()
    print("  start+join of one empty process: %.0f ms" % (1000 * (time.perf_counter() - start)))
