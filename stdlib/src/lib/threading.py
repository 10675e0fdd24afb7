"""Thread objects and synchronisation primitives, built in Python on the native _thread module
(CPython's split: _thread is the thin core, threading the rich layer).

Every blocking call here ends in a _thread lock acquire, which releases the GIL while it waits
(or, under deterministic scheduling, waits inside the GIL's scheduler): nothing spins."""

import sys as _sys
import _thread

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread', 'enumerate', 'main_thread',
           'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread',
           'Barrier', 'BrokenBarrierError', 'Timer', 'ThreadError', 'setprofile', 'settrace',
           'local', 'stack_size', 'excepthook', 'ExceptHookArgs', 'gettrace', 'getprofile',
           'get_native_id']

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
# A lock whose waits `gilpy --gil-stats` / `--gil-trace` name by the call they implement
# ("Thread.join", "Queue.get", ...) rather than "Lock.acquire".
_lock_for = _thread._lock_for
_time = _thread._monotonic
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size

Lock = _allocate_lock


def RLock(*args, **kwargs):
    """A re-entrant lock: the thread holding it may acquire it again; it is released when
    release() has been called as many times as acquire()."""
    return _thread.RLock(*args, **kwargs)


_profile_hook = None
_trace_hook = None


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


def settrace(func):
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


# ----- Condition -----

class Condition:
    """Lets threads wait until another thread notifies them, around a shared lock."""

    # What a wait is called in the GIL's statistics; Event, Semaphore, Barrier and queue.Queue
    # set their own.
    _blocked_in = "Condition.wait"

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # An RLock knows how to release and restore itself completely; a plain lock uses the
        # fallbacks below.
        if hasattr(lock, '_release_save'):
            self._release_save = lock._release_save
        if hasattr(lock, '_acquire_restore'):
            self._acquire_restore = lock._acquire_restore
        if hasattr(lock, '_is_owned'):
            self._is_owned = lock._is_owned
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, state):
        self._lock.acquire()

    def _is_owned(self):
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        """Releases the lock, blocks until notified or until the timeout, takes the lock back.
        Returns False if it timed out."""
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        # Each waiter blocks on a lock of its own, which notify() releases.
        waiter = _lock_for(self._blocked_in)
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        """Waits until predicate() is true (or the timeout passes); returns its last value."""
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wakes up to n threads waiting on this condition."""
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass  # it timed out meanwhile
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


# ----- Semaphore, BoundedSemaphore -----

class Semaphore:
    """A counter: acquire() takes one (waiting while it is zero), release() gives one back."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._cond._blocked_in = "Semaphore.acquire"
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %#x: value=%s>" % (cls.__module__, cls.__qualname__, id(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %#x: value=%s/%s>" % (cls.__module__, cls.__qualname__, id(self),
                                                self._value, self._initial_value)

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


# ----- Event -----

class Event:
    """A flag threads can wait for: set() wakes every waiter, clear() resets it."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._cond._blocked_in = "Event.wait"
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return "<%s.%s at %#x: %s>" % (cls.__module__, cls.__qualname__, id(self), status)

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        """Blocks until the flag is set or the timeout passes; returns the flag."""
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# ----- Barrier -----

class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Blocks `parties` threads until all of them have called wait(), then lets them all go
    (running `action` in one of them first). Reusable; abort() or a timeout breaks it."""

    # _state: 0 filling, 1 draining, -1 resetting, -2 broken

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._cond._blocked_in = "Barrier.wait"
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return "<%s.%s at %#x: broken>" % (cls.__module__, cls.__qualname__, id(self))
        return "<%s.%s at %#x: waiters=%d/%d>" % (cls.__module__, cls.__qualname__, id(self),
                                                  self.n_waiting, self.parties)

    def wait(self, timeout=None):
        """Returns an index in range(parties), different for each thread of a round."""
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0 or self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


# ----- Thread -----

_counter_lock = _allocate_lock()
_counter = 0


