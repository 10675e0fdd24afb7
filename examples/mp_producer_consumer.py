# Lesson: producers and consumers in separate processes, talking through multiprocessing.Queue.
#
# A multiprocessing.Queue is a pipe between processes plus locks: put() pickles the object and
# hands it to a background feeder that writes it to the pipe (so put() doesn't wait for a
# reader), get() reads and unpickles one whole message. The queue object itself is passed to
# the children as an argument when they start. A bounded queue (maxsize) makes producers wait
# when consumers fall behind. Sentinels (None here) tell consumers to stop: one per consumer.
#
# Order between processes is not fixed, so the results are sorted before printing.
import multiprocessing as mp

PRODUCERS = 2
CONSUMERS = 3
ITEMS = 5  # per producer


def producer(tasks, name):
    for i in range(ITEMS):
        tasks.put((name, i))  # blocks while the queue is full


def consumer(tasks, results):
    while True:
        item = tasks.get()  # blocks until an item arrives; one message goes to one consumer
        if item is None:
            break
        name, i = item
        results.put("%s-%d squared is %d" % (name, i, i * i))
    results.put(None)  # tell the parent this consumer is done


if __name__ == "__main__":
    tasks = mp.Queue(maxsize=4)
    results = mp.Queue()
    producers = [mp.Process(target=producer, args=(tasks, "p%d" % n)) for n in range(PRODUCERS)]
    consumers = [mp.Process(target=consumer, args=(tasks, results)) for _ in range(CONSUMERS)]
    for p in producers + consumers:
        p.start()

    for p in producers:
        p.join()
    for _ in consumers:
        tasks.put(None)  # every item is in the queue now: send one sentinel per consumer

    # Read the results before joining the consumers: a child that has put data on a queue
    # waits at exit until it is all written to the pipe, and a pipe holds only so much.
    lines = []
    finished = 0
    while finished < CONSUMERS:
        line = results.get(timeout=30)
        if line is None:
            finished += 1
        else:
            lines.append(line)
    for p in consumers:
        p.join()

    for line in sorted(lines):
        print(line)
    print(len(lines), "results;", "exit codes:", [p.exitcode for p in producers + consumers])
