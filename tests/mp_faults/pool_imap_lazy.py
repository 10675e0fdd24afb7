# Pool.imap reads its input as workers need tasks, not all at once: with 2 busy workers, only a
# few items have been read when the first result comes back. (CPython's task thread reads
# ahead as fast as it can; gilpy gives each worker its task and at most pool.AHEAD more.)
import multiprocessing as mp
import multiprocessing.pool as pool_module
import time


def slow(x):
    time.sleep(0.2)
    return x


def numbers(log):
    for i in range(50):
        log.append(i)
        yield i


if __name__ == "__main__":
    log = []
    with mp.Pool(2) as pool:
        results = pool.imap(slow, numbers(log))
        assert next(results) == 0
        print("read when the first result came:", len(log))
        assert len(log) <= 2 * (pool_module.AHEAD + 1) + 2, log
        assert list(results) == list(range(1, 50))
    print("ok")
