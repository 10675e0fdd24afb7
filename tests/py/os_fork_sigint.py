# A child forked from a non-main thread: that thread is the child's main thread, so SIGINT raises
# KeyboardInterrupt in it (as CPython).
import os, threading, time
def body():
    pid = os.fork()
    if pid == 0:
        try:
            t0 = time.time()
            while time.time() - t0 < 10:
                pass
            print("no interrupt", flush=True)
            os._exit(2)
        except KeyboardInterrupt:
            print("child got KeyboardInterrupt", flush=True)
            os._exit(0)
    time.sleep(0.5)
    os.kill(pid, 2)
    print("exit", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
t = threading.Thread(target=body); t.start(); t.join()
