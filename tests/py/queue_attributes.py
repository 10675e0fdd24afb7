import queue
def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)
for m in [2.5, True, -5, 0.0, float('inf'), float('nan'), 10**30, -10**30, None, "3"]:
    q = queue.Queue(m)
    n = 0
    try:
        while n < 10:
            q.put_nowait(n); n += 1
    except queue.Full:
        pass
    except Exception as e:
        print(repr(m), type(e).__name__, e)
    print(repr(m), "took", n)
    attempt(repr(m) + " full", q.full)
    attempt(repr(m) + " maxsize", lambda: q.maxsize)
q = queue.Queue()
attempt("queue before init", lambda: queue.Queue.__new__(queue.Queue).queue)
q.queue = None
attempt("queue None", lambda: q.queue)
attempt("put on None storage", lambda: q.put(1))
q.queue = []
attempt("put on list storage", lambda: (q.put(1), q.put(2), q.get(), q.queue)[2:])
attempt("unfinished", lambda: q.unfinished_tasks)
q.unfinished_tasks += 5
attempt("unfinished+5", lambda: q.unfinished_tasks)

# Queue.queue behaves like the collections.deque it is in CPython, for what code does with it.
q = queue.Queue()
for x in "abcab":
    q.put(x)
d = q.queue
print(repr(d), len(d), list(d), d[0], d[-1], "c" in d, "z" in d, d.count("a"), bool(d))
attempt("index out of range", lambda: d[5])
attempt("negative out of range", lambda: d[-6])
attempt("str index", lambda: d["x"])
d.remove("b")
print("removed", list(d))
attempt("remove missing", lambda: d.remove("z"))
d.appendleft("first")
d.extend(["y", "z"])
print("popped", d.pop(), d.popleft(), list(d))
e = d.copy()
d.clear()
print("copy kept", list(e), "cleared", list(d), len(d), bool(d), q.qsize())
attempt("pop empty", d.pop)
attempt("popleft empty", d.popleft)
attempt("append no arg", d.append)
d.append(d)
print("self-containing", repr(d))
d.clear()
print(repr(queue.LifoQueue().queue), repr(queue.PriorityQueue().queue))
print(type(q.mutex).__name__, q.mutex.locked(), q.not_empty._is_owned())
with q.not_full:
    print("with condition holds the mutex:", q.mutex.locked())
print("released:", q.mutex.locked())
print(q.not_empty.acquire(), q.mutex.locked(), q.not_empty.release(), q.mutex.locked())
attempt("release unlocked", q.not_empty.release)

# A subclass whose class attributes shadow maxsize, unfinished_tasks or queue keeps them in the
# instance's __dict__, and the queue still honours them.
class Shadowing(queue.Queue):
    maxsize = 3
    unfinished_tasks = 0


s = Shadowing(2)
print("shadowed", s.__dict__.get("maxsize"), s.maxsize)
s.put(1)
s.put(2)
print("shadowed full", s.full(), s.unfinished_tasks, s.__dict__.get("unfinished_tasks"))
attempt("shadowed put_nowait", lambda: s.put_nowait(3))
s.get()
s.task_done()
s.get()
s.task_done()
s.join()
print("shadowed joined", s.unfinished_tasks, s.empty())


class ShadowedStorage(queue.LifoQueue):
    queue = None


r = ShadowedStorage()
r.put(1)
r.put(2)
print("shadowed storage", r.get(), r.queue, r.__dict__.get("queue"))
