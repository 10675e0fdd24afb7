# multiprocessing: processes are the way out of the GIL. Each child is a separate OS process
# running its own gilpy interpreter with its own GIL; they talk over OS pipes and sockets with
# pickles in CPython's format. The API follows CPython's module.
#
# Start methods: 'spawn' (a fresh gilpy process; the default, on every platform) and 'fork'
# (os.fork(): the child is a copy of the parent, only the calling thread survives, and targets
# need not be picklable). CPython 3.11 defaults to 'fork' on Linux; gilpy keeps 'spawn' as the
# default because forking a process that runs threads is fragile (CPython 3.12 warns about it
# and 3.14 changed its default too): ask for fork with set_start_method('fork') or
# get_context('fork'). 'forkserver' is not implemented.
import os
import sys
from multiprocessing import process as _process
from multiprocessing import spawn as _spawn
from multiprocessing.process import current_process, parent_process, active_children


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


Process = _process.Process


class ForkProcess(Process):
    _start_method = "fork"


class SpawnProcess(Process):
    _start_method = "spawn"

_start_method = [None]


def get_all_start_methods():
    return ["fork", "spawn"]


def get_start_method(allow_none=False):
    if _start_method[0] is None and not allow_none:
        _start_method[0] = "spawn"
    return _start_method[0]


def set_start_method(method, force=False):
    if _start_method[0] is not None and not force:
        raise RuntimeError("context has already been set")
    if method is not None and method not in get_all_start_methods():
        raise ValueError("cannot find context for %r" % method)
    _start_method[0] = method


class _Context:
    # get_context() returns this module-like object: the same API bound to one start method.
    def __init__(self, method):
        self._name = method

    def get_start_method(self, allow_none=False):
        return self._name

    @property
    def Process(self):
        return ForkProcess if self._name == "fork" else SpawnProcess

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        from multiprocessing.pool import Pool
        return Pool(processes, initializer, initargs, maxtasksperchild, context=self)

    def Manager(self):
        from multiprocessing.managers import SyncManager
        m = SyncManager(ctx=self)
        m.start()
        return m

    def __getattr__(self, name):
        try:
            return globals()[name]
        except KeyError:
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name)) from None

    def __repr__(self):
        return "<multiprocessing.context.%sContext object>" % self._name.capitalize()


def get_context(method=None):
    if method is None:
        method = get_start_method()
    if method not in get_all_start_methods():
        raise ValueError("cannot find context for %r" % method)
    return _Context(method)


def cpu_count():
    n = os.cpu_count()
    if n is None:
        raise NotImplementedError("cannot determine number of cpus")
    return n


def freeze_support():
    pass


def set_executable(executable):
    _spawn.set_executable(executable)


def Pipe(duplex=True):
    from multiprocessing.connection import Pipe
    return Pipe(duplex)


def Lock():
    from multiprocessing.synchronize import Lock
    return Lock()


def RLock():
    from multiprocessing.synchronize import RLock
    return RLock()


def Condition(lock=None):
    from multiprocessing.synchronize import Condition
    return Condition(lock)


def Semaphore(value=1):
    from multiprocessing.synchronize import Semaphore
    return Semaphore(value)


def BoundedSemaphore(value=1):
    from multiprocessing.synchronize import BoundedSemaphore
    return BoundedSemaphore(value)


def Event():
    from multiprocessing.synchronize import Event
    return Event()


def Barrier(parties, action=None, timeout=None):
    from multiprocessing.synchronize import Barrier
    return Barrier(parties, action, timeout)


def Queue(maxsize=0):
    from multiprocessing.queues import Queue
    return Queue(maxsize)


def JoinableQueue(maxsize=0):
    from multiprocessing.queues import JoinableQueue
    return JoinableQueue(maxsize)


def SimpleQueue():
    from multiprocessing.queues import SimpleQueue
    return SimpleQueue()


def RawValue(typecode_or_type, *args):
    from multiprocessing.sharedctypes import RawValue
    return RawValue(typecode_or_type, *args)


def RawArray(typecode_or_type, size_or_initializer):
    from multiprocessing.sharedctypes import RawArray
    return RawArray(typecode_or_type, size_or_initializer)


def Value(typecode_or_type, *args, lock=True):
    from multiprocessing.sharedctypes import Value
    return Value(typecode_or_type, *args, lock=lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    from multiprocessing.sharedctypes import Array
    return Array(typecode_or_type, size_or_initializer, lock=lock)


def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None):
    from multiprocessing.pool import Pool
    return Pool(processes, initializer, initargs, maxtasksperchild)


def Manager():
    from multiprocessing.managers import SyncManager
    m = SyncManager()
    m.start()
    return m
