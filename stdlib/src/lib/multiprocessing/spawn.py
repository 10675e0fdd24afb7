# multiprocessing.spawn: starting a child as a fresh gilpy process, and the child's side of it.
#
# The parent pickles preparation data (sys.path, cwd, the main script's path, the process name)
# and the Process object, and writes both to the child's stdin. While it pickles, objects that
# own OS resources (connections, locks, shared memory) register their fds with the spawning
# Popen, which passes exactly those fds to the child, at the same numbers.
import os
import sys
import pickle
import _multiprocessing

_spawning = [None]
_executable = [None]


def get_spawning_popen():
    return _spawning[0]


def set_executable(path):
    _executable[0] = path


def get_executable():
    return _executable[0] or sys.executable


def register_fd(fd):
    # Called by __reduce__/__getstate__ of resource-owning objects; returns the fd the child sees.
    popen = _spawning[0]
    if popen is None:
        raise RuntimeError("this object should only be shared between processes through inheritance")
    popen._fds.append(fd)
    return fd


def _frame(data):
    return len(data).to_bytes(8, "big") + data


def get_preparation_data(name):
    main = sys.modules.get("__main__")
    main_path = getattr(main, "__file__", None)
    if main_path is not None and (main_path.startswith("<") or not os.path.exists(main_path)):
        main_path = None
    if main_path is not None and not os.path.isabs(main_path):
        main_path = os.path.join(os.getcwd(), main_path)
    from multiprocessing import process
    return {
        "name": name,
        "sys_path": list(sys.path),
        "sys_argv": list(sys.argv),
        "dir": os.getcwd(),
        "main_path": main_path,
        "authkey": bytes(process.current_process().authkey),
    }


class SpawnPopen:
    def __init__(self, process_obj):
        self._fds = []
        self.returncode = None
        prep = get_preparation_data(process_obj._name)
        _spawning[0] = self
        try:
            payload = _frame(pickle.dumps(prep)) + _frame(pickle.dumps(process_obj))
        finally:
            _spawning[0] = None
        exe = get_executable()
        self._handle = _multiprocessing.spawn(exe, [_multiprocessing.CHILD_FLAG], self._fds, payload)
        self.pid = self._handle.pid()
        self.sentinel = self._handle.sentinel()

    def poll(self, flag=None):
        if self.returncode is None:
            self.returncode = self._handle.poll()
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            self.returncode = self._handle.wait(timeout)
        return self.returncode

    def terminate(self):
        if self.returncode is None:
            self._handle.terminate()

    def kill(self):
        if self.returncode is None:
            self._handle.kill()

    def close(self):
        pass


def prepare(data):
    sys.path[:] = data["sys_path"]
    sys.argv[:] = data["sys_argv"]
    os.chdir(data["dir"])
    from multiprocessing import process
    process.current_process()._config["authkey"] = process.AuthenticationString(data["authkey"])
    if data.get("main_path"):
        _multiprocessing.import_main(data["main_path"])


def spawn_main():
    data = _multiprocessing.read_stdin()
    size = int.from_bytes(data[:8], "big")
    prep = pickle.loads(data[8:8 + size])
    rest = data[8 + size:]
    size2 = int.from_bytes(rest[:8], "big")
    prepare(prep)
    process_obj = pickle.loads(rest[8:8 + size2])
    exitcode = process_obj._bootstrap()
    sys.exit(exitcode)
