# An uncaught exception in the main thread: the traceback is printed, non-daemon threads still
# finish, the exit status is 1.
import threading
import time


def worker():
    time.sleep(0.05)
    print("worker finished after main raised")


threading.Thread(target=worker).start()
print("main about to raise")
raise KeyError("main failed")
