# A Pool worker that dies in a task (os._exit, or SIGKILL) fails that task's result with
# WorkerLostError instead of leaving get() to hang for ever (CPython's Pool hangs here); the
# worker is replaced and the pool keeps working.
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.pool import WorkerLostError


def task(x):
    if x == "exit":
        os._exit(3)
    if x == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.01)
    return x * x


def collect(results):
    out = []
    for r in results:
        try:
            out.append(r.get(timeout=20))
        except WorkerLostError as e:
            out.append("lost: %s" % e)
    return out


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        before = sorted(w.process.pid for w in pool._workers)
        results = [pool.apply_async(task, (x,)) for x in (1, "exit", 2, "kill", 3)]
        for line in collect(results):
            print(line)
        after = sorted(w.process.pid for w in pool._workers)
        assert len(after) == 2 and after != before, (before, after)
        print("workers replaced")

        errors = []
        r = pool.apply_async(task, ("kill",), error_callback=errors.append)
        r.wait(20)
        assert r.ready() and not r.successful()
        assert isinstance(errors[0], WorkerLostError), errors
        print("error_callback:", type(errors[0]).__name__)

        try:
            pool.map(task, [1, 2, "exit", 4], chunksize=1)
        except WorkerLostError as e:
            print("map:", e)
        print(pool.map(task, range(8)))
        print(list(pool.imap(task, range(4))))
    print("ok")
