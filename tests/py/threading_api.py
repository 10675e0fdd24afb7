# threading API details: names, errors, reprs of state, aliases, excepthook, local subclasses.
import threading
import _thread
import sys


def noop():
    pass


class Named:
    def __call__(self):
        pass


# Default names count up and show the target's name (3.10+).
t1 = threading.Thread(target=noop)
t2 = threading.Thread(target=Named())
t3 = threading.Thread()
print(t1.name.split("-")[0], t1.name.endswith("(noop)"), "(" in t2.name, "(" in t3.name)
print(int(t2.name.split("-")[1]) == int(t1.name.split("-")[1].split()[0]) + 1)
print(repr(t1).startswith("<Thread(Thread-"), repr(t1).endswith("initial)>"))
t1.start()
t1.join()
print(repr(t1).endswith("stopped %d)>" % t1.ident), t1.ident is not None, t1.native_id is not None)
print(type(t1.ident) is int, t1.ident != threading.get_ident())

# Errors
for f in (lambda: t1.start(), lambda: threading.Thread().join(), lambda: threading.current_thread().join()):
    try:
        f()
    except RuntimeError as e:
        print("RuntimeError:", e)
lock = threading.Lock()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
r = threading.RLock()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
for kw in ({"blocking": False, "timeout": 1}, {"timeout": -5}):
    try:
        lock.acquire(**kw)
    except ValueError as e:
        print("ValueError:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Semaphore().acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
c = threading.Condition()
for f in (c.wait, c.notify, c.notify_all):
    try:
        f()
    except RuntimeError as e:
        print("RuntimeError:", e)
print(issubclass(threading.BrokenBarrierError, RuntimeError), threading.ThreadError is RuntimeError)
print(_thread.error is RuntimeError, threading.TIMEOUT_MAX > 1e9)

# Lock types
print(type(threading.Lock()) is _thread.LockType, type(threading.Lock()).__name__)
print(repr(threading.Lock()).startswith("<unlocked _thread.lock object at 0x"))
held = threading.Lock()
held.acquire()
print(repr(held).startswith("<locked _thread.lock"), held.locked())
rl = threading.RLock()
with rl:
    with rl:
        print("owned twice:", rl._is_owned(), repr(rl).split(" owner=")[0])
print(repr(rl).split(" at ")[0])

# Event / Semaphore reprs
ev = threading.Event()
print(repr(ev).startswith("<threading.Event at 0x"), repr(ev).endswith(": unset>"))
ev.set()
print(repr(ev).endswith(": set>"), ev.isSet())
sem = threading.BoundedSemaphore(3)
print(repr(sem).endswith("value=3/3>"))

# Daemon status is inherited from the creating thread.
inherited = []


def make_child():
    inherited.append(threading.Thread(target=noop).daemon)


d = threading.Thread(target=make_child, daemon=True)
d.start()
d.join()
n = threading.Thread(target=make_child)
n.start()
n.join()
print("child daemon flags (daemon parent, normal parent):", inherited)

# Aliases kept for old tutorials
print(threading.currentThread() is threading.current_thread(), threading.activeCount() == threading.active_count())
a = threading.Thread(target=noop)
print(a.is_alive(), a.isDaemon())
a.start()
a.join()
print(a.is_alive())

# A thread started with _thread is a dummy thread for threading.
seen = []
done = threading.Event()


def raw():
    th = threading.current_thread()
    seen.append((th.name.startswith("Dummy-"), th.daemon, th.is_alive()))
    done.set()


_thread.start_new_thread(raw, ())
done.wait()
print(seen)

# Custom excepthook
caught = []


def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


old = threading.excepthook
threading.excepthook = hook
t = threading.Thread(target=lambda: 1 / 0, name="divider")
t.start()
t.join()
threading.excepthook = old
print(caught)
print(threading.excepthook is threading.__excepthook__)

# local subclass: __init__ runs again in each thread, with the constructor's arguments.
class Counter(threading.local):
    initialized = 0

    def __init__(self, start):
        self.value = start
        self.initialized = 1


ctr = Counter(10)
ctr.value += 1
results = []


def use_counter():
    results.append((ctr.value, ctr.initialized))
    ctr.value += 5
    results.append(ctr.value)


t = threading.Thread(target=use_counter)
t.start()
t.join()
print(results, ctr.value, Counter.initialized)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
loc = threading.local()
loc.x = 1
del loc.x
print(hasattr(loc, "x"))
try:
    del loc.x
except AttributeError:
    print("AttributeError on missing delete")
