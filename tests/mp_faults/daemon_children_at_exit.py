# A process that ends (normally, or by an uncaught exception) terminates its daemonic children
# and joins the others, as CPython does at exit: no child outlives its parent as an orphan.
# This script ends with a daemonic child still sleeping: the test's process-group check fails if
# that child outlives it.
import multiprocessing as mp
import time


def sleep_long():
    time.sleep(60)


def owner(report, fail):
    child = mp.Process(target=sleep_long, daemon=True)
    child.start()
    report.put(child.pid)
    if fail:
        raise KeyboardInterrupt


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    report = mp.Queue()
    for fail in (False, True):
        p = mp.Process(target=owner, args=(report, fail))
        p.start()
        pid = report.get(timeout=30)
        p.join(30)
        print("owner exitcode:", p.exitcode)
        deadline = time.monotonic() + 10
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        print("daemonic child still running:", running(pid))
        assert p.exitcode == (1 if fail else 0)
        assert not running(pid)
    last = mp.Process(target=sleep_long, daemon=True)
    last.start()
    print("ok")
