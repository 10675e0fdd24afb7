# Lesson: producers and consumers talking through queue.Queue.
#
# A queue is the easy, safe way to hand work between threads: put() and get() do their own
# locking, get() blocks (releasing the GIL) until an item arrives, a bounded queue makes fast
# producers wait for slow consumers, and task_done()/join() tell when everything is processed.
import queue
import threading

tasks = queue.Queue(maxsize=4)  # bounded: producers wait when 4 items are pending
results = queue.Queue()
STOP = None  # a sentinel telling a consumer to finish


def producer(name, count):
    for i in range(count):
        tasks.put((name, i))


def consumer():
    while True:
        item = tasks.get()
        if item is STOP:
            tasks.task_done()
            return
        name, i = item
        results.put("%s-%d squared is %d" % (name, i, i * i))
        tasks.task_done()


consumers = [threading.Thread(target=consumer) for _ in range(3)]
producers = [threading.Thread(target=producer, args=(name, 5)) for name in ("a", "b")]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
tasks.join()  # every item put so far has been marked done
print("all tasks done, unfinished:", tasks.unfinished_tasks)
for _ in consumers:
    tasks.put(STOP)
for t in consumers:
    t.join()

lines = []
while not results.empty():
    lines.append(results.get())
# Threads finish in an order that varies from run to run; sort to print it the same way each time.
for line in sorted(lines):
    print(line)
