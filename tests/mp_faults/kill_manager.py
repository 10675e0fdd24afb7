# A dead manager: proxy calls raise an exception instead of hanging. A call waiting for the
# server's answer when it dies gets EOFError; later calls on an open connection get
# BrokenPipeError, and new connections (creating an object) ConnectionRefusedError, the same
# exceptions CPython raises. shutdown() of the dead manager still returns.
import multiprocessing as mp
import os
import signal
import threading
import time


def bounded(what, call):
    started = time.monotonic()
    try:
        call()
    except (EOFError, ConnectionError, OSError) as e:
        assert time.monotonic() - started < 10, what
        print(what + ":", type(e).__name__)
    else:
        raise AssertionError(what + " did not fail")


if __name__ == "__main__":
    manager = mp.Manager()
    shared = manager.dict(count=1)
    event = manager.Event()
    shared["count"] += 1
    print("before:", shared["count"])
    pid = manager._process.pid

    # Kill the server while this thread waits on event.wait() for it.
    killer = threading.Timer(0.3, os.kill, (pid, signal.SIGKILL))
    killer.start()
    bounded("event.wait during the kill", event.wait)
    killer.join()
    manager._process.join(10)
    print("manager exitcode:", manager._process.exitcode)

    bounded("dict get after", lambda: shared["count"])
    bounded("dict set after", lambda: shared.__setitem__("count", 3))
    bounded("new list", manager.list)

    def other_thread():
        # A thread that never talked to the server makes a new connection: refused.
        bounded("other thread", lambda: shared.get("count"))
    t = threading.Thread(target=other_thread)
    t.start()
    t.join(20)
    assert not t.is_alive()

    started = time.monotonic()
    manager.shutdown()
    assert time.monotonic() - started < 10
    print("shutdown returned")
    print("ok")
