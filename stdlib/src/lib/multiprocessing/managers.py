# multiprocessing.managers: a server process that owns objects, and proxies that call them.
#
# The server listens on a TCP or Unix socket; every connection is authenticated with the
# manager's authkey (HMAC challenge both ways) and served by its own thread. A proxy sends
# (object id, method name, args, kwds) and gets back ('#RETURN', value), ('#ERROR', exception)
# or ('#PROXY', (exposed, token)) for methods that return managed objects.
import os
import sys
import threading
import queue as _queue
from multiprocessing import connection, process
from multiprocessing.process import current_process

INITIAL, STARTED, SHUTDOWN = 0, 1, 2


class RemoteError(Exception):
    def __str__(self):
        return "\n" + "-" * 75 + "\n" + str(self.args[0]) + "-" * 75


class Token:
    __slots__ = ("typeid", "address", "id")

    def __init__(self, typeid, address, id):
        (self.typeid, self.address, self.id) = (typeid, address, id)

    def __getstate__(self):
        return (self.typeid, self.address, self.id)

    def __setstate__(self, state):
        (self.typeid, self.address, self.id) = state

    def __repr__(self):
        return "%s(typeid=%r, address=%r, id=%r)" % (type(self).__name__, self.typeid, self.address, self.id)


def dispatch(c, id, methodname, args=(), kwds={}):
    c.send((id, methodname, args, kwds))
    kind, result = c.recv()
    if kind == "#RETURN":
        return result
    raise convert_to_error(kind, result)


def convert_to_error(kind, result):
    if kind == "#ERROR":
        return result
    if kind in ("#TRACEBACK", "#UNSERIALIZABLE"):
        if not isinstance(result, str):
            raise TypeError("Result {0!r} (kind '{1}') type is {2}, not str".format(result, kind, type(result)))
        if kind == "#UNSERIALIZABLE":
            return RemoteError("Unserializable message: %s\n" % result)
        return RemoteError(result)
    return ValueError("Unrecognized message type {!r}".format(kind))


def public_methods(obj):
    return [name for name in dir(obj) if name[0] != "_" and callable(getattr(obj, name))]


_VIEW_TYPES = ("dict_keys", "dict_values", "dict_items")


