# multiprocessing.connection: Connection objects over pipes and sockets, Pipe(), wait().
import pickle
import _multiprocessing as _mp

BUFSIZE = 8192


def _check_size(size):
    if size < 0:
        raise ValueError("size is negative")


class Connection:
    def __init__(self, handle, readable=True, writable=True):
        if handle.__index__() < 0:
            raise ValueError("invalid handle")
        if not readable and not writable:
            raise ValueError("at least one of `readable` and `writable` must be True")
        self._handle = handle.__index__()
        self._readable = readable
        self._writable = writable

    def _check_closed(self):
        if self._handle is None:
            raise OSError("handle is closed")

    def _check_readable(self):
        if not self._readable:
            raise OSError("connection is write-only")

    def _check_writable(self):
        if not self._writable:
            raise OSError("connection is read-only")

    @property
    def closed(self):
        return self._handle is None

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def fileno(self):
        self._check_closed()
        return self._handle

    def close(self):
        if self._handle is not None:
            handle, self._handle = self._handle, None
            _mp.close(handle)

    def __del__(self):
        # As CPython's: a Connection that is dropped closes its fd.
        if getattr(self, "_handle", None) is not None:
            handle, self._handle = self._handle, None
            try:
                _mp.close(handle)
            except OSError:
                pass

    def send_bytes(self, buf, offset=0, size=None):
        if self._handle is None or not self._writable:
            self._check_closed()
            self._check_writable()
        if offset == 0 and size is None and type(buf) is bytes:
            _mp.send_bytes(self._handle, buf)
            return
        data = bytes(buf)
        n = len(data)
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > n:
            raise ValueError("buffer length < offset + size")
        _mp.send_bytes(self._handle, data[offset:offset + size])

    def send(self, obj):
        if self._handle is None or not self._writable:
            self._check_closed()
            self._check_writable()
        _mp.send_bytes(self._handle, pickle.dumps(obj))

    def recv_bytes(self, maxlength=None):
        if self._handle is None or not self._readable:
            self._check_closed()
            self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        try:
            return _mp.recv_bytes(self._handle, maxlength)
        except OSError as e:
            if not str(e).startswith("bad message length"):
                raise
        # As CPython: the rest of the message is unread, so this end can no longer read.
        if self._writable:
            self._readable = False
        else:
            self.close()
        raise OSError("bad message length")

    def recv_bytes_into(self, buf, offset=0):
        data = self.recv_bytes()
        if offset < 0 or offset > len(buf):
            raise ValueError("offset out of bounds")
        if len(data) > len(buf) - offset:
            raise BufferTooShort(data)
        buf[offset:offset + len(data)] = data
        return len(data)

    def recv(self):
        if self._handle is None or not self._readable:
            self._check_closed()
            self._check_readable()
        return pickle.loads(_mp.recv_bytes(self._handle))

    def poll(self, timeout=0.0):
        if self._handle is None or not self._readable:
            self._check_closed()
            self._check_readable()
        return _mp.poll(self._handle, timeout)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()

    def __reduce__(self):
        from multiprocessing import spawn
        self._check_closed()
        return rebuild_connection, (spawn.register_fd(self._handle), self._readable, self._writable)

    def __repr__(self):
        return "<multiprocessing.connection.Connection handle=%s>" % self._handle


def rebuild_connection(handle, readable, writable):
    return Connection(handle, readable, writable)


class BufferTooShort(Exception):
    pass


def Pipe(duplex=True):
    if duplex:
        a, b = _mp.socketpair()
        return Connection(a), Connection(b)
    r, w = _mp.pipe()
    return Connection(r, writable=False), Connection(w, readable=False)


def wait(object_list, timeout=None):
    # The objects of object_list (Connections, or sentinel fds of processes) that are ready:
    # data or EOF to read, or the process has ended.
    by_fd = {}
    for obj in object_list:
        by_fd[obj if isinstance(obj, int) else obj.fileno()] = obj
    return [by_fd[fd] for fd in _mp.wait_fds(list(by_fd), timeout)]


# --- Listener and Client, with the authkey handshake ---

CHALLENGE = b"#CHALLENGE#"
WELCOME = b"#WELCOME#"
FAILURE = b"#FAILURE#"
MESSAGE_LENGTH = 40

# The handshake of CPython 3.12+: the challenge names its digest, b"{sha256}" + random bytes,
# and the answer is b"{name}" + HMAC(authkey, whole challenge). A CPython 3.11 peer sends 20
# unprefixed bytes and answers with a bare 16-byte HMAC-MD5: both are understood, so gilpy and
# CPython 3.11 or later can serve each other.
_LEGACY_LENGTHS = (20, 16)
_DIGESTS = (b"md5", b"sha256", b"sha384", b"sha512")