def _newname(template="Thread-%d"):
    global _counter
    with _counter_lock:
        _counter += 1
        return template % _counter


# Threads started and running (by ident), and threads starting (not yet running).
_active_limbo_lock = RLock()
_active = {}
_limbo = {}


class ExceptHookArgs:
    """What threading.excepthook receives."""

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __repr__(self):
        return ("ExceptHookArgs(exc_type=%r, exc_value=%r, exc_traceback=%r, thread=%r)"
                % (self.exc_type, self.exc_value, self.exc_traceback, self.thread))


# Prints "Exception in thread NAME:" and the traceback to sys.stderr; the program goes on.
excepthook = _thread._excepthook
__excepthook__ = excepthook


def _invoke_excepthook(thread):
    exc_type, exc_value, exc_tb = _sys.exc_info()
    try:
        excepthook(ExceptHookArgs(exc_type, exc_value, exc_tb, thread))
    except BaseException as hook_error:
        _sys.stderr.write("Exception in threading.excepthook:\n")
        __excepthook__(ExceptHookArgs(type(hook_error), hook_error, None, thread))


class Thread:
    """A thread of control: give a target (and args, kwargs), or subclass and override run()."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    name += " (%s)" % target.__name__
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._done = None  # held by the thread while it runs: join() waits for it
        self._started = Event()
        self._started._cond._blocked_in = "Thread.start"
        self._is_stopped = False
        self._initialized = True
        self._stderr = _sys.stderr

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        """Starts the thread's activity: run() in a new thread. At most once per Thread."""
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            raise
        self._started.wait()

    def run(self):
        """The thread's activity; by default calls target(*args, **kwargs)."""
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Don't keep the target and its arguments alive after the thread ends.
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        self._bootstrap_inner()

    def _bootstrap_inner(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._done = _lock_for("Thread.join")
        self._done.acquire()
        _thread._set_name(self._ident, self._name)
        try:
            with _active_limbo_lock:
                _active[self._ident] = self
                del _limbo[self]
            self._started.set()
            try:
                self.run()
            except BaseException:
                _invoke_excepthook(self)
        finally:
            with _active_limbo_lock:
                _active.pop(self._ident, None)
            self._is_stopped = True
            self._done.release()

    def join(self, timeout=None):
        """Waits until the thread ends, or at most `timeout` seconds (then check is_alive())."""
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        done = self._done
        if done is None or self._is_stopped:
            return
        if timeout is None:
            acquired = done.acquire()
        else:
            acquired = done.acquire(True, max(timeout, 0))
        if acquired:
            done.release()

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)
        if self._ident is not None:
            _thread._set_name(self._ident, self._name)

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._native_id

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._started.is_set() and not self._is_stopped

    def isAlive(self):
        """Old name of is_alive() (removed in CPython 3.9; tutorials still use it)."""
        return self.is_alive()

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class Timer(Thread):
    """Calls function(*args, **kwargs) after `interval` seconds, unless cancel() comes first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._ident = get_ident()
        self._native_id = get_native_id()
        # Held until the interpreter shuts down, so other threads can join the main thread.
        self._done = _lock_for("Thread.join")
        self._done.acquire()
        self._started.set()
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread not started by threading (e.g. by _thread.start_new_thread)."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._started.set()
        _thread._set_name(self._ident, self._name)
        with _active_limbo_lock:
            _active[self._ident] = self

    def is_alive(self):
        return _thread._is_alive(self._ident)

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


def _forget_finished_dummies():
    """Dummy threads have no bootstrap to remove them from _active when they end."""
    for ident, t in list(_active.items()):
        if isinstance(t, _DummyThread) and not _thread._is_alive(ident):
            del _active[ident]


def current_thread():
    """The Thread object of the calling thread."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    """How many Thread objects are alive (the main thread included)."""
    with _active_limbo_lock:
        _forget_finished_dummies()
        return len(_active) + len(_limbo)


activeCount = active_count


def enumerate():
    """The Thread objects alive now."""
    with _active_limbo_lock:
        _forget_finished_dummies()
        return list(_active.values()) + list(_limbo.values())


def _shutdown():
    """Called by the interpreter when the main module ends: waits for every non-daemon thread
    (threads they start meanwhile included)."""
    if _main_thread._is_stopped:
        return
    _main_thread._is_stopped = True
    with _active_limbo_lock:
        _active.pop(_main_thread._ident, None)
    _main_thread._done.release()
    while True:
        with _active_limbo_lock:
            pending = [t for t in list(_active.values()) + list(_limbo.values())
                       if not t._daemonic and not t._is_stopped]
        if not pending:
            return
        for t in pending:
            t._started.wait()
            t.join()



def _after_fork():
    """Called by os.fork() in the child, where only the calling thread still exists: it becomes
    the main thread, every other Thread is stopped (enumerate() lists the caller alone, join()
    returns at once) and the module's internal locks, which a vanished thread may have held,
    are new (as CPython's threading._after_fork)."""
    global _active_limbo_lock, _counter_lock, _main_thread, _active, _limbo
    _active_limbo_lock = RLock()
    _counter_lock = _allocate_lock()
    me = get_ident()
    current = _active.get(me)
    if current is None:
        # Forked from a thread _thread started: as in CPython it becomes a new _MainThread.
        current = _MainThread()
    for thread in list(_active.values()) + list(_limbo.values()):
        if thread is current:
            continue
        thread._is_stopped = True
        thread._started = Event()
        thread._started.set()
    current._native_id = get_native_id()
    if current._done is None or not current._done.locked():
        current._done = _allocate_lock()
        current._done.acquire()
    current._started = Event()
    current._started.set()
    _active = {me: current}
    _limbo = {}
    _main_thread = current

# ----- local -----

_NOT_FOUND = object()


def _is_data_descriptor(attr):
    t = type(attr)
    return isinstance(attr, property) or hasattr(t, '__set__') or hasattr(t, '__delete__')


class _LocalImpl:
    __slots__ = ('dicts', 'args')

    def __init__(self, args):
        self.dicts = {}
        self.args = args


def _local_dict(self):
    """The calling thread's attribute dict of a local; made (and __init__ rerun) on first use."""
    impl = object.__getattribute__(self, '_local__impl')
    ident = get_ident()
    d = impl.dicts.get(ident)
    if d is not None:
        return d
    d = impl.dicts[ident] = {}
    for other in [k for k in impl.dicts if k != ident and not _thread._is_alive(k)]:
        del impl.dicts[other]
    cls = type(self)
    if cls.__init__ is not object.__init__:
        args, kw = impl.args
        cls.__init__(self, *args, **kw)
    return d


class local:
    """Thread-local data: each thread sees its own attributes. A subclass's __init__ runs again
    (with the constructor's arguments) in each thread that first touches the object."""

    def __new__(cls, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        impl = _LocalImpl((args, kw))
        object.__setattr__(self, '_local__impl', impl)
        impl.dicts[get_ident()] = {}
        return self

    def __getattribute__(self, name):
        d = _local_dict(self)
        if name == '__dict__':
            return d
        attr = getattr(type(self), name, _NOT_FOUND)
        if attr is not _NOT_FOUND and _is_data_descriptor(attr):
            return object.__getattribute__(self, name)
        if name in d:
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError("%r object attribute '__dict__' is read-only" % type(self).__name__)
        d = _local_dict(self)
        attr = getattr(type(self), name, _NOT_FOUND)
        if attr is not _NOT_FOUND and _is_data_descriptor(attr):
            return object.__setattr__(self, name, value)
        d[name] = value

    def __delattr__(self, name):
        if name == '__dict__':
            raise AttributeError("%r object attribute '__dict__' is read-only" % type(self).__name__)
        d = _local_dict(self)
        attr = getattr(type(self), name, _NOT_FOUND)
        if attr is not _NOT_FOUND and _is_data_descriptor(attr):
            return object.__delattr__(self, name)
        if name not in d:
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
        del d[name]


_main_thread = _MainThread()