class Server:
    public = ("shutdown", "create", "accept_connection", "get_methods", "number_of_objects", "dummy",
              "incref", "decref")

    def __init__(self, registry, address, authkey):
        if not isinstance(authkey, bytes):
            raise TypeError("Authkey {0!r} is type {1!s}, not bytes".format(authkey, type(authkey)))
        self.registry = registry
        self.authkey = authkey
        self.listener = connection.Listener(address=address, backlog=16)
        self.address = self.listener.address
        self.id_to_obj = {"0": (None, (), None)}
        self.id_to_refcount = {}
        self.id_to_local_proxy_obj = {}  # objects proxies inside the server refer to
        self.mutex = threading.Lock()
        self.stop_event = threading.Event()

    def serve_forever(self):
        _serving[0] = self
        accepter = threading.Thread(target=self.accepter, daemon=True)
        accepter.start()
        try:
            while not self.stop_event.is_set():
                self.stop_event.wait()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            # The listening fd stays open (the accepter may be blocked on it) until the process
            # ends; only the Unix socket's file must go now.
            if isinstance(self.address, str):
                try:
                    os.remove(self.address)
                    if getattr(self, "orphaned", False):
                        # The dead parent made the temp dir and can't remove it: if nothing
                        # else is left in it, do so here.
                        os.rmdir(os.path.dirname(self.address))
                except OSError:
                    pass
            sys.stdout.flush()
            sys.stderr.flush()
            sys.exit(0)

    def accepter(self):
        while True:
            try:
                c = self.listener.accept()
            except OSError:
                if self.listener._fd is None:
                    return
                continue
            threading.Thread(target=self.handle_request, args=(c,), daemon=True).start()

    def handle_request(self, c):
        try:
            connection.deliver_challenge(c, self.authkey)
            connection.answer_challenge(c, self.authkey)
            ignore, funcname, args, kwds = c.recv()
        except Exception:
            c.close()
            return
        if funcname not in self.public:
            msg = ("#TRACEBACK", "method %r of Server is not public\n" % funcname)
        elif funcname == "accept_connection":
            c.send(("#RETURN", None))
            self.serve_client(c)
            return
        else:
            try:
                msg = ("#RETURN", getattr(self, funcname)(c, *args, **kwds))
            except Exception as e:
                msg = ("#ERROR", e)
        try:
            c.send(msg)
        except Exception as e:
            c.send(("#UNSERIALIZABLE", repr(e)))
        c.close()

    def serve_client(self, conn):
        while not self.stop_event.is_set():
            try:
                ident, methodname, args, kwds = conn.recv()
            except (EOFError, OSError):
                conn.close()
                return
            msg = self.call(conn, ident, methodname, args, kwds)
            try:
                conn.send(msg)
            except Exception as e:
                conn.send(("#UNSERIALIZABLE", "%r: %s" % (msg, e)))

    def call(self, conn, ident, methodname, args, kwds):
        try:
            obj, exposed, gettypeid = self.id_to_obj[ident]
        except KeyError:
            return ("#TRACEBACK", "KeyError: no object with id %r\n" % (ident,))
        if methodname not in exposed and methodname not in ("__repr__", "__str__", "#GETVALUE"):
            return ("#ERROR", AttributeError("method %r of %r object is not in exposed=%r"
                                             % (methodname, type(obj), exposed)))
        try:
            if methodname == "#GETVALUE":
                res = obj
            else:
                res = getattr(obj, methodname)(*args, **kwds)
        except Exception as e:
            return ("#ERROR", e)
        typeid = gettypeid and gettypeid.get(methodname)
        if typeid:
            rident, rexposed = self.create(conn, typeid, res)
            return ("#PROXY", (rexposed, Token(typeid, self.address, rident)))
        if type(res).__name__ in _VIEW_TYPES:
            res = list(res)
        return ("#RETURN", res)

    def dummy(self, c):
        pass

    def number_of_objects(self, c):
        return len(self.id_to_refcount)

    def shutdown(self, c):
        self.stop_event.set()

    def create(self, c, typeid, *args, **kwds):
        with self.mutex:
            callable, exposed, method_to_typeid = self.registry[typeid]
            if callable is None:
                if kwds or len(args) != 1:
                    raise ValueError("Without callable, must have one non-keyword argument")
                obj = args[0]
            else:
                obj = callable(*args, **kwds)
            if exposed is None:
                exposed = public_methods(obj)
            if method_to_typeid is not None:
                exposed = list(exposed) + list(method_to_typeid)
            ident = "%x" % id(obj)
            self.id_to_obj[ident] = (obj, set(exposed), method_to_typeid)
            self.id_to_refcount[ident] = self.id_to_refcount.get(ident, 0) + 1
        return ident, tuple(exposed)

    def get_methods(self, c, token):
        return tuple(self.id_to_obj[token.id][1])

    def incref(self, c, ident):
        with self.mutex:
            if ident not in self.id_to_obj and ident in self.id_to_local_proxy_obj:
                # Only a proxy inside the server kept it: a new outside reference revives it.
                self.id_to_obj[ident] = self.id_to_local_proxy_obj[ident]
            if ident not in self.id_to_obj or ident == "0":
                raise KeyError("no object with id %r" % (ident,))
            self.id_to_refcount[ident] = self.id_to_refcount.get(ident, 0) + 1

    def decref(self, c, ident):
        # The last proxy is gone: the server lets go of the object.
        with self.mutex:
            if ident not in self.id_to_refcount:
                return
            self.id_to_refcount[ident] -= 1
            if self.id_to_refcount[ident] > 0:
                return
            del self.id_to_refcount[ident]
            obj = self.id_to_obj.pop(ident, None)
        del obj  # outside the lock: its __del__ may do anything


# The Server this process runs, if any: its own proxies count references without connecting.
_serving = [None]


def _run_server(registry, address, authkey, writer):
    server = Server(registry, address, authkey)
    writer.send(server.address)
    writer.close()
    threading.Thread(target=_stop_when_orphaned, args=(server,), daemon=True).start()
    server.serve_forever()


