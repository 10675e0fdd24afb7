# output: varies
# Lesson: a lost-update race on a shared balance, and the Lock that fixes it.
#
# `balance += 1` is three steps for the interpreter: read balance, add one, write it back. If the
# GIL passes to another thread between the read and the write, that thread's deposits are
# overwritten: updates are lost. The GIL makes each bytecode atomic, not your read-modify-write.
#
# Races depend on timing, so this prints different numbers from run to run. gilpy can replay one:
#     gilpy --gil-seed 7 examples/race_lost_update.py
# switches threads at seeded, reproducible points, so the same updates get lost every time.
import sys
import threading

try:
    import gil
    seed = gil.seed()
except ImportError:
    seed = None

# Switch threads often, so the race shows up quickly (the default is 5 ms).
sys.setswitchinterval(1e-6)

THREADS = 4
DEPOSITS = 20_000
balance = 0
lock = threading.Lock()


def deposit_unsafely():
    global balance
    for _ in range(DEPOSITS):
        current = balance
        current += 1
        balance = current


def deposit_with_lock():
    global balance
    for _ in range(DEPOSITS):
        with lock:
            current = balance
            current += 1
            balance = current


def run(target):
    global balance
    balance = 0
    threads = [threading.Thread(target=target) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balance


expected = THREADS * DEPOSITS
if seed is not None:
    print("deterministic scheduling, seed", seed)
got = run(deposit_unsafely)
print("without a lock: %d of %d deposits arrived, %d lost" % (got, expected, expected - got))
got = run(deposit_with_lock)
print("with a lock:    %d of %d deposits arrived, %d lost" % (got, expected, expected - got))
