# Pool.imap / imap_unordered: order, chunks, errors of tasks and of the input, an endless input
# (read lazily), next(timeout).
import multiprocessing as mp, time
def sq(x):
    return x * x
def fail(x):
    if x == 3: raise ValueError("three")
    return x
def gen(log):
    for i in range(10):
        log.append(i)
        yield i
def bad():
    yield 1; yield 2
    raise KeyError("input broke")
def count():
    i = 0
    while True:
        yield i
        i += 1
if __name__ == "__main__":
    with mp.Pool(2) as pool:
        log = []
        it = pool.imap(sq, gen(log))  # consumed as workers need tasks
        print(list(it))
        print(sorted(pool.imap_unordered(sq, range(7), chunksize=3)))
        print(list(pool.imap(sq, range(7), chunksize=3)))
        print(list(pool.imap(sq, [])))
        out = []
        try:
            for v in pool.imap(fail, range(6)):
                out.append(v)
        except ValueError as e:
            print("raised", e, "after", out)
        try:
            print(list(pool.imap(sq, bad())))
        except KeyError as e:
            print("input error", e)
        inf = pool.imap(sq, count())
        print([next(inf) for _ in range(5)])
        try:
            pool.imap(sq, range(3), chunksize=0)
        except ValueError as e:
            print(e)
        it = pool.imap(time.sleep, [1])
        try:
            it.next(timeout=0.05)
        except mp.TimeoutError:
            print("TimeoutError")
    print("done")