def _stop_when_orphaned(server):
    # A manager whose process was killed (it had no chance to shut the server down) must not
    # run for ever: the server stops once its parent is gone.
    import time
    parent = process.parent_process()
    while parent is not None and parent.is_alive() and not server.stop_event.is_set():
        time.sleep(0.5)
    if not server.stop_event.is_set():
        server.orphaned = True
    server.stop_event.set()


class BaseManager:
    _registry = {}

    def __init__(self, address=None, authkey=None, serializer="pickle", ctx=None, *, shutdown_timeout=1.0):
        if authkey is None:
            authkey = current_process().authkey
        self._address = address
        self._authkey = process.AuthenticationString(authkey)
        self._state = INITIAL
        self._process = None
        self._shutdown_timeout = shutdown_timeout
        self._ctx = ctx

    def get_server(self):
        # The server object, to run in this process: manager.get_server().serve_forever().
        if self._state != INITIAL:
            if self._state == STARTED:
                raise process_error("Already started server")
            raise process_error("Manager has shut down")
        return Server(self._server_registry(), self._address, bytes(self._authkey))

    def _server_registry(self):
        return {typeid: entry[:3] for typeid, entry in self._registry.items()}

    def start(self, initializer=None, initargs=()):
        if self._state != INITIAL:
            if self._state == STARTED:
                raise process_error("Already started server")
            raise process_error("Manager has shut down")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if self._address is None:
            # The server's socket goes in this process's temporary dir, which the server
            # inherits and this process removes at exit even if the server was killed.
            from multiprocessing import util
            util.get_temp_dir()
        reader, writer = connection.Pipe(duplex=False)
        Process = self._ctx.Process if self._ctx is not None else process.Process
        self._process = Process(target=_run_server,
                                args=(self._server_registry(), self._address, bytes(self._authkey), writer))
        ident = ":".join(str(i) for i in self._process._identity)
        self._process.name = type(self).__name__ + "-" + ident
        self._process.start()
        writer.close()
        self._address = reader.recv()
        reader.close()
        self._state = STARTED
        # Like CPython's finalizer: a manager still running when this process exits is shut down
        # then, so its server process does not outlive the program.
        from multiprocessing import util
        util.register_exit_hook(self.shutdown)

    def connect(self):
        conn = connection.Client(self._address, authkey=self._authkey)
        dispatch(conn, None, "dummy")
        conn.close()
        self._state = STARTED

    def _create(self, typeid, *args, **kwds):
        conn = connection.Client(self._address, authkey=self._authkey)
        try:
            id, exposed = dispatch(conn, None, "create", (typeid,) + args, kwds)
        finally:
            conn.close()
        return Token(typeid, self._address, id), exposed

    def _number_of_objects(self):
        # How many objects the server holds for proxies (for tests and debugging).
        conn = connection.Client(self._address, authkey=self._authkey)
        try:
            return dispatch(conn, None, "number_of_objects")
        finally:
            conn.close()

    def join(self, timeout=None):
        if self._process is not None:
            self._process.join(timeout)
            if not self._process.is_alive():
                self._process = None

    def shutdown(self):
        if self._state != STARTED:
            return
        if self._process is not None:
            try:
                conn = connection.Client(self._address, authkey=self._authkey)
                try:
                    dispatch(conn, None, "shutdown")
                finally:
                    conn.close()
            except Exception:
                pass
            self._process.join(timeout=self._shutdown_timeout)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=self._shutdown_timeout)
            self._process = None
            from multiprocessing import util
            util.unregister_exit_hook(self.shutdown)
        self._state = SHUTDOWN

    @property
    def address(self):
        return self._address

    def __enter__(self):
        if self._state == INITIAL:
            self.start()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()

    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None, method_to_typeid=None,
                 create_method=True):
        if "_registry" not in cls.__dict__:
            cls._registry = cls._registry.copy()
        if proxytype is None:
            proxytype = AutoProxy
        exposed = exposed or getattr(proxytype, "_exposed_", None)
        method_to_typeid = method_to_typeid or getattr(proxytype, "_method_to_typeid_", None)
        cls._registry[typeid] = (callable, exposed, method_to_typeid, proxytype)
        if create_method:
            def temp(self, *args, **kwds):
                token, exp = self._create(typeid, *args, **kwds)
                return proxytype(token, manager=self, authkey=self._authkey, exposed=exp, incref=False)
            temp.__name__ = typeid
            setattr(cls, typeid, temp)


