# output: varies
# Lesson: under a GIL, CPU-bound threads don't get faster, I/O-bound threads do.
#
# Only one thread at a time may run Python bytecode: it holds the global interpreter lock (GIL).
# CPU-bound threads take turns with it (a few milliseconds each: sys.getswitchinterval()), so
# splitting pure computation over threads just interleaves it, plus the cost of the hand-offs.
# A blocking call (time.sleep, reading a file, waiting for a lock) releases the GIL while it
# waits, so I/O-bound threads overlap their waiting.
#
# gilpy's `gil` module shows what the lock did; the script also runs under CPython, without it.
import threading
import time

try:
    import gil
except ImportError:
    gil = None

WORK = 200_000  # total countdown steps, split over the threads
THREADS = 4


def count_down(n):
    while n > 0:
        n -= 1


def io_task():
    for _ in range(2):
        time.sleep(0.05)  # stands for a network or disk wait


def run(target, args_list):
    """Starts one thread per args tuple, waits for them all, returns the wall time."""
    threads = [threading.Thread(target=target, args=args, name="worker-%d" % i)
               for i, args in enumerate(args_list)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def timed(f, *args):
    start = time.perf_counter()
    f(*args)
    return time.perf_counter() - start


def show_lock(title, zoom=False):
    """Prints how the GIL was shared, and a timeline: one row per thread, '#' where it held it
    (with `zoom`, just a dozen consecutive turns from the middle of the run)."""
    if gil is None:
        return
    stats = gil.stats()
    workers = [t for t in stats["threads"] if t["name"].startswith("worker")]
    print("  %s: %d hand-offs, the workers waited %.0f ms for the GIL in all"
          % (title, sum(t["switches"] for t in stats["threads"]), 1000 * sum(t["wait"] for t in workers)))
    slices = [s for s in gil.timeline() if s[1].startswith("worker")]
    if zoom and len(slices) > 12:
        middle = len(slices) // 2
        slices = slices[middle:middle + 12]
    if not slices:
        return
    start = min(s[2] for s in slices)
    end = max(s[3] for s in slices)
    width = 60
    step = (end - start) / width or 1e-9
    print("  who held the GIL over %.2f ms%s:" % (1000 * (end - start), " (zoomed in)" if zoom else ""))
    for name in sorted({s[1] for s in slices}):
        row = [" "] * width
        for _, who, s0, s1 in slices:
            if who == name:
                first = int((s0 - start) / step)
                last = max(first, int((s1 - start) / step - 1e-9))
                for col in range(first, min(last, width - 1) + 1):
                    row[col] = "#"
        print("  %-9s |%s|" % (name, "".join(row)))


print("CPU-bound: %d countdown steps" % WORK)
alone = timed(count_down, WORK)
print("  1 thread (no threads at all): %.3f s" % alone)
for n in (2, THREADS):
    if gil:
        gil.reset()
    elapsed = run(count_down, [(WORK // n,)] * n)
    print("  %d threads: %.3f s  (%.2fx the single-thread time)" % (n, elapsed, elapsed / alone))
    show_lock("%d threads" % n, zoom=True)
print("  -> the same work, just interleaved: threads don't make CPU-bound Python faster.")
print()

print("I/O-bound: %d tasks, each waiting 2 x 50 ms" % THREADS)
alone = sum(timed(io_task) for _ in range(THREADS))
print("  one after the other: %.3f s" % alone)
if gil:
    gil.reset()
elapsed = run(io_task, [()] * THREADS)
print("  %d threads: %.3f s  (%.1fx faster)" % (THREADS, elapsed, alone / elapsed))
show_lock("%d threads" % THREADS)
print("  -> sleeping releases the GIL, so the waits overlap: threads do help I/O-bound work.")
