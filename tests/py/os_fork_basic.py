# os.fork(): exit statuses seen through os.waitpid, register_at_fork order and errors.
import os
import sys
import time


def fork_and_wait(child):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            child()
        finally:
            os._exit(99)  # only reached if child() returned
    got, status = os.waitpid(pid, 0)
    assert got == pid
    return status


status = fork_and_wait(lambda: os._exit(7))
print("_exit(7):", os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status), os.waitstatus_to_exitcode(status))

status = fork_and_wait(lambda: os.kill(os.getpid(), 9))
print("SIGKILL:", os.WIFEXITED(status), os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status))
print("stopped/continued:", os.WIFSTOPPED(status), os.WIFCONTINUED(status))

# The child sees the parent's objects as they were at the fork; the parent never sees its changes.
data = {"n": 1}
r, w = os.pipe()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    data["n"] += 41
    os.write(w, str(data["n"]).encode())
    os._exit(0)
os.close(w)
print("child computed", os.read(r, 100).decode(), "parent still has", data["n"])
os.close(r)
print("exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# A child that returns from the program: sys.exit's code is the process status.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    sys.exit(3)
print("sys.exit(3) in child:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# WNOHANG: nothing to report yet.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    time.sleep(0.3)
    os._exit(0)
print("WNOHANG:", os.waitpid(pid, os.WNOHANG))
print("then:", os.waitpid(pid, 0)[0] == pid)
try:
    os.waitpid(pid, 0)
except ChildProcessError as e:
    print("again:", type(e).__name__, e)

order = []
os.register_at_fork(before=lambda: order.append("before-1"))
os.register_at_fork(before=lambda: order.append("before-2"),
                    after_in_parent=lambda: order.append("parent-1"),
                    after_in_child=lambda: print("child hook 1", order, flush=True))
os.register_at_fork(after_in_parent=lambda: order.append("parent-2"),
                    after_in_child=lambda: print("child hook 2", flush=True))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print("parent order:", order)

for kwargs in [{}, {"before": 1}, {"after_in_child": "x"}, {"nope": print}]:
    try:
        os.register_at_fork(**kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    os.register_at_fork(print)
except TypeError as e:
    print("TypeError:", e)
