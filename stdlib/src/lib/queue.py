"""Synchronized queues for passing work between threads: Queue (FIFO), LifoQueue, PriorityQueue
and SimpleQueue.

The work of put, get, task_done and join is native (_queue._QueueBase, the base of Queue): each
is one call, blocking waits release the GIL (no polling), and an interrupt wakes them. What stays
Python is what subclasses override: __init__ and the storage hooks _init, _qsize, _put and _get.
A class that keeps the hooks of Queue, LifoQueue or PriorityQueue has its items moved natively;
one that overrides any of them has its hooks called, as in CPython."""

from _queue import Empty, SimpleQueue, _QueueBase, deque, _heappush, _heappop, _class_getitem

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'
    pass


class Queue(_QueueBase):
    """Create a queue object with a given maximum size.

    If maxsize is <= 0, the queue size is infinite.
    """

    # Inherited from _QueueBase, natively: put, get, put_nowait, get_nowait, qsize, empty, full,
    # task_done, join, and the attributes maxsize, queue and unfinished_tasks (kept in the core).
    # mutex is a _thread.lock; not_empty, not_full and all_tasks_done are conditions over it
    # whose waiters are the native ones.

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex, self.not_empty, self.not_full, self.all_tasks_done = self._sync_objects()
        self.unfinished_tasks = 0
        cls = type(self)
        self._use_storage(_storage_of(cls), _shadows_core_attributes(cls))

    # The storage; subclasses override these four. They are called with mutex held.

    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()

    __class_getitem__ = classmethod(_class_getitem)


class PriorityQueue(Queue):
    """Variant of Queue that retrieves open entries in priority order (lowest first).

    Entries are typically tuples of the form:  (priority number, data).
    """

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        _heappush(self.queue, item)

    def _get(self):
        return _heappop(self.queue)


class LifoQueue(Queue):
    """Variant of Queue that retrieves most recently added entries first."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


def _hooks(cls):
    return (cls._init, cls._qsize, cls._put, cls._get)


_NATIVE_STORAGE = ((_hooks(Queue), 'fifo'), (_hooks(LifoQueue), 'lifo'), (_hooks(PriorityQueue), 'heap'))


def _shadows_core_attributes(cls):
    """Does `cls` define maxsize, queue or unfinished_tasks as class attributes of its own (so the
    instance keeps them in its __dict__, not in the native core)?"""
    return any(getattr(cls, name, None) is not getattr(Queue, name) for name in _CORE_ATTRIBUTES)


_CORE_ATTRIBUTES = ('maxsize', 'queue', 'unfinished_tasks')


def _storage_of(cls):
    """Which class's storage hooks `cls` has unchanged (None if it overrides any)."""
    hooks = _hooks(cls)
    for known, kind in _NATIVE_STORAGE:
        if hooks == known:
            return kind
    return None
