# Exception objects: args, attributes, chaining, notes, OSError, StopIteration values.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

# args, str and repr
for e in [ValueError(), ValueError("x"), ValueError("x", 2), KeyError("k"), KeyError(), KeyError(1, 2),
          IndexError(3), Exception(None), RuntimeError([1, 2])]:
    print(type(e).__name__, e.args, repr(str(e)), repr(e))
t("kwargs", lambda: ValueError(x=1))
e = ValueError("a")
e.args = ("b", "c")
print(e, e.args)

# StopIteration.value and generator return values
print(StopIteration().value, StopIteration(5).value, StopIteration(1, 2).value)
def gen():
    yield 1
    return "done"
g = gen()
next(g)
try:
    next(g)
except StopIteration as stop:
    print("stop", stop.value, stop.args)

def gen_none():
    yield 1
g = gen_none()
next(g)
try:
    next(g)
except StopIteration as stop:
    print("stop none", stop.value, stop.args)

def delegate():
    result = yield from gen()
    print("yield from got", result)
    return result * 2
print(list(delegate()))
d = delegate()
next(d)
try:
    d.send(None)
except StopIteration as stop:
    print("outer", stop.value)

class CountDown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return self.n

def wrap():
    r = yield from CountDown(2)
    yield r
print(list(wrap()))

# SystemExit.code
print(SystemExit().code, SystemExit(3).code, SystemExit("bye").code, SystemExit(1, 2).code)

# OSError family
e = OSError(2, "No such file or directory", "missing.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, e.args, str(e))
e = OSError(13, "Permission denied")
print(e.errno, e.strerror, e.filename, str(e))
e = OSError("plain message")
print(e.errno, e.strerror, e.args, str(e))
print(str(OSError()), OSError(1, 2, 3, 4, 5).args)
e = FileNotFoundError(2, "No such file or directory", "x")
print(isinstance(e, OSError), e.errno, str(e))
try:
    open("/nonexistent/dir/file.txt")
except FileNotFoundError as err:
    print("caught", type(err).__name__, err.errno, err.filename, err)
except OSError as err:
    print("caught OSError", err)

class MyOSError(OSError):
    def __init__(self, path):
        super().__init__(2, "custom", path)
        self.extra = True
m = MyOSError("p")
print(m.errno, m.strerror, m.filename, m.extra, str(m))

# user exceptions and super().__init__
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(f"[{code}] {msg}")
        self.code = code
a = AppError(7, "boom")
print(a, a.args, a.code, repr(a))

class NoSuper(Exception):
    def __init__(self, x):
        self.x = x
n = NoSuper(4)
print(n.args, str(n), n.x)

class WithStr(Exception):
    def __str__(self):
        return "custom str"
print(str(WithStr(1)), repr(WithStr(1)))

# chaining: __cause__, __context__, __suppress_context__
def chain():
    try:
        {}["k"]
    except KeyError as inner:
        raise ValueError("outer") from inner
try:
    chain()
except ValueError as e:
    print(type(e.__cause__).__name__, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during")
try:
    implicit()
except TypeError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

def from_none():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("clean") from None
try:
    from_none()
except RuntimeError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

t("raise from non-exception", lambda: exec("raise ValueError from 1"))
t("raise non-exception", lambda: exec("raise 1"))
t("raise class from class", lambda: exec("raise ValueError from KeyError"))

def reraise():
    try:
        raise ValueError("first")
    except ValueError:
        raise
t("bare reraise", reraise)
t("no active", lambda: exec("raise"))

# add_note
e = ValueError("noted")
e.add_note("note one")
e.add_note("note two")
print(e.__notes__)
t("bad note", lambda: e.add_note(1))

# with_traceback returns the exception
e = KeyError("w")
print(e.with_traceback(None) is e)

# exception matching
def matcher(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup:" + type(e).__name__
    except ArithmeticError:
        return "arith"
    except Exception as e:
        return "other:" + type(e).__name__
print(matcher(KeyError), matcher(IndexError()), matcher(ZeroDivisionError), matcher(OverflowError), matcher(TypeError))
t("except non-class", lambda: exec("try:\n    1/0\nexcept 1:\n    pass"))

# the except variable is deleted after the handler
def scoped():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return err
t("except var deleted", scoped)

# exception hierarchy
print(issubclass(FileNotFoundError, OSError), issubclass(KeyError, LookupError), issubclass(RecursionError, RuntimeError),
      issubclass(ModuleNotFoundError, ImportError), issubclass(UnboundLocalError, NameError), issubclass(BrokenPipeError, ConnectionError),
      issubclass(StopIteration, Exception), issubclass(KeyboardInterrupt, Exception), issubclass(GeneratorExit, BaseException))
print(IOError is OSError, EnvironmentError is OSError)
