# At exit the main thread waits for non-daemon threads; daemon threads still blocked (on a lock,
# an event, a queue, a sleep) are abandoned without a hang or a crash.
import queue
import threading
import time

never = threading.Event()
stuck_lock = threading.Lock()
stuck_lock.acquire()
empty = queue.Queue()


def blocked_forever(kind):
    if kind == "event":
        never.wait()
    elif kind == "lock":
        stuck_lock.acquire()
    elif kind == "queue":
        empty.get()
    else:
        time.sleep(3600)
    print("a daemon thread woke up: must never be printed")


for kind in ("event", "lock", "queue", "sleep"):
    threading.Thread(target=blocked_forever, args=(kind,), daemon=True).start()


def spinning():
    n = 0
    while True:
        n += 1


threading.Thread(target=spinning, daemon=True).start()


def late_finisher():
    time.sleep(0.1)
    print("non-daemon thread finished before exit")


threading.Thread(target=late_finisher).start()
print("main thread done; daemon threads alive:", sum(t.daemon for t in threading.enumerate()))
