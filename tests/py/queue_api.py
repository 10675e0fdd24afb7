# queue details: every class, Empty/Full, task_done errors, maxsize <= 0, ordering.
import queue
import threading

print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    q = cls()
    for x in (5, 1, 4, 2, 3):
        q.put(x)
    print(cls.__name__, q.qsize(), [q.get() for _ in range(5)], q.empty(), q.full())

q = queue.Queue(-1)
for i in range(10):
    q.put_nowait(i)
print("maxsize -1 is unbounded:", q.qsize(), q.full(), q.maxsize)

q = queue.Queue()
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
q.put(1)
print(q.unfinished_tasks)
q.get()
q.task_done()
q.join()
print("join returns at once when all done:", q.unfinished_tasks)

for bad in ({"timeout": -1},):
    try:
        queue.Queue().get(**bad)
    except ValueError as e:
        print("ValueError:", e)
    try:
        queue.Queue(1).put(1, **bad)
        queue.Queue(1).put(1)
        qq = queue.Queue(1)
        qq.put(1)
        qq.put(2, **bad)
    except ValueError as e:
        print("ValueError:", e)

sq = queue.SimpleQueue()
print(sq.empty(), sq.qsize())
for i in range(3):
    sq.put(i)
print(sq.qsize(), [sq.get() for _ in range(3)], sq.empty())
try:
    sq.get_nowait()
except queue.Empty:
    print("SimpleQueue empty")
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("SimpleQueue empty after timeout")
try:
    sq.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

pq = queue.PriorityQueue()
values = [(p % 7, "task%02d" % p) for p in range(30)]
for v in reversed(values):
    pq.put(v)
out = [pq.get() for _ in range(len(values))]
print(out == sorted(values), out[:3])

# A consumer blocked in get() is woken by a put from another thread.
handoff = queue.Queue()
received = []
t = threading.Thread(target=lambda: received.append(handoff.get()))
t.start()
handoff.put("hello")
t.join()
print(received)
# ... and a producer blocked in put() by a get.
one = queue.Queue(1)
one.put("first")
t = threading.Thread(target=one.put, args=("second",))
t.start()
print(one.get())
t.join()
print(one.get(), one.empty())
