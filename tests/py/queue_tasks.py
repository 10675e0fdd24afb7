# task_done/join, many producers and consumers with a checksum, SimpleQueue between threads.
import queue
import threading
import time

# join() waits for every item to be marked done.
q = queue.Queue()
processed = []


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        time.sleep(0.001)
        processed.append(item * 2)
        q.task_done()


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for i in range(30):
    q.put(i)
q.join()
print("joined", len(processed), sum(processed), q.unfinished_tasks)
for w in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print("all done", q.unfinished_tasks, q.qsize())
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e, q.unfinished_tasks)

# join() on a queue with nothing unfinished returns at once; unfinished_tasks counts puts.
q = queue.LifoQueue()
q.join()
q.put(1)
q.put(2)
print("unfinished", q.unfinished_tasks)
q.get()
q.task_done()
print("unfinished", q.unfinished_tasks)
joined = []
t = threading.Thread(target=lambda: (q.join(), joined.append(True)))
t.start()
time.sleep(0.05)
print("join still waiting:", joined)
q.get()
q.task_done()
t.join()
print("join returned:", joined)


# Many producers and consumers through a bounded queue: every item arrives exactly once.
STOP = 10**9

def run(cls, maxsize, producers, consumers, per_producer):
    q = cls(maxsize)
    results = [[] for _ in range(consumers)]

    def produce(base):
        for i in range(per_producer):
            q.put(base + i)

    def consume(out):
        while True:
            item = q.get()
            q.task_done()
            if item == STOP:
                break
            out.append(item)

    threads = [threading.Thread(target=consume, args=(results[c],)) for c in range(consumers)]
    prods = [threading.Thread(target=produce, args=(p * per_producer,)) for p in range(producers)]
    for t in threads + prods:
        t.start()
    for t in prods:
        t.join()
    # Every item taken before the stop markers go in: a LifoQueue would hand the markers out
    # first and leave items behind.
    q.join()
    for _ in range(consumers):
        q.put(STOP)
    for t in threads:
        t.join()
    items = sorted(x for r in results for x in r)
    total = producers * per_producer
    print(cls.__name__, maxsize, "items", len(items), "unique", items == list(range(total)),
          "checksum", sum(items) == total * (total - 1) // 2, "left", q.qsize())


run(queue.Queue, 0, 4, 4, 3000)
run(queue.Queue, 5, 4, 4, 3000)
run(queue.Queue, 1, 3, 2, 2000)
run(queue.LifoQueue, 7, 3, 3, 2000)
run(queue.PriorityQueue, 0, 3, 3, 2000)


# Consumers with timeouts against slow producers: nothing lost, nothing duplicated.
q = queue.Queue(3)
got = []
lock = threading.Lock()


def timed_consumer():
    misses = 0
    while misses < 20:
        try:
            item = q.get(timeout=0.01)
        except queue.Empty:
            misses += 1
            continue
        with lock:
            got.append(item)


def slow_producer(base):
    for i in range(200):
        while True:
            try:
                q.put(base + i, timeout=0.005)
                break
            except queue.Full:
                pass
        if i % 50 == 0:
            time.sleep(0.01)


cs = [threading.Thread(target=timed_consumer) for _ in range(3)]
ps = [threading.Thread(target=slow_producer, args=(k * 1000,)) for k in range(2)]
for t in cs + ps:
    t.start()
for t in ps + cs:
    t.join()
print("timed consumers", len(got), sorted(got) == sorted(list(range(200)) + list(range(1000, 1200))))

# SimpleQueue between threads, and a subclass with its own __init__ and attributes.
s = queue.SimpleQueue()
out = []
readers = [threading.Thread(target=lambda: out.extend(s.get() for _ in range(500))) for _ in range(4)]
for r in readers:
    r.start()
for i in range(2000):
    s.put(i)
for r in readers:
    r.join()
print("simple", len(out), sum(out) == sum(range(2000)), s.empty(), s.qsize())


class Tagged(queue.SimpleQueue):
    def __init__(self, tag):
        self.tag = tag

    def put(self, item, block=True, timeout=None):
        super().put((self.tag, item))


tq = Tagged("t")
tq.put(1)
tq.put_nowait(2)
print("tagged", tq.tag, tq.get(), tq.get_nowait(), type(tq).__mro__[1].__name__)
