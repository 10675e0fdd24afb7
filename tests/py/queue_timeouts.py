# Timeouts, Full/Empty and argument errors of queue.Queue, LifoQueue, PriorityQueue and SimpleQueue.
import queue
import threading
import time


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


def timed(label, f, low, high):
    t0 = time.monotonic()
    try:
        f()
        print(label, "returned")
    except (queue.Empty, queue.Full) as e:
        took = time.monotonic() - t0
        print(label, type(e).__name__, "in time" if low <= took < high else "took %.3f" % took)


for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    name = cls.__name__
    q = cls()
    timed(name + " get timeout", lambda: q.get(timeout=0.1), 0.09, 1.5)
    timed(name + " get timeout=0", lambda: q.get(True, 0), 0, 0.5)
    timed(name + " get block=False", lambda: q.get(False, 10), 0, 0.5)
    timed(name + " get_nowait", q.get_nowait, 0, 0.5)
    attempt(name + " get negative timeout", lambda: q.get(True, -1))
    attempt(name + " get negative timeout, not blocking", lambda: q.get(False, -1))
    attempt(name + " get str timeout", lambda: q.get(timeout="1"))
    attempt(name + " unbounded put negative timeout", lambda: q.put(1, True, -1))
    attempt(name + " get after put", lambda: q.get(timeout=-0.0) if False else q.get(True, 0))
    b = cls(maxsize=2)
    b.put(2)
    b.put(1)
    attempt(name + " full", b.full)
    timed(name + " put timeout", lambda: b.put(3, timeout=0.1), 0.09, 1.5)
    timed(name + " put_nowait", lambda: b.put_nowait(3), 0, 0.5)
    timed(name + " put block=False", lambda: b.put(3, block=False, timeout=5), 0, 0.5)
    attempt(name + " bounded put negative timeout", lambda: b.put(3, True, -0.5))
    attempt(name + " bounded put str timeout", lambda: b.put(3, timeout="x"))
    attempt(name + " qsize", b.qsize)
    attempt(name + " get", b.get)
    attempt(name + " put after get", lambda: b.put(0, timeout=0))
    attempt(name + " items", lambda: [b.get_nowait() for _ in range(b.qsize())])
    attempt(name + " unfinished", lambda: b.unfinished_tasks)

# A blocked get wakes promptly when another thread puts, and gets that item.
q = queue.Queue()
got = []
t0 = time.monotonic()
consumer = threading.Thread(target=lambda: got.append((q.get(timeout=5), time.monotonic() - t0)))
consumer.start()
time.sleep(0.1)
q.put("late")
consumer.join()
print("woken with", got[0][0], "promptly" if got[0][1] < 2 else "slowly")

# A put blocked on a full queue wakes when a get makes room.
b = queue.Queue(1)
b.put("first")
done = []
producer = threading.Thread(target=lambda: done.append(b.put("second", timeout=5)))
producer.start()
time.sleep(0.1)
print("before get:", done, b.qsize())
print("got", b.get())
producer.join()
print("after get:", done, b.get_nowait())

# Argument errors, with CPython's messages.
q = queue.Queue()
attempt("put no item", lambda: q.put())
attempt("put too many", lambda: q.put(1, True, None, 4))
attempt("put bad keyword", lambda: q.put(1, bogus=2))
attempt("put item twice", lambda: q.put(1, item=2))
attempt("get too many", lambda: q.get(True, None, 3))
attempt("get keywords", lambda: (q.put(7), q.get(block=True, timeout=1))[1])
attempt("put keywords", lambda: (q.put(item=8, block=False), q.get_nowait())[1])
attempt("put_nowait no item", lambda: q.put_nowait())
attempt("get_nowait arg", lambda: q.get_nowait(1))
attempt("qsize arg", lambda: q.qsize(1))
attempt("huge timeout with an item", lambda: (q.put(9), q.get(timeout=1e300))[1])
attempt("huge timeout, empty", lambda: q.get(timeout=1e300))

# SimpleQueue
s = queue.SimpleQueue()
timed("simple get timeout", lambda: s.get(timeout=0.1), 0.09, 1.5)
timed("simple get_nowait", s.get_nowait, 0, 0.5)
timed("simple get block=False", lambda: s.get(False, -5), 0, 0.5)
attempt("simple negative timeout", lambda: s.get(True, -1))
attempt("simple nan timeout", lambda: s.get(True, float("nan")))
attempt("simple str timeout", lambda: s.get(timeout="x"))
attempt("simple huge timeout", lambda: s.get(timeout=10**30))
attempt("simple put ignores block/timeout", lambda: s.put(1, False, -1))
attempt("simple get", lambda: s.get(timeout=0))
attempt("SimpleQueue(1)", lambda: queue.SimpleQueue(1))
attempt("SimpleQueue(a=1)", lambda: queue.SimpleQueue(a=1))
attempt("simple put()", lambda: s.put())
attempt("simple get bad keyword", lambda: s.get(x=1))
attempt("simple qsize arg", lambda: s.qsize(1))
attempt("simple get_nowait arg", lambda: s.get_nowait(1))