def process_error(message):
    from multiprocessing import ProcessError
    return ProcessError(message)


class BaseProxy:
    _connections = {}

    def __init__(self, token, serializer="pickle", manager=None, authkey=None, exposed=None,
                 incref=True, manager_owned=False):
        self._token = token
        self._id = token.id
        self._manager = manager
        if authkey is None:
            authkey = manager._authkey if manager is not None else current_process().authkey
        self._authkey = process.AuthenticationString(authkey)
        self._exposed_ = exposed
        self._owned_by_manager = manager_owned
        if manager_owned:
            return
        if incref:
            _change_refcount("incref", token, self._authkey)
        _hold_ref(self)

    def __del__(self):
        if not getattr(self, "_owned_by_manager", True):
            _release_ref(self._ref_key)

    def _connection(self):
        # One connection per thread and server address, reused by every proxy.
        key = (threading.get_ident(), os.getpid(), self._token.address)
        conn = BaseProxy._connections.get(key)
        if conn is None:
            conn = connection.Client(self._token.address, authkey=self._authkey)
            dispatch(conn, None, "accept_connection", (threading.current_thread().name,))
            BaseProxy._connections[key] = conn
        return conn

    def _callmethod(self, methodname, args=(), kwds={}):
        conn = self._connection()
        conn.send((self._id, methodname, args, kwds))
        kind, result = conn.recv()
        if kind == "#RETURN":
            return result
        if kind == "#PROXY":
            exposed, token = result
            proxytype = AutoProxy
            if self._manager is not None:
                proxytype = self._manager._registry[token.typeid][-1]
            # The server counted this reference when it made the object: the proxy owns it.
            return proxytype(token, manager=self._manager, authkey=self._authkey, exposed=exposed, incref=False)
        raise convert_to_error(kind, result)

    def _getvalue(self):
        return self._callmethod("#GETVALUE")

    def __reduce__(self):
        # The reference the receiver's proxy will own is counted now, so the object survives
        # this proxy being dropped before the pickle is loaded.
        _change_refcount("incref", self._token, self._authkey)
        return (RebuildProxy, (type(self), self._token, self._exposed_))

    def __deepcopy__(self, memo):
        return self._getvalue()

    def __repr__(self):
        return "<%s object, typeid %r at %#x>" % (type(self).__name__, self._token.typeid, id(self))

    def __str__(self):
        try:
            return self._callmethod("__repr__")
        except Exception:
            return repr(self)[:-1] + "; '__str__()' failed>"


def RebuildProxy(proxytype, token, exposed):
    server = _serving[0]
    if server is not None and server.address == token.address:
        # A proxy to one of this server's objects, stored inside another (d["l"] = m.list()):
        # as in CPython the server keeps the object for it, outside reference counting.
        with server.mutex:
            if token.id in server.id_to_obj:
                server.id_to_local_proxy_obj.setdefault(token.id, server.id_to_obj[token.id])
        server.decref(None, token.id)  # the reference counted when it was pickled
        return proxytype(token, exposed=exposed, incref=False, manager_owned=True)
    return proxytype(token, exposed=exposed, incref=False)


# Reference counting, as CPython's proxies do: the server keeps an object while proxies to it
# exist anywhere. A reference is counted by the server when it creates the object for a proxy
# and when a proxy is pickled (for the proxy the pickle will make); each proxy gives its
# reference back when it is dropped, or when its process exits.
_live_refs = {}  # proxy._ref_key -> (token, authkey), for the references this process holds
_next_ref_key = [0]
_exit_hook_registered = [False]


_unreachable = set()  # addresses of servers a decref could not reach: skip them from then on


