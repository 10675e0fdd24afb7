# multiprocessing.synchronize: locks, semaphores, conditions, events and barriers shared by
# processes. Everything is built on SemLock, a process-shared semaphore (see _multiprocessing);
# children get them by inheritance, as arguments of Process or Pool.
import sys
import time
import _multiprocessing as _mp

RECURSIVE_MUTEX = _mp.RECURSIVE_MUTEX
SEMAPHORE = _mp.SEMAPHORE
SEM_VALUE_MAX = 2147483647


class SemLock:
    def __init__(self, kind, value, maxvalue):
        self._semlock = _mp.semlock_new(kind, maxvalue, value)
        self._make_methods()

    def _make_methods(self):
        self.acquire = self._semlock.acquire
        self.release = self._semlock.release

    def __enter__(self):
        return self._semlock.acquire()

    def __exit__(self, *args):
        return self._semlock.release()

    def __getstate__(self):
        from multiprocessing import spawn
        sl = self._semlock
        return (spawn.register_fd(sl.fileno()), sl.kind(), sl.maxvalue())

    def __setstate__(self, state):
        self._semlock = _mp.semlock_attach(*state)
        self._make_methods()


class Semaphore(SemLock):
    def __init__(self, value=1):
        SemLock.__init__(self, SEMAPHORE, value, SEM_VALUE_MAX)

    def get_value(self):
        return self._semlock._get_value()

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = "unknown"
        return "<%s(value=%s)>" % (type(self).__name__, value)


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        SemLock.__init__(self, SEMAPHORE, value, value)

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = "unknown"
        return "<%s(value=%s, maxvalue=%s)>" % (type(self).__name__, value, self._semlock.maxvalue())


class Lock(SemLock):
    def __init__(self):
        SemLock.__init__(self, SEMAPHORE, 1, 1)

    def __repr__(self):
        try:
            if self._semlock._is_mine():
                from multiprocessing import process
                name = process.current_process().name
            elif self._semlock._get_value() == 1:
                name = "None"
            else:
                name = "SomeOtherThread"
        except Exception:
            name = "unknown"
        return "<%s(owner=%s)>" % (type(self).__name__, name)


class RLock(SemLock):
    def __init__(self):
        SemLock.__init__(self, RECURSIVE_MUTEX, 1, 1)

    def __repr__(self):
        try:
            if self._semlock._is_mine():
                from multiprocessing import process
                name = process.current_process().name
                count = self._semlock._count()
            elif self._semlock._get_value() == 1:
                name, count = "None", 0
            else:
                name, count = "SomeOtherThread", "nonzero"
        except Exception:
            name, count = "unknown", "unknown"
        return "<%s(%s, %s)>" % (type(self).__name__, name, count)


class Condition:
    # A waiter announces itself on _sleeping_count, gives up the lock and waits on
    # _wait_semaphore; notify() releases one _wait_semaphore per sleeper it wakes and waits for
    # each to confirm on _woken_count, so a notify never wakes a thread that starts waiting later.
    def __init__(self, lock=None):
        self._lock = lock or RLock()
        self._sleeping_count = Semaphore(0)
        self._woken_count = Semaphore(0)
        self._wait_semaphore = Semaphore(0)
        self._make_methods()

    def __getstate__(self):
        return (self._lock, self._sleeping_count, self._woken_count, self._wait_semaphore)

    def __setstate__(self, state):
        (self._lock, self._sleeping_count, self._woken_count, self._wait_semaphore) = state
        self._make_methods()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _make_methods(self):
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __repr__(self):
        try:
            num_waiters = self._sleeping_count._semlock._get_value() - self._woken_count._semlock._get_value()
        except Exception:
            num_waiters = "unknown"
        return "<%s(%s, %s)>" % (type(self).__name__, self._lock, num_waiters)

    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), "must acquire() condition before using wait()"
        self._sleeping_count.release()
        count = self._lock._semlock._count()
        for i in range(count):
            self._lock.release()
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            for i in range(count):
                self._lock.acquire()

    def notify(self, n=1):
        assert self._lock._semlock._is_mine(), "lock is not owned"
        assert not self._wait_semaphore.acquire(False)
        # Waiters that timed out since the last notify have confirmed on _woken_count without
        # being woken: take them off the sleepers first.
        while self._woken_count.acquire(False):
            res = self._sleeping_count.acquire(False)
            assert res, "notify: Bug in sleeping_count.acquire - res should not be False"
        sleepers = 0
        while sleepers < n and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()
            sleepers += 1
        if sleepers:
            for i in range(sleepers):
                self._woken_count.acquire()
            while self._wait_semaphore.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=sys.maxsize)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        endtime = None if timeout is None else time.monotonic() + timeout
        waittime = timeout
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = Semaphore(0)

    def is_set(self):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def set(self):
        with self._cond:
            self._flag.acquire(False)
            self._flag.release()
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.acquire(False)

    def wait(self, timeout=None):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
            else:
                self._cond.wait(timeout)
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def __repr__(self):
        return "<%s(%s)>" % (type(self).__name__, "set" if self.is_set() else "unset")


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    # threading.Barrier's algorithm with its state (filling/draining/resetting/broken and the
    # count of waiting parties) in shared memory, so every process sees the same barrier.
    _FILLING, _DRAINING, _RESETTING, _BROKEN = 0, 1, -1, -2

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._shared = _mp.shared_array("i", 2)
        self._parties = parties
        self._action = action
        self._timeout = timeout

    def __getstate__(self):
        from multiprocessing import spawn
        return (self._parties, self._action, self._timeout, self._cond,
                spawn.register_fd(self._shared.fileno()))

    def __setstate__(self, state):
        (self._parties, self._action, self._timeout, self._cond, fd) = state
        self._shared = _mp.attach_array("i", fd, 2)

    @property
    def _state(self):
        return self._shared[0]

    @_state.setter
    def _state(self, value):
        self._shared[0] = value

    @property
    def _count(self):
        return self._shared[1]

    @_count.setter
    def _count(self, value):
        self._shared[1] = value

    def wait(self, timeout=None):
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
        while self._state in (self._DRAINING, self._RESETTING):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == self._FILLING

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = self._DRAINING
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != self._FILLING, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == self._DRAINING

    def _exit(self):
        if self._count == 0:
            if self._state in (self._RESETTING, self._DRAINING):
                self._state = self._FILLING
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == self._FILLING:
                    self._state = self._RESETTING
                elif self._state == self._BROKEN:
                    self._state = self._RESETTING
            else:
                self._state = self._FILLING
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = self._BROKEN
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == self._FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == self._BROKEN
