# Locks a killed child held stay held, as in CPython: the OS does not know which process "owns"
# a semaphore, so nothing releases it when the holder dies. Waiters with a timeout get False
# (or queue.Empty for a Queue whose read lock the child held) instead of hanging; waiters
# without one would wait for ever. Don't kill processes that may hold locks; terminate them
# only when nothing else needs those locks any more.
import multiprocessing as mp
import queue
import time


def hold(lock, rlock, sem, q, ready):
    lock.acquire()
    rlock.acquire()
    sem.acquire()
    q._rlock.acquire()  # what a reader blocked in q.get() holds
    ready.set()
    time.sleep(60)


def hold_managed(lock, ready):
    lock.acquire()
    ready.set()
    time.sleep(60)


if __name__ == "__main__":
    lock, rlock, sem, q, ready = mp.Lock(), mp.RLock(), mp.Semaphore(1), mp.Queue(), mp.Event()
    p = mp.Process(target=hold, args=(lock, rlock, sem, q, ready))
    p.start()
    assert ready.wait(20)
    q.put("waiting")
    p.kill()
    p.join(10)
    print("holder exitcode:", p.exitcode)

    for name, primitive in (("Lock", lock), ("RLock", rlock), ("Semaphore", sem)):
        started = time.monotonic()
        got = primitive.acquire(timeout=0.3)
        assert time.monotonic() - started < 5
        print(name, "acquire(timeout=0.3):", got)
    try:
        q.get(timeout=0.3)
    except queue.Empty:
        print("Queue get(timeout=0.3): Empty")

    # A manager's Lock is a threading.Lock in the server: held as well.
    with mp.Manager() as manager:
        managed, ready = manager.Lock(), manager.Event()
        p = mp.Process(target=hold_managed, args=(managed, ready))
        p.start()
        assert ready.wait(20)
        p.kill()
        p.join(10)
        print("managed Lock acquire(timeout=0.3):", managed.acquire(True, 0.3))
    print("ok")
