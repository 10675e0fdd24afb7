# What cannot be pickled raises CPython's exceptions and messages; so do bad reductions.
import pickle


def hide_address(msg):
    # "<function <lambda> at 0x7f...>" -> "<function <lambda> at ADDR>"
    out = []
    for part in msg.split(" at 0x"):
        if out:
            end = part.find(">")
            part = "ADDR" + part[end:]
        out.append(part)
    return " at ".join(out) if len(out) > 1 else msg


def attempt(label, value, protocol=4):
    try:
        data = pickle.dumps(value, protocol)
    except Exception as e:
        print(label, protocol, type(e).__name__, hide_address(str(e)))
    else:
        print(label, protocol, "pickled", len(data) > 0)


def make_local():
    class Local:
        pass

    def local_function():
        pass

    return Local, local_function


Local, local_function = make_local()


def gen():
    yield 1


class BadReduce:
    def __init__(self, result):
        self.result = result

    def __reduce__(self):
        return self.result


class WrongNewobj:
    def __reduce__(self):
        import copyreg
        return (copyreg.__newobj__, (int,))


for protocol in (0, 1, 2, 3, 4, 5):
    attempt("lambda", lambda: 1, protocol)
    attempt("local class", Local, protocol)
    attempt("local function", local_function, protocol)
    attempt("local instance", Local(), protocol)
    attempt("generator", gen(), protocol)
    attempt("module", pickle, protocol)
    attempt("list with lambda", [1, lambda: 2], protocol)

attempt("reduce not tuple", BadReduce(42))
attempt("reduce empty tuple", BadReduce(()))
attempt("reduce 7 items", BadReduce((1, 2, 3, 4, 5, 6, 7)))
attempt("reduce not callable", BadReduce((1, ())))
attempt("reduce args not tuple", BadReduce((list, [1])))
attempt("reduce listitems not iterator", BadReduce((list, (), None, [1])))
attempt("reduce dictitems not iterator", BadReduce((dict, (), None, None, {1: 2})))
attempt("reduce string global", BadReduce("BadReduce"))
attempt("reduce unknown global", BadReduce("no_such_name"))
attempt("newobj wrong class", WrongNewobj())
attempt("protocol 6", 1, 6)

for protocol in (-1, None, 5, 4, 1, 0):
    print(protocol, pickle.loads(pickle.dumps([1, 2], protocol)))

deep = []
for _ in range(3000):
    deep = [deep]
try:
    pickle.dumps(deep)
except RecursionError as e:
    print("RecursionError", e)

try:
    pickle.loads("not bytes")
except TypeError as e:
    print("TypeError", e)

print(issubclass(pickle.PicklingError, pickle.PickleError), issubclass(pickle.UnpicklingError, pickle.PickleError),
      issubclass(pickle.PickleError, Exception), pickle.PicklingError.__module__)
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
