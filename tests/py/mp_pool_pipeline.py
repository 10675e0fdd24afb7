# Pool workers get small tasks queued ahead of the one they run: big arguments and results
# (larger than a pipe's buffer) still go through, an unpicklable argument fails its own task
# only, and maxtasksperchild workers are never sent more than they will run.
import multiprocessing as mp
import threading


def tiny(x):
    return x * x + 1


def big(x):
    return b"x" * x


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(sum(pool.map(tiny, range(3000), 1)))
        print([len(v) for v in pool.map(big, [10, 1000000, 500000, 2000000, 5], 1)])
        print(len(pool.apply(big, (3000000,))))
        results = [pool.apply_async(len, (b"y" * 400000,)) for _ in range(6)]
        print([r.get(timeout=30) for r in results])
        try:
            pool.apply_async(tiny, (threading.Lock(),)).get(timeout=10)
        except Exception as e:
            print(type(e).__name__, e)
        print(pool.apply(tiny, (3,)))
    with mp.Pool(2, maxtasksperchild=2) as pool:
        print(pool.map(tiny, range(10), 1))
        print(sorted(pool.imap_unordered(tiny, range(7))))
