# multiprocessing.queues: Queue, JoinableQueue and SimpleQueue between processes.
#
# A Queue is a pipe plus locks: readers take _rlock to receive one whole message, writers hand
# pickled messages to a native feeder thread (see _multiprocessing's feeder) that writes them
# under _wlock, so put() never blocks on a full pipe. _sem counts free slots for maxsize.
import os
import time
import pickle
import _multiprocessing as _mp
from queue import Empty, Full
from multiprocessing import connection, synchronize, util


class Queue:
    def __init__(self, maxsize=0):
        if maxsize <= 0:
            maxsize = synchronize.SEM_VALUE_MAX
        self._maxsize = maxsize
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rlock = synchronize.Lock()
        self._wlock = synchronize.Lock()
        self._sem = synchronize.BoundedSemaphore(maxsize)
        self._opid = os.getpid()
        self._after_init()

    def _after_init(self):
        self._closed = False
        self._feeder = None

    def __getstate__(self):
        return (self._maxsize, self._reader, self._writer, self._rlock, self._wlock, self._sem, self._opid)

    def __setstate__(self, state):
        (self._maxsize, self._reader, self._writer, self._rlock, self._wlock, self._sem, self._opid) = state
        self._after_init()

    def _start_feeder(self):
        # After os.fork() a child has the parent's feeder but not its thread: it starts its own.
        self._feeder_pid = os.getpid()
        # Exit waits for every feeder (util._exit_function), so nothing put is lost, unless
        # cancel_join_thread() was called.
        self._feeder = _mp.feeder_new(self._writer.fileno(), self._wlock._semlock)
        if getattr(self, "_joincancelled", False):
            self._feeder.cancel_join()

    def put(self, obj, block=True, timeout=None):
        self._feed(self._reserve_slot(obj, block, timeout))

    def _reserve_slot(self, obj, block, timeout):
        # Takes a slot of maxsize and pickles obj (giving the slot back if it cannot be pickled).
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if not self._sem.acquire(block, timeout):
            raise Full
        try:
            return pickle.dumps(obj)
        except BaseException:
            self._sem.release()
            raise

    def _feed(self, data):
        if self._feeder is None or self._feeder_pid != os.getpid():
            self._start_feeder()
        self._feeder.put(data)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if block and timeout is None:
            # The lock's own acquire/release rather than `with` (two Python frames less).
            self._rlock.acquire()
            try:
                res = self._reader.recv_bytes()
            finally:
                self._rlock.release()
            self._sem.release()
        else:
            if block:
                deadline = time.monotonic() + timeout
            if not self._rlock.acquire(block, timeout):
                raise Empty
            try:
                if block:
                    timeout = deadline - time.monotonic()
                    if not self._reader.poll(timeout):
                        raise Empty
                elif not self._reader.poll():
                    raise Empty
                res = self._reader.recv_bytes()
                self._sem.release()
            finally:
                self._rlock.release()
        return pickle.loads(res)

    def qsize(self):
        return self._maxsize - self._sem._semlock._get_value()

    def empty(self):
        return not self._reader.poll()

    def full(self):
        return self._sem._semlock._is_zero()

    def get_nowait(self):
        return self.get(False)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def close(self):
        self._closed = True
        if self._feeder is not None:
            self._feeder.close()
        self._reader.close()

    def join_thread(self):
        assert self._closed, "Queue {0!r} not closed".format(self)
        if self._feeder is not None:
            self._feeder.join()

    def cancel_join_thread(self):
        # Exit will not wait for this queue's buffered messages (they may be lost).
        self._joincancelled = True
        if self._feeder is not None:
            self._feeder.cancel_join()


class JoinableQueue(Queue):
    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished_tasks = synchronize.Semaphore(0)
        self._cond = synchronize.Condition()

    def __getstate__(self):
        return Queue.__getstate__(self) + (self._cond, self._unfinished_tasks)

    def __setstate__(self, state):
        Queue.__setstate__(self, state[:-2])
        self._cond, self._unfinished_tasks = state[-2:]

    def put(self, obj, block=True, timeout=None):
        data = self._reserve_slot(obj, block, timeout)
        with self._cond:
            self._feed(data)
            self._unfinished_tasks.release()

    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError("task_done() called too many times")
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


class SimpleQueue:
    def __init__(self):
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rlock = synchronize.Lock()
        self._wlock = synchronize.Lock()
        self._poll = self._reader.poll

    def close(self):
        self._reader.close()
        self._writer.close()

    def empty(self):
        return not self._poll()

    def __getstate__(self):
        return (self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        (self._reader, self._writer, self._rlock, self._wlock) = state
        self._poll = self._reader.poll

    def get(self):
        self._rlock.acquire()
        try:
            res = self._reader.recv_bytes()
        finally:
            self._rlock.release()
        return pickle.loads(res)

    def put(self, obj):
        data = pickle.dumps(obj)
        self._wlock.acquire()
        try:
            self._writer.send_bytes(data)
        finally:
            self._wlock.release()
