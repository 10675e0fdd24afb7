# os.fork() while other threads run: spinning (wanting the GIL), holding a Lock, sleeping, and
# the parent's main thread forking 20 times. In the child only the forking thread exists: it is
# the main thread, enumerate() lists it alone, the other Thread objects are stopped (join returns),
# a Lock another thread held stays held, and new threads work. Then a fork from a non-main thread.
import os, sys, threading, time

stop = False
held = threading.Lock()
spins = [0]

def spinner():
    while not stop:
        spins[0] += 1

def holder():
    with held:
        while not stop:
            time.sleep(0.001)

def sleeper():
    while not stop:
        time.sleep(0.0005)

threads = [threading.Thread(target=f, name=n) for f, n in
           [(spinner, "spin-a"), (spinner, "spin-b"), (holder, "holder"), (sleeper, "sleeper")]]
for t in threads:
    t.start()
time.sleep(0.05)
children = []
for i in range(20):
    pid = os.fork()
    if pid == 0:
        names = [t.name for t in threading.enumerate()]
        alive = [t.is_alive() for t in threads]
        got = held.acquire(timeout=0.01)
        box = []
        t = threading.Thread(target=lambda: box.append(sum(range(1000))))
        t.start(); t.join()
        for t in threads:
            t.join()
        if i == 0:
            print("child:", names, alive, "lock acquired:", got, box, threading.current_thread() is threading.main_thread(), flush=True)
        total = 0
        for k in range(20000):
            total += k
        os._exit(0 if total == 199990000 else 1)
    children.append(pid)
codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in children]
print("codes", set(codes))
stop = True
for t in threads:
    t.join()
print("parent threads ok", spins[0] > 0, sorted(t.name for t in threading.enumerate()))

# fork from a non-main thread: the child continues in that thread, which becomes the main thread
result = []
def forker():
    pid = os.fork()
    if pid == 0:
        print("child of thread:", threading.current_thread().name, threading.current_thread() is threading.main_thread(), len(threading.enumerate()), flush=True)
        os._exit(5)
    result.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
t = threading.Thread(target=forker, name="forker")
t.start(); t.join()
print("thread fork exit", result)

# fork from a thread started with _thread (no Thread object): the child makes it a new _MainThread
import _thread
done = []
def body():
    pid = os.fork()
    if pid == 0:
        t = threading.current_thread()
        print("child of _thread:", t.name, type(t).__name__, t is threading.main_thread(), len(threading.enumerate()), flush=True)
        os._exit(0)
    os.waitpid(pid, 0)
    done.append(1)
_thread.start_new_thread(body, ())
while not done:
    time.sleep(0.01)
print("parent:", threading.current_thread().name)
