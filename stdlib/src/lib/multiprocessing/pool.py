# multiprocessing.pool: Pool, a set of worker processes that run tasks.
#
# Unlike CPython's pool (shared task and result queues), each worker has its own duplex pipe and
# runs one task at a time, handed to it by the parent: so the parent always knows which task a
# worker is running, and a worker that dies is replaced while its task fails with WorkerLostError
# instead of hanging for ever (CPython hangs here). A handler thread in the parent waits (with the
# GIL released) on every worker's pipe and exit sentinel, delivers results, runs callbacks and
# hands out the next task.
import os
import pickle
import sys
import threading
import _multiprocessing as _mp
from _queue import deque
from multiprocessing import connection, process

RUN, CLOSE, TERMINATE = 0, 1, 2


class WorkerLostError(Exception):
    # Raised by get() for a task whose worker process died while running it.
    pass


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return [args[0](*a) for a in args[1]]


def worker(conn, initializer=None, initargs=(), maxtasks=None):
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            result = (False, e)
        try:
            conn.send((job, i, result))
        except Exception as e:
            conn.send((job, i, (False, MaybeEncodingError(e, result[1]))))
        task = job = func = args = kwds = result = None
        completed += 1
    conn.close()


# Up to this many tasks wait in a worker's pipe behind the one it runs, so it never idles
# while the parent handles a result; only small tasks go ahead (see _dispatch).
AHEAD = 3
AHEAD_MAX_BYTES = 16384


class _Worker:
    def __init__(self, proc, conn):
        self.process = proc
        self.conn = conn
        self.tasks = []  # sent and not answered yet, in order: the first one is running
        self.sent = 0


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = pool._new_job(self)
        self._callback = callback
        self._error_callback = error_callback

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            from multiprocessing import TimeoutError
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, success_result):
        self._success, self._value = success_result
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        self._pool._cache.pop(self._job, None)
        self._pool = None


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            pool._cache.pop(self._job, None)
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
        elif not success and self._success:
            self._success = False
            self._value = result
        if self._number_left == 0:
            if self._success and self._callback:
                self._callback(self._value)
            if not self._success and self._error_callback:
                self._error_callback(self._value)
            self._pool._cache.pop(self._job, None)
            self._event.set()
            self._pool = None


def _chunked_tasks(result, func, iterator, chunksize):
    # The tasks of one imap: runs in whichever thread dispatches (under the pool's lock).
    i = 0
    while True:
        chunk = []
        try:
            for item in iterator:
                chunk.append(item)
                if len(chunk) == chunksize:
                    break
        except Exception as e:
            # The iterable itself failed: the iterator raises it where that chunk would be.
            result._set(i, (False, e))
            result._set_length(i + 1)
            return
        if not chunk:
            result._set_length(i)
            return
        yield (result._job, i, mapstar, ((func, chunk),), {})
        i += 1


