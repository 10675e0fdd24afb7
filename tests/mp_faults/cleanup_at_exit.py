# Temporary resources are cleaned up: the test runner gives this script an empty TMPDIR and
# checks after it exits that TMPDIR is empty again (no Unix socket files, even of a manager that
# was killed) and that no process of its process group is left (daemonic children are
# terminated, managers not shut down by the program are shut down at exit). The script checks
# itself that it leaves no zombie children and that dropped queues, pipes, locks and shared
# values give their file descriptors back.
import gc
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.managers import BaseManager


def open_fds():
    return len(os.listdir("/proc/self/fd"))


def zombies():
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "Z" and int(fields[1]) == os.getpid():
                found.append(int(name))
    return found


def use_everything(q, jq, sq, conn, lock, rlock, sem, event, cond, value, array, shared):
    q.put("q")
    jq.put("jq")
    sq.put("sq")
    conn.send("conn")
    with lock, rlock, sem, cond:
        value.value += 1
        array[0] += 1
    shared["child"] = os.getpid()
    event.set()


class MathManager(BaseManager):
    pass


MathManager.register("dict", dict)


def churn():
    # Objects made and dropped many times must not keep their fds.
    for _ in range(30):
        a, b = mp.Pipe()
        a.close()
        b.close()
        q = mp.Queue()
        q.put(1)
        q.get(timeout=5)
        q.close()
        q.join_thread()
        locks = [mp.Lock(), mp.RLock(), mp.Semaphore(2), mp.Event(), mp.Condition()]
        values = [mp.Value("i", 1), mp.Array("d", 4)]
        del a, b, q, locks, values
    gc.collect()


if __name__ == "__main__":
    churn()
    baseline = open_fds()
    churn()
    grown = open_fds() - baseline
    assert grown <= 2, "fds grew by %d" % grown
    print("fds do not leak")

    manager = mp.Manager()
    q, jq, sq = mp.Queue(), mp.JoinableQueue(), mp.SimpleQueue()
    here, there = mp.Pipe()
    args = (q, jq, sq, there, mp.Lock(), mp.RLock(), mp.Semaphore(), mp.Event(), mp.Condition(),
            mp.Value("i", 0), mp.Array("i", 3), manager.dict())
    p = mp.Process(target=use_everything, args=args)
    p.start()
    print(q.get(timeout=10), jq.get(timeout=10), sq.get(), here.recv())
    jq.task_done()
    p.join(10)
    print("child exitcode:", p.exitcode, "value:", args[9].value, "array:", args[10][:])

    with mp.Pool(2) as pool:
        print(pool.map(abs, [-1, -2, -3]))

    # A manager that is killed leaves its socket file behind; this process removes it at exit.
    killed = mp.Manager()
    killed.list()
    os.kill(killed._process.pid, signal.SIGKILL)
    killed._process.join(10)

    # A BaseManager subclass on a Unix socket, left running: shut down at exit.
    left_running = MathManager()
    left_running.start()
    left_running.dict().update(a=1)

    # A daemonic child still running at exit is terminated.
    daemon = mp.Process(target=time.sleep, args=(60,), daemon=True)
    daemon.start()

    assert zombies() == [], zombies()
    print("no zombies; leaving", len(mp.active_children()), "children")
    print("ok")
