# Truncated and corrupted pickles raise CPython's exceptions (EOFError "Ran out of input",
# UnpicklingError "pickle data was truncated", ...) and never crash the interpreter.
import pickle


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def outcome(data, with_message=True):
    try:
        value = pickle.loads(data)
    except Exception as e:
        name = type(e).__name__
        return name + (": " + str(e) if with_message else "")
    return "ok " + type(value).__name__


samples = [
    pickle.dumps(None, 2),
    pickle.dumps([1, "two", b"three", (4.0, None)], 2),
    pickle.dumps({"k": [1, 2], "s": {1, 2}}, 3),
    pickle.dumps({"nested": [(1, 2), frozenset({3})], "big": 2 ** 80}, 4),
    pickle.dumps(["xy", "é" * 3, -5], 5),
    pickle.dumps(Point(1, [2]), 4),
    pickle.dumps(Point(1, 2), 2),
    b"(lp0\nI1\naS'abc'\np1\na(dp2\nVk\np3\nF1.5\nsa.",
]

for i, data in enumerate(samples):
    for cut in range(len(data)):
        print(i, "cut", cut, outcome(data[:cut]))

# Sample 1 is left out here: its corruptions reach codec-name lookups, not pickle.
for i, data in enumerate(samples):
    if i == 1:
        continue
    for pos in range(len(data)):
        for byte in (0x00, 0x28, 0x2E, 0x61, 0x7F, 0xFF):
            broken = data[:pos] + bytes([byte]) + data[pos + 1:]
            print(i, "byte", pos, byte, outcome(broken, with_message=False))

bad = [b"", b".", b"(.", b"0", b"1", b"2", b"a.", b"s.", b"u.", b"e.", b"t.", b"b.", b"R.", b"\x81.",
       b"h\x05.", b"j\x05\x00\x00\x00.", b"g5\n.", b"\x80\x06N.", b"\x80\xffN.", b"\x94.", b"p0\n.",
       b"N\x85\x85.", b"(\x86.", b"\x8a\xff.", b"\x8b\xff\xff\xff\xff.", b"T\xff\xff\xff\xff.",
       b"S'unterminated\n.", b"Sabc\n.", b"S'a\\x4'\n.", b"I\n.", b"Ixyz\n.", b"L12x\n.", b"Fnope\n.",
       b"(I1\nI2\nd.", b"}(K\x01u.", b"\x93.", b"K\x01K\x02\x93.", b"cbuiltins\nnope\n.", b"cno_such_module\nx\n.",
       b"\x8c\x08builtins\x8c\x03int\x93)\x81.", b"K\x01)\x81.", b"\x97.", b"P1\n.", b"N\x98.",
       b"X\x02\x00\x00\x00\xff\xfe.", b"\x95\xff\xff\xff\xff\xff\xff\xff\x7f", b"\x8d\xff\xff\xff\xff\xff\xff\xff\x7f",
       b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N.", b"\x8f(\x90.", b"]K\x01\x90.", b"}N\x91.",
       b"(K\x01K\x02\x91.", b"\x82\x01.", b"Vab\\u12\n.", b"cbuiltins\nint\n)R.", b"cbuiltins\nint\nK\x01R.",
       b"N]\x85b.", b"}}b.", b"\x8c\x01a\x8c\x01b\x93.", b"N\x94h\x00h\x01."]
for data in bad:
    print(data, outcome(data))