def _change_refcount(what, token, authkey):
    server = _serving[0]
    if server is not None and server.address == token.address:
        getattr(server, what)(None, token.id)
        return
    try:
        conn = connection.Client(token.address, authkey=authkey)
    except OSError:
        if what == "decref":
            _unreachable.add(token.address)
        raise
    try:
        dispatch(conn, None, what, (token.id,))
    finally:
        conn.close()


def _hold_ref(proxy):
    # A key of its own, not id(proxy): gilpy's id() of an object inside its __del__ differs.
    _next_ref_key[0] += 1
    proxy._ref_key = _next_ref_key[0]
    _live_refs[proxy._ref_key] = (proxy._token, proxy._authkey)
    if not _exit_hook_registered[0]:
        _exit_hook_registered[0] = True
        from multiprocessing import util
        util.register_exit_hook(_release_all_refs)


def _release_ref(key):
    held = _live_refs.pop(key, None)
    if held is None:
        return
    from multiprocessing import util
    if util._exiting[0]:
        return  # _release_all_refs has run (or runs now): nothing left to give back
    if held[0].address in _unreachable:
        return  # its server is gone, and the object with it
    try:
        _change_refcount("decref", *held)
    except Exception:
        pass  # the manager is gone: so is the object


def _release_all_refs():
    # At exit: one failed connection per server is enough (an unreachable host could take
    # minutes per attempt).
    while _live_refs:
        token, authkey = _live_refs.popitem()[1]
        if token.address in _unreachable:
            continue
        try:
            _change_refcount("decref", token, authkey)
        except Exception:
            pass


class AutoProxy(BaseProxy):
    # Any exposed method, looked up by name.
    def __getattr__(self, name):
        if name.startswith("_") or self._exposed_ is None or name not in self._exposed_:
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))

        def method(*args, **kwds):
            return self._callmethod(name, args, kwds)
        return method


class IteratorProxy(BaseProxy):
    _exposed_ = ("__next__", "send", "throw", "close")

    def __iter__(self):
        return self

    def __next__(self, *args):
        return self._callmethod("__next__", args)


class AcquirerProxy(BaseProxy):
    _exposed_ = ("acquire", "release", "locked")

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod("acquire", args)

    def release(self):
        return self._callmethod("release")

    def __enter__(self):
        return self._callmethod("acquire")

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod("release")


class ConditionProxy(AcquirerProxy):
    _exposed_ = ("acquire", "release", "wait", "notify", "notify_all")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))

    def notify(self, n=1):
        return self._callmethod("notify", (n,))

    def notify_all(self):
        return self._callmethod("notify_all")


class EventProxy(BaseProxy):
    _exposed_ = ("is_set", "set", "clear", "wait")

    def is_set(self):
        return self._callmethod("is_set")

    def set(self):
        return self._callmethod("set")

    def clear(self):
        return self._callmethod("clear")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))


class BarrierProxy(BaseProxy):
    _exposed_ = ("__getattribute__", "wait", "abort", "reset")

    def wait(self, timeout=None):
        return self._callmethod("wait", (timeout,))

    def abort(self):
        return self._callmethod("abort")

    def reset(self):
        return self._callmethod("reset")

    @property
    def parties(self):
        return self._callmethod("__getattribute__", ("parties",))

    @property
    def n_waiting(self):
        return self._callmethod("__getattribute__", ("n_waiting",))

    @property
    def broken(self):
        return self._callmethod("__getattribute__", ("broken",))


class Namespace:
    def __init__(self, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = list(self.__dict__.items())
        temp = []
        for name, value in items:
            if not name.startswith("_"):
                temp.append("%s=%r" % (name, value))
        temp.sort()
        return "%s(%s)" % (type(self).__name__, ", ".join(temp))


class NamespaceProxy(BaseProxy):
    _exposed_ = ("__getattribute__", "__setattr__", "__delattr__")

    def __getattr__(self, key):
        if key[0] == "_":
            return object.__getattribute__(self, key)
        return self._callmethod("__getattribute__", (key,))

    def __setattr__(self, key, value):
        if key[0] == "_":
            return object.__setattr__(self, key, value)
        return self._callmethod("__setattr__", (key, value))

    def __delattr__(self, key):
        if key[0] == "_":
            return object.__delattr__(self, key)
        return self._callmethod("__delattr__", (key,))


class ValueProxy(BaseProxy):
    _exposed_ = ("get", "set")

    def get(self):
        return self._callmethod("get")

    def set(self, value):
        return self._callmethod("set", (value,))

    value = property(get, set)


class Value:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._typecode, self._value)

    value = property(get, set)


