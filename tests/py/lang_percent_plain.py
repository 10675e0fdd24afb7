# str % args takes a plain fast path for %s/%d/%i on strs and ints; everything else the general one.
cases = [("%s", "a"), ("%d", 5), ("%i", -7), ("x%sy%dz", ("é", 3)), ("%s", 1.5), ("%s", 1e300), ("%s", (1,)),
         ("%%", ()), ("100%%", ()), ("%s%%", 5), ("%d", True), ("%s", True), ("%s", None), ("%d", 2**70),
         ("%s", 2**70), ("%5d", 3), ("%r", "q"), ("%(a)s", {"a": 1}), ("%s", {"a": 1}), ("%s %s", ("a",)),
         ("%s", ("a", "b")), ("%d", "x"), ("%", 1), ("a%", ()), ("%s", []), ("%d", 3.7), ("ü%sü", "ß"),
         ("%s", float("nan")), ("%d %d", (1, 2)), ("%s-%s", (-0.0, 10**20))]
for fmt, args in cases:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(type(e).__name__, e)
