# _thread.interrupt_main(): KeyboardInterrupt is raised in the main thread, not in the caller.
import _thread
import threading
import time

raised_in = []


def poke():
    time.sleep(0.05)
    _thread.interrupt_main()
    for _ in range(100000):
        pass
    raised_in.append("worker finished normally")


t = threading.Thread(target=poke)
t.start()
try:
    while True:
        pass
except KeyboardInterrupt:
    raised_in.append("main")
t.join()
print(sorted(raised_in))