def Array(typecode, sequence, lock=True):
    return list(sequence)


def _forward(name):
    def method(self, *args, **kwds):
        return self._callmethod(name, args, kwds)
    method.__name__ = name
    return method


class ListProxy(BaseProxy):
    _exposed_ = ("__add__", "__contains__", "__delitem__", "__getitem__", "__len__", "__mul__",
                 "__reversed__", "__rmul__", "__setitem__", "append", "count", "extend", "index",
                 "insert", "pop", "remove", "reverse", "sort", "__imul__", "__iadd__")
    __add__ = _forward("__add__")
    __contains__ = _forward("__contains__")
    __delitem__ = _forward("__delitem__")
    __getitem__ = _forward("__getitem__")
    __len__ = _forward("__len__")
    __mul__ = _forward("__mul__")
    __rmul__ = _forward("__rmul__")
    __setitem__ = _forward("__setitem__")
    append = _forward("append")
    count = _forward("count")
    extend = _forward("extend")
    index = _forward("index")
    insert = _forward("insert")
    pop = _forward("pop")
    remove = _forward("remove")
    reverse = _forward("reverse")
    sort = _forward("sort")

    def __iter__(self):
        return iter(self._callmethod("#GETVALUE"))

    def __iadd__(self, value):
        self._callmethod("extend", (value,))
        return self

    def __imul__(self, value):
        self._callmethod("__imul__", (value,))
        return self


class DictProxy(BaseProxy):
    _exposed_ = ("__contains__", "__delitem__", "__getitem__", "__iter__", "__len__", "__setitem__",
                 "clear", "copy", "get", "items", "keys", "pop", "popitem", "setdefault", "update",
                 "values")
    __contains__ = _forward("__contains__")
    __delitem__ = _forward("__delitem__")
    __getitem__ = _forward("__getitem__")
    __len__ = _forward("__len__")
    __setitem__ = _forward("__setitem__")
    clear = _forward("clear")
    copy = _forward("copy")
    get = _forward("get")
    items = _forward("items")
    keys = _forward("keys")
    pop = _forward("pop")
    popitem = _forward("popitem")
    setdefault = _forward("setdefault")
    update = _forward("update")
    values = _forward("values")

    def __iter__(self):
        return iter(self._callmethod("keys"))


class SyncManager(BaseManager):
    pass


# The server gets the registry pickled, callables by reference: module-level functions here,
# because some threading factories are native functions that cannot be found by name.
def _Lock():
    return threading.Lock()


def _RLock():
    return threading.RLock()


def _Semaphore(value=1):
    return threading.Semaphore(value)


def _BoundedSemaphore(value=1):
    return threading.BoundedSemaphore(value)


def _Condition(lock=None):
    return threading.Condition(lock)


def _Event():
    return threading.Event()


def _Barrier(parties, action=None, timeout=None):
    return threading.Barrier(parties, action, timeout)


def _Queue(maxsize=0):
    return _queue.Queue(maxsize)


SyncManager.register("Queue", _Queue)
SyncManager.register("JoinableQueue", _Queue)
SyncManager.register("Event", _Event, EventProxy)
SyncManager.register("Lock", _Lock, AcquirerProxy)
SyncManager.register("RLock", _RLock, AcquirerProxy)
SyncManager.register("Semaphore", _Semaphore, AcquirerProxy)
SyncManager.register("BoundedSemaphore", _BoundedSemaphore, AcquirerProxy)
SyncManager.register("Condition", _Condition, ConditionProxy)
SyncManager.register("Barrier", _Barrier, BarrierProxy)
SyncManager.register("list", list, ListProxy)
SyncManager.register("dict", dict, DictProxy)
SyncManager.register("Value", Value, ValueProxy)
SyncManager.register("Array", Array, ListProxy)
SyncManager.register("Namespace", Namespace, NamespaceProxy)