class IMapIterator:
    # What imap and imap_unordered return: yields results as chunks arrive (in order of the
    # input for imap). next(timeout) raises multiprocessing.TimeoutError if nothing comes.
    def __init__(self, pool, ordered):
        self._pool = pool
        self._ordered = ordered
        self._cond = threading.Condition(threading.Lock())
        self._ready = []  # (success, value) to hand out, in order
        self._arrived = {}  # chunk index -> (success, result), waiting for its turn (imap)
        self._next_chunk = 0  # chunks handed over to _ready
        self._length = None  # number of chunks, once the input is exhausted
        self._job = pool._new_job(self)

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while not self._ready:
                if self._length is not None and self._next_chunk >= self._length:
                    raise StopIteration
                if not self._cond.wait(timeout) and not self._ready:
                    from multiprocessing import TimeoutError
                    raise TimeoutError
            success, value = self._ready.pop(0)
        if success:
            return value
        raise value

    __next__ = next

    def _release(self, chunk):
        success, result = chunk
        if success:
            self._ready.extend((True, v) for v in result)
        else:
            self._ready.append((False, result))
        self._next_chunk += 1

    def _set(self, i, chunk):
        with self._cond:
            if self._ordered:
                self._arrived[i] = chunk
                while self._next_chunk in self._arrived:
                    self._release(self._arrived.pop(self._next_chunk))
            else:
                self._release(chunk)
            self._cond.notify_all()
            self._maybe_done()

    def _set_length(self, length):
        with self._cond:
            self._length = length
            self._cond.notify_all()
            self._maybe_done()

    def _maybe_done(self):
        if self._length is not None and self._next_chunk >= self._length and self._pool is not None:
            self._pool._cache.pop(self._job, None)
            self._pool = None


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None and (not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0):
            raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if context is None:
            import multiprocessing
            context = multiprocessing.get_context()
        self._Process = context.Process
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasksperchild = maxtasksperchild
        self._lock = threading.RLock()
        self._state = RUN
        self._cache = {}
        # Tasks not yet sent, oldest first: a deque, as list.pop(0) would move every task
        # behind the one taken (quadratic in a big map).
        self._pending = deque()
        self._sources = []  # task generators of imap/imap_unordered, consumed as workers free up
        self._workers = []
        self._next_job = 0
        self._wake_reader, self._wake_writer = connection.Pipe(duplex=False)
        for _ in range(processes):
            self._start_worker()
        self._handler = threading.Thread(target=self._handle_results, name="Pool-handler", daemon=True)
        self._handler.start()

    def _start_worker(self):
        parent_end, child_end = connection.Pipe()
        proc = self._Process(target=worker, args=(child_end, self._initializer, self._initargs,
                                                  self._maxtasksperchild))
        proc.name = proc.name.replace("Process", "PoolWorker")
        proc.daemon = True
        proc.start()
        child_end.close()
        self._workers.append(_Worker(proc, parent_end))

    def _new_job(self, result):
        with self._lock:
            job = self._next_job
            self._next_job += 1
            self._cache[job] = result
            return job

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, tasks):
        with self._lock:
            self._pending.extend(tasks)
            self._dispatch()

    def _submit_source(self, source):
        with self._lock:
            self._sources.append(source)
            self._dispatch()

    def _next_task(self):
        if self._pending:
            return self._pending.popleft()
        while self._sources:
            try:
                return next(self._sources[0])
            except StopIteration:
                self._sources.pop(0)
        return None

    def _dispatch(self):
        # Idle workers first, then queue small tasks behind running ones. A big task waits for
        # an idle worker: parent and worker both blocked writing to each other's full pipes
        # would deadlock.
        for ahead in range(AHEAD + 1):
            for w in self._workers:
                if len(w.tasks) != ahead or w.conn is None or getattr(w, "stopping", False):
                    continue
                if self._maxtasksperchild is not None and w.sent >= self._maxtasksperchild:
                    continue
                task = self._next_task()
                if task is None:
                    return
                try:
                    data = pickle.dumps(task)
                except Exception as e:
                    # Its function or arguments can't be pickled: that task fails.
                    self._deliver(task[0], task[1], (False, e))
                    continue
                if ahead and len(data) > AHEAD_MAX_BYTES:
                    self._pending.appendleft(task)
                    return
                w.tasks.append(task)
                w.sent += 1
                try:
                    w.conn.send_bytes(data)
                except OSError:
                    pass

    def _wake(self):
        try:
            self._wake_writer.send_bytes(b"!")
        except OSError:
            pass

    def _deliver(self, job, i, result):
        cached = self._cache.get(job)
        if cached is None:
            return
        try:
            cached._set(i, result)
        except Exception as e:
            import _multiprocessing
            sys.stderr.write("Exception in pool result callback:\n" + _multiprocessing.format_exception(e))

    def _worker_message(self, w):
        try:
            job, i, result = w.conn.recv()
        except (EOFError, OSError):
            w.conn.close()
            w.conn = None
            return
        with self._lock:
            if w.tasks:
                w.tasks.pop(0)
            self._dispatch()
        self._deliver(job, i, result)

    def _worker_exited(self, w):
        with self._lock:
            while w.conn is not None and w.conn.poll():
                self._worker_message(w)
            lost = w.tasks[0] if w.tasks else None
            # Tasks queued behind the one it died in never started: give them to others.
            for task in reversed(w.tasks[1:]):
                self._pending.appendleft(task)
            w.tasks = []
            self._workers.remove(w)
            w.process.join()
            if w.conn is not None:
                w.conn.close()
            if self._state == RUN:
                self._start_worker()
            self._dispatch()
        if lost is not None:
            job, i = lost[0], lost[1]
            error = WorkerLostError("Worker exited prematurely: exitcode %s" % w.process.exitcode)
            self._deliver(job, i, (False, error))

    def _finished(self):
        if self._state == TERMINATE:
            return True
        return self._state == CLOSE and not self._workers

    def _maybe_stop_workers(self):
        # After close(): once no task is left, tell idle workers to exit.
        if self._state == CLOSE and not self._pending and not self._sources:
            for w in self._workers:
                if not w.tasks and w.conn is not None and not getattr(w, "stopping", False):
                    w.stopping = True
                    try:
                        w.conn.send(None)
                    except OSError:
                        pass

    def _handle_results(self):
        while True:
            with self._lock:
                self._maybe_stop_workers()
                if self._finished():
                    return
                waitables = [self._wake_reader]
                owners = {}
                for w in self._workers:
                    if w.conn is not None:
                        waitables.append(w.conn)
                        owners[w.conn.fileno()] = (w, "conn")
                    owners[w.process.sentinel] = (w, "exit")
                    waitables.append(w.process.sentinel)
            ready = connection.wait(waitables)
            for obj in ready:
                if obj is self._wake_reader:
                    while self._wake_reader.poll():
                        self._wake_reader.recv_bytes()
                    continue
                fd = obj if isinstance(obj, int) else obj.fileno()
                w, kind = owners[fd]
                if kind == "conn" and w.conn is not None:
                    self._worker_message(w)
                    while w.conn is not None and w.conn.poll():
                        self._worker_message(w)
            for obj in ready:
                if isinstance(obj, int) and owners[obj][1] == "exit":
                    w = owners[obj][0]
                    if w in self._workers:
                        self._worker_exited(w)

    # --- the public API ---

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._submit([(result._job, 0, func, tuple(args), dict(kwds))])
        return result

    def _map_async(self, func, iterable, star, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), self._processes * 4)
            if extra:
                chunksize += 1
        if len(items) == 0:
            chunksize = 0
        elif chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = MapResult(self, chunksize, len(items), callback, error_callback)
        helper = starmapstar if star else mapstar
        tasks = []
        if chunksize:
            for i, start in enumerate(range(0, len(items), chunksize)):
                tasks.append((result._job, i, helper, ((func, items[start:start + chunksize]),), {}))
        self._submit(tasks)
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, False, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, False, chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, True, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, True, chunksize, callback, error_callback)

    def _lazy(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = IMapIterator(self, ordered)
        self._submit_source(_chunked_tasks(result, func, iter(iterable), chunksize))
        return result

    def imap(self, func, iterable, chunksize=1):
        # Lazy: the iterable is read a chunk at a time as workers become free, and results
        # come back in order as they are ready.
        return self._lazy(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._lazy(func, iterable, chunksize, False)

    def close(self):
        with self._lock:
            if self._state == RUN:
                self._state = CLOSE
        self._wake()

    def terminate(self):
        with self._lock:
            self._state = TERMINATE
            workers = list(self._workers)
        for w in workers:
            if w.process.exitcode is None:
                w.process.terminate()
        self._wake()
        self._handler.join()
        for w in workers:
            w.process.join()
            if w.conn is not None:
                w.conn.close()
                w.conn = None

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        self._handler.join()
        for w in list(self._workers):
            w.process.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()

    def __repr__(self):
        state = {RUN: "RUN", CLOSE: "CLOSE", TERMINATE: "TERMINATE"}[self._state]
        return "<%s.%s state=%s pool_size=%s>" % (type(self).__module__, type(self).__qualname__,
                                                   state, len(self._workers))
