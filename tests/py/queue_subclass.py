# queue.Queue subclasses: overridden storage hooks are called, attributes people reach into
# (queue, mutex, the conditions, unfinished_tasks, maxsize) work, and the order of LifoQueue and
# PriorityQueue (equal priorities included) is CPython's.
import queue
import threading


class DedupQueue(queue.Queue):
    """Drops items already waiting (overrides _init, _put and _get)."""

    def _init(self, maxsize):
        self.queue = []
        self.seen = set()

    def _put(self, item):
        if item not in self.seen:
            self.seen.add(item)
            self.queue.append(item)

    def _get(self):
        item = self.queue.pop(0)
        self.seen.discard(item)
        return item


d = DedupQueue()
for x in [1, 2, 1, 3, 2]:
    d.put(x)
print("dedup", d.qsize(), d.queue, d.unfinished_tasks, [d.get() for _ in range(3)], d.empty())


class CountingQueue(queue.Queue):
    """Only overrides _qsize: reports one less than stored, so the last item is never seen."""

    def _qsize(self):
        return max(len(self.queue) - 1, 0)


c = CountingQueue()
c.put("a")
c.put("b")
print("counting", c.qsize(), c.get_nowait())
try:
    c.get_nowait()
except queue.Empty:
    print("counting: last item hidden, Empty")


class LoggingQueue(queue.LifoQueue):
    """Overrides put and get themselves, calling the base ones."""

    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self.log = []

    def put(self, item, block=True, timeout=None):
        self.log.append(("put", item))
        super().put(item, block, timeout)

    def get(self, block=True, timeout=None):
        item = super().get(block, timeout)
        self.log.append(("get", item))
        return item


lg = LoggingQueue(3)
for i in range(3):
    lg.put(i)
print("logging", lg.full(), lg.get(), lg.get_nowait(), lg.log)


class RaisingQueue(queue.Queue):
    def _put(self, item):
        if item is None:
            raise RuntimeError("no None here")
        super()._put(item)


r = RaisingQueue()
try:
    r.put(None)
except RuntimeError as e:
    print("hook raised:", e, "unfinished", r.unfinished_tasks, "mutex free", not r.mutex.locked())
r.put(5)
print("after a failing hook", r.get(), r.unfinished_tasks)


# The Queue.queue container and the mutex, as code reaching into a queue uses them.
q = queue.Queue()
for i in range(5):
    q.put(i)
print("container", len(q.queue), list(q.queue), 3 in q.queue, q.queue[0], q.queue[-1], bool(q.queue))
with q.mutex:
    q.queue.clear()
    print("cleared under the mutex", q.qsize.__name__, len(q.queue), q.mutex.locked())
print("after clear", q.qsize(), q.empty(), q.unfinished_tasks)
with q.all_tasks_done:
    q.unfinished_tasks = 0
    q.all_tasks_done.notify_all()
q.join()
print("joined after reset")
q.queue.append("direct")
q.queue.appendleft("front")
print("direct appends", q.get(), q.get(), q.qsize())
q.maxsize = 1
q.put("x")
print("maxsize changed", q.full(), q.maxsize)
try:
    q.put("y", block=False)
except queue.Full:
    print("Full after maxsize change")
q.maxsize = 0
q.put("y")
print("unbounded again", q.qsize(), q.full())

# Waiting on the exposed conditions meets native put/get.
q = queue.Queue()
seen = []


def peek_when_ready():
    with q.not_empty:
        while not q.qsize.__self__._qsize():
            q.not_empty.wait()
        seen.append(q.queue[0])


t = threading.Thread(target=peek_when_ready)
t.start()
q.put("peeked")
t.join()
print("condition wait woken by put:", seen, q.get())
print("wait_for:", end=" ")
with q.not_empty:
    print(q.not_empty.wait_for(lambda: q._qsize() > 0, timeout=0.05), end=" ")
    print(q.not_empty.wait(0.01))
try:
    q.not_full.notify()
except RuntimeError as e:
    print(e)
try:
    q.not_full.wait()
except RuntimeError as e:
    print(e)
print("attributes", sorted(k for k in ["maxsize", "queue", "mutex", "not_empty", "not_full", "all_tasks_done", "unfinished_tasks"] if hasattr(q, k)))

# LifoQueue and PriorityQueue order, and what their queue attribute is.
lq = queue.LifoQueue()
for i in range(5):
    lq.put(i)
print("lifo", type(lq.queue).__name__, lq.queue, [lq.get() for _ in range(5)])


class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority


pq = queue.PriorityQueue()
for i, p in enumerate([3, 1, 2, 1, 3, 2, 1, 0, 2, 3, 1, 0]):
    pq.put(Job(p, "j%d" % i))
print("priority peek", pq.queue[0].name, type(pq.queue).__name__)
print("priority", [(j.priority, j.name) for j in (pq.get() for _ in range(12))])
pq.put((2, "b"))
pq.put((1, "a"))
pq.put((3, "c"))
print("tuples", pq.queue, pq.get(), pq.get(), pq.get())
try:
    pq.put({})
    pq.put({})
except TypeError as e:
    print("incomparable:", e, pq.qsize())


class MaxQueue(queue.PriorityQueue):
    def _put(self, item):
        super()._put(-item)

    def _get(self):
        return -super()._get()


m = MaxQueue()
for i in [4, 9, 1]:
    m.put(i)
print("max first", [m.get() for _ in range(3)])


class NoInit(queue.Queue):
    def __init__(self):
        pass


try:
    NoInit().put(1)
except AttributeError as e:
    print("uninitialized:", type(e).__name__)

print(isinstance(queue.Empty(), Exception), queue.Empty.__module__, queue.Full.__module__)
print(issubclass(queue.LifoQueue, queue.Queue), queue.Queue[int], queue.SimpleQueue[str])
