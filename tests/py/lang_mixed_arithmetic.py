# Mixed int/float arithmetic and comparisons take a fast path in the VM; results must match CPython
# for every edge: zero signs, infinities, NaN, ints beyond 2**53, division by zero.
vals = [0, 1, -1, 3, 2**53, 2**53 + 1, -(2**53) - 1, 2**62, -(2**63), 2**63 - 1, 10**20]
fl = [0.0, -0.0, 1.5, -2.25, 1e300, float("inf"), float("-inf"), float("nan"), 9007199254740993.0, 2.0**63]
out = []
for a in vals:
    for b in fl:
        for x, y in ((a, b), (b, a)):
            for name, f in (("+", lambda p, q: p + q), ("-", lambda p, q: p - q), ("*", lambda p, q: p * q),
                            ("/", lambda p, q: p / q), ("<", lambda p, q: p < q), ("==", lambda p, q: p == q),
                            (">=", lambda p, q: p >= q), ("**", lambda p, q: p ** q)):
                try:
                    r = f(x, y)
                except Exception as e:
                    r = type(e).__name__ + ": " + str(e)
                out.append("%r %s %r = %r" % (x, name, y, r))
    for b in vals:
        try:
            r = a / b
        except Exception as e:
            r = type(e).__name__ + ": " + str(e)
        out.append("%r / %r = %r" % (a, b, r))
def loop():
    s = 0.0
    i = 0
    while i < 10:
        s += 1 / (i + 1) * i - i / 3
        if s < i:
            s += 0.5
        i += 1
    return s
out.append(repr(loop()))
print("\n".join(out))
