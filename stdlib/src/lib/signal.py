# signal: signal numbers (as the Signals int enum, like CPython's) and the SIG_DFL / SIG_IGN
# dispositions, on the native _signal. Python-level handlers are not supported yet.
import _signal

NSIG = _signal.NSIG
strsignal = _signal.strsignal


class _IntEnumLike(int):
    # What CPython's IntEnum members show: <Signals.SIGKILL: 9> as repr, the number as str.
    _members = {}

    def __new__(cls, value):
        try:
            return cls._members[value]
        except (KeyError, TypeError):
            raise ValueError("%r is not a valid %s" % (value, cls.__name__)) from None

    @classmethod
    def _add(cls, name, value):
        member = int.__new__(cls, value)
        member._name_ = name
        cls._members.setdefault(value, member)
        return member

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return int(self)

    def __repr__(self):
        return "<%s.%s: %d>" % (type(self).__name__, self._name_, int(self))

    def __str__(self):
        return int.__repr__(self)

    __format__ = int.__format__

    def __reduce__(self):
        return type(self), (int(self),)


class Signals(_IntEnumLike):
    _members = {}


class Handlers(_IntEnumLike):
    _members = {}


SIG_DFL = Handlers._add("SIG_DFL", 0)
SIG_IGN = Handlers._add("SIG_IGN", 1)

for _name, _number in zip(_signal.names, _signal.numbers):
    globals()[_name] = Signals._add(_name, _number)
SIGIOT = SIGABRT
SIGCLD = SIGCHLD
SIGPOLL = SIGIO
del _name, _number


def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt


def getsignal(signalnum):
    kind = _signal.get_disposition(signalnum)
    if kind == 0:
        return SIG_DFL
    if kind == 1:
        return SIG_IGN
    return default_int_handler if signalnum == SIGINT else None


def signal(signalnum, handler):
    if handler is SIG_IGN or handler is SIG_DFL or (type(handler) is int and handler in (0, 1)):
        previous = _signal.set_disposition(signalnum, handler == 1)
    elif callable(handler):
        raise NotImplementedError("gilpy cannot run Python signal handlers yet")
    else:
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    if previous == 0:
        return SIG_DFL
    if previous == 1:
        return SIG_IGN
    return default_int_handler if signalnum == SIGINT else None
