import json
for s in ["\"\\x\"", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "\"abc", "\"a\x01\"", "\"\\u12\"", "\"\\u12zz\"", "-", "01", "1.", "1e", "[1 2]", "", "  ", "\n\n  x", "nul", "[", "{", "{\"a\":", "\"\\ud83d\\ude00\"", "1.5e+", "-Infinity", "[NaN]", "\ufeff1","{\"a\"","[1,2","tru", "é [1,", "[\"é\", x]", "123456789012345678901234567890", "-0", "-0.0", "1E5", "1e-3", "  [ 1 , { \"a\" : null } ]  ", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "{\"a\":1,\"a\":2}", "3 4", "\"tab\there\"", "[1,2]garbage"]:
    try:
        print(repr(s), repr(json.loads(s)))
    except ValueError as e:
        print(repr(s), type(e).__name__, e, e.pos, e.lineno, e.colno, repr(e.msg), e.doc == s)
print(json.loads("\"tab\there\"", strict=False))
print(json.loads(b'{"b": [1]}'), json.loads(bytearray(b'[2]')), json.loads(b'\xff\xfe{\x00}\x00'), json.loads(b'[\x00\x00\x003\x00\x00\x00]\x00\x00\x00'))
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e: print(e)
for bad in [5, None, [1]]:
    try:
        json.loads(bad)
    except TypeError as e: print(e)
a=[]; a.append(a)
try: json.dumps(a)
except ValueError as e: print(e)
d={}; d["self"] = d
try: json.dumps(d)
except ValueError as e: print(e)
try: json.dumps({(1,2):3})
except TypeError as e: print(e)
try: json.dumps({1:2, "a":3}, sort_keys=True)
except TypeError as e: print(e)
print(json.dumps({(1,2):3, "a":1}, skipkeys=True))
print(json.dumps("\x7f\u00e9\U0001f600\x01\x1f", ensure_ascii=True), json.dumps("\u00e9\U0001f600\x01", ensure_ascii=False))
print(json.dumps([1,{"a":[]}], indent=0), json.dumps([1,2], indent="\t"), json.dumps({"a":1}, indent=-1))
print(json.dumps({1.5: 1, True: 2, None: 3, 2: 4, float("inf"): 5, 10**20: 6}))
print(json.dumps([1.0, 1e20, 1e-7, 0.1, -0.0, 3.14159, float("nan"), float("-inf"), 10**30, True, None]))
print(json.dumps({"b": 1, "a": {"d": 1, "c": 2}}, sort_keys=True, indent=3, separators=(";", "=")))
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
print(json.dumps(Point(1, 2), default=lambda o: o.__dict__))
print(json.dumps({"p": [Point(3, 4)]}, default=lambda o: [o.x, o.y]))
try:
    json.dumps(Point(1,2))
except TypeError as e: print(e)
try:
    json.dumps({"k": {1, 2}})
except TypeError as e: print(e)
try:
    json.dumps(b"x")
except TypeError as e: print(e)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set): return sorted(o)
        return super().default(o)
print(json.dumps({"s": {3, 1, 2}}, cls=Enc), Enc(indent=1).encode([1]), json.JSONEncoder().encode({"a": (1, 2)}))
try:
    json.dumps(object(), cls=Enc)
except TypeError as e: print(e)
try:
    json.dumps(1, bogus=1)
except TypeError as e: print(e)
print(json.loads('{"a": 1.5, "b": 2}', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=list))
print(json.loads('[NaN, Infinity]', parse_constant=lambda c: c))
print(json.JSONDecoder().raw_decode('[1, 2] tail'), json.JSONDecoder().decode(' {"z": []} '))
print(json.decoder.JSONDecodeError is json.JSONDecodeError, issubclass(json.JSONDecodeError, ValueError))
from json.decoder import JSONDecodeError
print(JSONDecodeError.__name__, JSONDecodeError.__module__)
class S(str): pass
class I(int): pass
class F(float): pass
class L(list): pass
class D(dict): pass
print(json.dumps([S("s"), I(3), F(1.5), L([1]), D(a=1), (1,), {S("k"): I(2)}]))
try:
    json.dumps()
except TypeError as e: print(e)
try:
    json.loads()
except TypeError as e: print(e)
print(json.dumps("ascii only"), json.dumps(""), json.dumps({}), json.dumps([[]]), json.dumps([[]], indent=2))
import sys
try: json.loads("["*100000)
except RecursionError as e: print(e)
x = []
for i in range(100000): x = [x]
try: json.dumps(x)
except RecursionError as e: print(e)
e = json.JSONDecodeError("boom", "ab\ncd", 4)
print(e, e.pos, e.lineno, e.colno, e.msg, e.args)
try:
    raise json.JSONDecodeError("custom", "x", 0)
except ValueError as err:
    print(type(err).__name__, err)
import sys
json.dump({"a": [1, 2], "b": None}, sys.stdout, indent=True)
print()
print(json.dumps("\u2028\u00ff"), json.dumps(["x"], separators=[",", ":"]), json.dumps({"k": 1.0e16}), json.dumps(123.456e-300))
print(json.loads("1e400"), json.loads("-1e400"), json.loads("1.7976931348623157e308"), json.loads("0.1e1"), json.loads("-0"), json.loads(" \n\t\r1"))
print(json.loads('"\\ud83d"') == "\ud83d" if False else "skip")
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, indent=None, separators=(", ", ": ")))
print(json.dumps([float("nan")], allow_nan=True), json.loads("[-Infinity]"))
print(json.dumps({}, indent=4), json.dumps([], indent=4), json.dumps([[], {}], indent=1))
d = json.loads('{"a": {"b": [1, {"c": true}]}}')
print(d["a"]["b"][1]["c"], type(d).__name__)
print(json.dumps("a\0b"), json.loads('"a\\u0000b"') == "a\0b")
