# multiprocessing.util: shutdown of a process's multiprocessing state.
import atexit
_exiting = [False]
_finalizers = []


def register_exit_hook(func):
    _finalizers.append(func)


def _exit_function():
    # Runs once when a process that used multiprocessing ends: flush queue feeders, terminate
    # daemonic children, join the others (as CPython's util._exit_function does).
    if _exiting[0]:
        return
    _exiting[0] = True
    for func in list(_finalizers):
        try:
            func()
        except Exception:
            pass
    from multiprocessing import process
    for p in process.active_children():
        if p.daemon:
            p.terminate()
    for p in process.active_children():
        p.join()


atexit.register(_exit_function)
