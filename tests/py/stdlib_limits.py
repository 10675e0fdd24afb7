import random, os, time, json
tests = [lambda: random.getrandbits(10**15), lambda: random.randbytes(10**15), lambda: os.urandom(10**15), 
         lambda: time.gmtime(1e20), lambda: time.localtime(-1e20), lambda: time.sleep(1e300),
         lambda: time.sleep(10**400), lambda: time.strftime("%Y", (10**10, 1, 1, 0, 0, 0, 0, 1, 0)), lambda: os.read(0, 10**15),
         lambda: os.path.join(), lambda: os.kill(os.getpid(), 0), lambda: os.kill(10**10, 0), lambda: os.listdir(b"."[:0] or b"/nonexist"),
         lambda: os.environ.__setitem__("", "x"), lambda: os.environ.__setitem__("A=B", "x"), lambda: os.environ.__setitem__("A\0", "x"),
         lambda: os.putenv("X", "a\0b"), lambda: json.loads("[" * 10 + "]" * 10), lambda: os.mkdir("a\0b"), lambda: time.ctime(1e20),
         lambda: random.randrange(10**100, 10**100 + 3), lambda: random.seed(-2**200), lambda: os.path.realpath("/proc/self/../."),
         lambda: time.mktime((10**10, 1, 1, 0, 0, 0, 0, 1, 0)), lambda: time.asctime((2020, 1, 1, 0, 0, 0, 0, 1, 0, 5))]
for t in tests:
    try:
        r = t()
        print("ok", type(r).__name__)
    except BaseException as e:
        print(type(e).__name__, e)
