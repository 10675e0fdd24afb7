# multiprocessing.sharedctypes: Value and Array in shared memory, with an optional lock.
import _multiprocessing as _mp
from multiprocessing import synchronize

_CTYPE_NAMES = {"c": "c_char", "b": "c_byte", "B": "c_ubyte", "h": "c_short", "H": "c_ushort",
                "i": "c_int", "I": "c_uint", "l": "c_long", "L": "c_ulong", "q": "c_longlong",
                "Q": "c_ulonglong", "f": "c_float", "d": "c_double", "?": "c_bool"}


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str) and typecode_or_type in _CTYPE_NAMES:
        return typecode_or_type
    raise TypeError("unsupported type code %r" % (typecode_or_type,))


class RawValueObject:
    def __init__(self, typecode, array):
        self._typecode = typecode
        self._array = array

    @property
    def value(self):
        return self._array[0]

    @value.setter
    def value(self, v):
        self._array[0] = v

    def __getstate__(self):
        from multiprocessing import spawn
        return (self._typecode, spawn.register_fd(self._array.fileno()))

    def __setstate__(self, state):
        self._typecode, fd = state
        self._array = _mp.attach_array(self._typecode, fd, 1)

    def __repr__(self):
        return "%s(%r)" % (_CTYPE_NAMES[self._typecode], self.value)


class RawArrayObject:
    def __init__(self, typecode, array):
        self._typecode = typecode
        self._array = array

    def __len__(self):
        return len(self._array)

    def _indices(self, key):
        return range(len(self._array))[key]

    def __getitem__(self, key):
        if isinstance(key, slice):
            items = [self._array[i] for i in self._indices(key)]
            if self._typecode == "c":
                return b"".join(items)
            return items
        return self._array[key]

    def __setitem__(self, key, value):
        if isinstance(key, slice):
            indices = self._indices(key)
            if self._typecode == "c" and isinstance(value, (bytes, bytearray)):
                value = [value[i:i + 1] for i in range(len(value))]
            values = list(value)
            if len(values) != len(indices):
                raise ValueError("Can only assign sequence of same size")
            for i, v in zip(indices, values):
                self._array[i] = v
        else:
            self._array[key] = value

    def __iter__(self):
        for i in range(len(self._array)):
            yield self._array[i]

    @property
    def value(self):
        if self._typecode != "c":
            raise AttributeError("value")
        data = self[:]
        end = data.find(b"\0")
        return data if end < 0 else data[:end]

    @property
    def raw(self):
        return self[:]

    def __getstate__(self):
        from multiprocessing import spawn
        return (self._typecode, spawn.register_fd(self._array.fileno()), len(self._array))

    def __setstate__(self, state):
        self._typecode, fd, n = state
        self._array = _mp.attach_array(self._typecode, fd, n)

    def __repr__(self):
        return "<%s_Array_%d object>" % (_CTYPE_NAMES[self._typecode], len(self._array))


def RawValue(typecode_or_type, *args):
    typecode = _typecode(typecode_or_type)
    obj = RawValueObject(typecode, _mp.shared_array(typecode, 1))
    if args:
        obj.value = args[0]
    return obj


def RawArray(typecode_or_type, size_or_initializer):
    typecode = _typecode(typecode_or_type)
    if isinstance(size_or_initializer, int):
        return RawArrayObject(typecode, _mp.shared_array(typecode, size_or_initializer))
    init = list(size_or_initializer)
    obj = RawArrayObject(typecode, _mp.shared_array(typecode, len(init)))
    obj[:] = init
    return obj


def _make_lock(lock):
    if lock is True or lock is None:
        return synchronize.RLock()
    if lock is False:
        return None
    if not hasattr(lock, "acquire"):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


class SynchronizedBase:
    def __init__(self, obj, lock):
        self._obj = obj
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __getstate__(self):
        return (self._obj, self._lock)

    def __setstate__(self, state):
        self.__init__(*state)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return "<%s wrapper for %s>" % (type(self).__name__, self._obj)


class Synchronized(SynchronizedBase):
    @property
    def value(self):
        with self._lock:
            return self._obj.value

    @value.setter
    def value(self, v):
        with self._lock:
            self._obj.value = v


class SynchronizedArray(SynchronizedBase):
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self._lock:
            self._obj[i] = value

    def __iter__(self):
        return iter(self[:])


class SynchronizedString(SynchronizedArray):
    @property
    def value(self):
        with self._lock:
            return self._obj.value

    @property
    def raw(self):
        with self._lock:
            return self._obj.raw


def Value(typecode_or_type, *args, lock=True):
    obj = RawValue(typecode_or_type, *args)
    lock = _make_lock(lock)
    if lock is None:
        return obj
    return Synchronized(obj, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    obj = RawArray(typecode_or_type, size_or_initializer)
    lock = _make_lock(lock)
    if lock is None:
        return obj
    if obj._typecode == "c":
        return SynchronizedString(obj, lock)
    return SynchronizedArray(obj, lock)
