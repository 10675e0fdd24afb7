# Large pickles: framing (64 KiB frames, big str/bytes written outside frames), batching of
# 1000 items, LONG_BINPUT/LONG_BINGET past 256 memo entries. Compared by length and checksum.
import pickle


def checksum(data):
    total = 0
    for i in range(0, len(data), 4096):
        chunk = data[i:i + 4096]
        total = (total * 31 + sum(chunk) + len(chunk) * i) % 1000000007
    return total


class Item:
    def __init__(self, n):
        self.n = n
        self.name = "item%d" % n


values = {
    "range40000": list(range(40000)),
    "dict1000": {i: i for i in range(1000)},
    "dict2000": {i: str(i) for i in range(2000)},
    "dict1001": {i: -i for i in range(1001)},
    "list1000": list(range(1000)),
    "list1001": list(range(1001)),
    "set1000": set(range(1000)),
    "set2500": set(range(2500)),
    "frozen1200": frozenset(range(1200)),
    "bigstr": ["a" * 70000, "b" * 10],
    "bigbytes": [b"x" * 65536, b"y" * 65535, b"z" * 3],
    "strs": ["s%d" % i for i in range(600)],
    "shared_strs": [("k%d" % (i % 300)) for i in range(900)],
    "items": [Item(i) for i in range(400)],
    "tuples": [(i, i + 1) for i in range(3000)],
    "floats": [i / 7 for i in range(20000)],
    "bigints": [2 ** (64 + i) for i in range(300)],
}

for name, value in values.items():
    for protocol in range(0, 6):
        data = pickle.dumps(value, protocol)
        print(name, protocol, len(data), checksum(data), data[:24].hex(), data[-24:].hex())
        assert pickle.loads(data) == value or name == "items", name
