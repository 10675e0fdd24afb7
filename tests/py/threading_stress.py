# 200 threads hammering one Lock and one Queue: exact counts; timeouts that must expire.
import queue
import threading
import time

N_THREADS = 200
PER_THREAD = 50

counter = 0
lock = threading.Lock()
q = queue.Queue()


def hammer(i):
    global counter
    for j in range(PER_THREAD):
        with lock:
            counter += 1
        q.put(i * PER_THREAD + j)


threads = [threading.Thread(target=hammer, args=(i,)) for i in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
items = []
while not q.empty():
    items.append(q.get_nowait())
print("counter:", counter, "expected:", N_THREADS * PER_THREAD)
print("queue items:", len(items), "distinct:", len(set(items)), "sum ok:", sum(items) == sum(range(N_THREADS * PER_THREAD)))
print("threads left:", threading.active_count())

# Many consumers and producers through one bounded queue.
bounded = queue.Queue(maxsize=5)
got = []
got_lock = threading.Lock()


def producer(base):
    for k in range(100):
        bounded.put(base + k)


def consumer():
    while True:
        item = bounded.get()
        if item is None:
            bounded.task_done()
            return
        with got_lock:
            got.append(item)
        bounded.task_done()


consumers = [threading.Thread(target=consumer) for _ in range(10)]
producers = [threading.Thread(target=producer, args=(p * 1000,)) for p in range(20)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
bounded.join()
for _ in consumers:
    bounded.put(None)
for t in consumers:
    t.join()
print("bounded queue delivered:", len(got), sorted(got) == sorted(p * 1000 + k for p in range(20) for k in range(100)))

# Timeouts expire, and take about as long as asked.
def took(f, *args):
    start = time.monotonic()
    result = f(*args)
    return result, time.monotonic() - start


held = threading.Lock()
held.acquire()
r, dt = took(held.acquire, True, 0.05)
print("lock timeout:", r, 0.04 < dt < 2)
r, dt = took(threading.Event().wait, 0.05)
print("event timeout:", r, 0.04 < dt < 2)
cond = threading.Condition()
with cond:
    r, dt = took(cond.wait, 0.05)
print("condition timeout:", r, 0.04 < dt < 2)
r, dt = took(threading.Semaphore(0).acquire, True, 0.05)
print("semaphore timeout:", r, 0.04 < dt < 2)
try:
    took(queue.Queue().get, True, 0.05)
except queue.Empty:
    print("queue get timeout: Empty")
full = queue.Queue(1)
full.put(1)
try:
    full.put(2, True, 0.05)
except queue.Full:
    print("queue put timeout: Full")
sleeper = threading.Thread(target=time.sleep, args=(0.3,))
sleeper.start()
r, dt = took(sleeper.join, 0.05)
print("join timeout: alive =", sleeper.is_alive(), 0.04 < dt < 0.3)
sleeper.join()
print("joined:", sleeper.is_alive())
