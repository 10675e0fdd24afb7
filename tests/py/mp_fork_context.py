# multiprocessing with the 'fork' start method: unpicklable targets (lambdas, closures), Queue,
# Pipe, Lock, Value, Array, Pool (get_context('fork').Pool and after set_start_method('fork')),
# exit codes, terminate and kill.
import multiprocessing as mp
import os, sys
import threading

def square(x):
    return x * x


def die(code):
    os._exit(code)

if __name__ == "__main__":
    print(mp.get_all_start_methods()[:2])
    ctx = mp.get_context("fork")
    print(ctx.get_start_method())
    secret = 21
    # an unpicklable target: a lambda closing over a local
    q = ctx.Queue()
    p = ctx.Process(target=lambda: q.put(("lambda", secret * 2, os.getppid() == parent)), name="lam")
    parent = os.getpid()
    p.start()
    print(q.get(timeout=10))
    p.join()
    print(p.name, p.exitcode, type(p).__name__)
    # exit codes
    def boom():
        raise SystemExit(4)
    p = ctx.Process(target=boom); p.start(); p.join(); print("exit", p.exitcode)
    p = ctx.Process(target=lambda: __import__("time").sleep(30)); p.start()
    p.terminate(); p.join(); print("terminated", p.exitcode)
    p = ctx.Process(target=lambda: __import__("time").sleep(30)); p.start()
    p.kill(); p.join(timeout=10); print("killed", p.exitcode, p.is_alive())
    # Lock and Value
    lock = ctx.Lock()
    counter = ctx.Value("i", 0)
    def add(n):
        for _ in range(n):
            with lock:
                counter.value += 1
    ps = [ctx.Process(target=add, args=(200,)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("counter", counter.value, [p.exitcode for p in ps])
    arr = ctx.Array("d", [0.0] * 4)
    def fill(i):
        arr[i] = i * 1.5
    ps = [ctx.Process(target=fill, args=(i,)) for i in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("array", list(arr))
    # Pipe
    a, b = ctx.Pipe()
    p = ctx.Process(target=lambda: b.send(b.recv() + 1)); p.start()
    a.send(41); print("pipe", a.recv()); p.join()
    # Pool
    with ctx.Pool(3) as pool:
        print("pool map", pool.map(square, range(10)))
        print("pool lambda", pool.apply_async(square, (7,)).get(timeout=10))
    # a queue whose feeder thread already runs in the parent: the child starts its own
    q.put("from parent")
    print(q.get(timeout=10))
    ps = [ctx.Process(target=lambda i=i: [q.put((i, k)) for k in range(3)]) for i in range(3)]
    for p in ps: p.start()
    got = sorted(q.get(timeout=10) for _ in range(9))
    for p in ps: p.join()
    print("queue from 3 children", got, [p.exitcode for p in ps])
    # non-daemon threads the target starts finish before the child exits
    late_r, late_w = ctx.Pipe(duplex=False)
    def late():
        import time
        time.sleep(0.2)
        late_w.send("late thread done")
    p = ctx.Process(target=lambda: threading.Thread(target=late).start()); p.start(); p.join()
    print(p.exitcode, late_r.recv() if late_r.poll(10) else "lost")
    # a thread spinning in the parent while it forks
    spinning = [True]
    def spin():
        while spinning[0]:
            pass
    t = threading.Thread(target=spin); t.start()
    p = ctx.Process(target=lambda: q.put(threading.active_count())); p.start()
    print("threads in child", q.get(timeout=10)); p.join()
    spinning[0] = False; t.join()
    # a pool worker that dies is replaced (forked from the pool's handler thread)
    with ctx.Pool(2) as pool:
        r = pool.apply_async(die, (3,))
        try:
            r.get(timeout=3)
        except Exception as e:
            print("lost worker:", type(e).__name__ in ("WorkerLostError", "TimeoutError"))
        print("after replacement", pool.map(square, [5, 6]))
    # set_start_method
    mp.set_start_method("fork", force=True)
    print(mp.get_start_method())
    with mp.Pool(2) as pool:
        print(pool.map(lambda x: x + secret, [1, 2, 3]) if False else pool.map(square, [1, 2, 3]))
    p = mp.Process(target=lambda: print("default fork child", os.getpid() != parent, flush=True))
    p.start(); p.join()
    print(p.exitcode)
    # a Manager whose server process is forked, and its proxies used by forked children
    with ctx.Manager() as m:
        d = m.dict(n=0)
        ps = [ctx.Process(target=lambda i=i: d.update({"k%d" % i: i * i})) for i in range(3)]
        for p in ps: p.start()
        for p in ps: p.join()
        print("manager", sorted(d.items()), [p.exitcode for p in ps])
    # an RLock the parent holds: the child owns nothing (count 0) and cannot take it
    rl = ctx.RLock()
    rl.acquire(); rl.acquire()
    sq = ctx.SimpleQueue()
    p = ctx.Process(target=lambda: sq.put((rl._semlock._count(), rl._semlock._is_mine(), rl.acquire(timeout=0.1))))
    p.start(); p.join()
    print("rlock in child", sq.get(), rl._semlock._count(), rl._semlock._is_mine())
    rl.release(); rl.release()
