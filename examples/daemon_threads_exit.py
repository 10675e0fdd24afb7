# Lesson: daemon and non-daemon threads at exit.
#
# When the main thread's code ends, Python waits for every non-daemon thread to finish, then exits.
# Daemon threads are not waited for: they simply stop with the process, mid-work. Use them for
# background helpers whose work may be abandoned; never for work that must complete (writing a file).
import threading
import time


def careful_worker():
    time.sleep(0.05)
    print("non-daemon worker: finished its job (the program waited for it)")


def background_helper():
    while True:  # never finishes on its own
        time.sleep(0.01)


def abandoned_writer():
    time.sleep(10)
    print("daemon writer: this line is never printed")


threading.Thread(target=careful_worker).start()
threading.Thread(target=background_helper, daemon=True).start()
threading.Thread(target=abandoned_writer, daemon=True).start()
print("main thread: reached the end of the script")