def _authentication_error(message):
    from multiprocessing import AuthenticationError
    return AuthenticationError(message)


def _digest_and_payload(message):
    if len(message) in _LEGACY_LENGTHS:
        return "", message
    if message.startswith(b"{"):
        end = message.find(b"}", 1, 12)
        if end > 0 and message[1:end] in _DIGESTS:
            return message[1:end].decode("ascii"), message[end + 1:]
    raise _authentication_error("unsupported message length, missing digest prefix, "
                                "or unsupported digest: message=%r" % (message,))


def _response(authkey, message):
    name = _digest_and_payload(message)[0]
    if not name:
        return _mp.hmac_digest("md5", authkey, message)
    return b"{" + name.encode("ascii") + b"}" + _mp.hmac_digest(name, authkey, message)


def _verify(authkey, message, response):
    name, mac = _digest_and_payload(response)
    expected = _mp.hmac_digest(name or "md5", authkey, message)
    if len(expected) != len(mac):
        raise _authentication_error("expected %r of length %d got %d" % (name or "md5", len(expected), len(mac)))
    # Compare all bytes whatever the first difference, so timing tells nothing.
    if sum(a ^ b for a, b in zip(expected, mac)) != 0:
        raise _authentication_error("digest received was wrong")


def deliver_challenge(connection, authkey, digest_name="sha256"):
    if not isinstance(authkey, bytes):
        raise ValueError("Authkey must be bytes, not {0!s}".format(type(authkey)))
    message = b"{" + digest_name.encode("ascii") + b"}" + _mp.random_bytes(MESSAGE_LENGTH)
    connection.send_bytes(CHALLENGE + message)
    response = connection.recv_bytes(256)
    try:
        _verify(authkey, message, response)
    except Exception:
        connection.send_bytes(FAILURE)
        raise
    connection.send_bytes(WELCOME)


def answer_challenge(connection, authkey):
    if not isinstance(authkey, bytes):
        raise ValueError("Authkey must be bytes, not {0!s}".format(type(authkey)))
    message = connection.recv_bytes(256)
    if not message.startswith(CHALLENGE):
        raise _authentication_error("Protocol error, expected challenge: message=%r" % (message,))
    message = message[len(CHALLENGE):]
    if len(message) < 20:
        raise _authentication_error("challenge too short: %d bytes" % len(message))
    connection.send_bytes(_response(authkey, message))
    response = connection.recv_bytes(256)
    if response != WELCOME:
        raise _authentication_error("digest sent was rejected")


def address_type(address):
    if type(address) == tuple:
        return "AF_INET"
    elif type(address) is str:
        return "AF_UNIX"
    raise ValueError("address type of %r unrecognized" % (address,))


def arbitrary_address(family):
    if family == "AF_INET":
        return ("localhost", 0)
    import os
    from multiprocessing import util
    return os.path.join(util.get_temp_dir(), "listener-%s" % _mp.random_bytes(8).hex())


class Listener:
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        family = family or (address and address_type(address)) or "AF_UNIX"
        address = address or arbitrary_address(family)
        if family == "AF_INET":
            fd, host, port = _mp.tcp_listen(address[0], address[1])
            self._address = (host, port)
        else:
            fd = _mp.unix_listen(address)
            self._address = address
        self._fd = fd
        self._family = family
        if authkey is not None and not isinstance(authkey, bytes):
            raise TypeError("authkey should be a byte string")
        self._authkey = authkey

    def accept(self):
        if self._fd is None:
            raise OSError("listener is closed")
        c = Connection(_mp.accept(self._fd))
        if self._authkey is not None:
            deliver_challenge(c, self._authkey)
            answer_challenge(c, self._authkey)
        return c

    def close(self):
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _mp.close(fd)
            if self._family == "AF_UNIX":
                import os
                try:
                    os.remove(self._address)
                except OSError:
                    pass

    def __del__(self):
        # A dropped Listener closes its socket (and removes its file), as CPython's finalizer does.
        if getattr(self, "_fd", None) is not None:
            try:
                self.close()
            except OSError:
                pass

    @property
    def address(self):
        return self._address

    @property
    def last_accepted(self):
        return None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Client(address, family=None, authkey=None):
    family = family or address_type(address)
    if family == "AF_INET":
        c = Connection(_mp.tcp_connect(address[0], address[1]))
    else:
        c = Connection(_mp.unix_connect(address))
    if authkey is not None and not isinstance(authkey, bytes):
        raise TypeError("authkey should be a byte string")
    if authkey is not None:
        answer_challenge(c, authkey)
        deliver_challenge(c, authkey)
    return c
