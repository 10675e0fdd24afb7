# multiprocessing.util: shutdown of a process's multiprocessing state, and its temporary dir.
import atexit
import os
_exiting = [False]
_finalizers = []
_late_finalizers = []


def register_exit_hook(func, late=False):
    # late: run after the children have been joined (removing files they may still use).
    (_late_finalizers if late else _finalizers).append(func)


def unregister_exit_hook(func):
    try:
        _finalizers.remove(func)
    except ValueError:
        pass


def get_temp_dir():
    # One private directory per process tree for Unix socket files, made by the first process
    # that needs it and inherited by children through their Process object's _config (as in
    # CPython). The process that made it removes it, with whatever is left inside (the socket of
    # a manager that was killed, say), when it exits.
    from multiprocessing import process
    config = process.current_process()._config
    tempdir = config.get("tempdir")
    if tempdir is None or not os.path.isdir(tempdir):
        import _multiprocessing
        base = os.environ.get("TMPDIR") or "/tmp"
        tempdir = os.path.join(base, "pymp-" + _multiprocessing.random_bytes(6).hex())
        os.mkdir(tempdir, 0o700)
        config["tempdir"] = tempdir
        register_exit_hook(lambda: _remove_tree(tempdir), late=True)
    return tempdir


def _remove_tree(path):
    try:
        names = os.listdir(path)
    except OSError:
        return
    for name in names:
        try:
            os.remove(os.path.join(path, name))
        except OSError:
            pass
    try:
        os.rmdir(path)
    except OSError:
        pass


def _exit_function():
    # Runs once when a process that used multiprocessing ends: flush queue feeders, shut down
    # managers, terminate daemonic children, join the others (as CPython's util._exit_function
    # does), then remove the temporary directory.
    if _exiting[0]:
        return
    _exiting[0] = True
    _run_all(_finalizers)
    import _multiprocessing
    _multiprocessing.flush_feeders()
    from multiprocessing import process
    for p in process.active_children():
        if p.daemon:
            p.terminate()
    for p in process.active_children():
        p.join()
    _run_all(_late_finalizers)


def _run_all(funcs):
    for func in list(funcs):
        try:
            func()
        except Exception:
            pass


atexit.register(_exit_function)
