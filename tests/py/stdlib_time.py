import os
os.environ["TZ"] = "UTC0"
import time
time.tzset()
t = 1700000000.75
g = time.gmtime(t)
print(g)
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday, g.tm_isdst, g.tm_zone, g.tm_gmtoff)
print(len(g), g[0], g[-1], tuple(g), list(g[:3]), type(g).__name__, isinstance(g, tuple))
print(time.gmtime(0), time.gmtime(-86400.5))
l = time.localtime(t)
print(l, l.tm_zone, l.tm_gmtoff)
print(time.mktime(l), time.mktime((2024, 2, 29, 12, 0, 0, 0, 0, -1)))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %y %%", g))
print(time.strftime("%Y-%m-%d", (2020, 1, 2, 3, 4, 5, 0, 1, 0)), repr(time.strftime("", g)), time.strftime("%Z", l))
print(time.asctime(g), time.asctime((2024, 1, 5, 9, 3, 7, 4, 5, 0)), time.ctime(t), time.ctime(0))
print(time.timezone, time.altzone, time.daylight, time.tzname)
for bad in [lambda: time.sleep(-1), lambda: time.sleep("x"), lambda: time.sleep(float("nan")), lambda: time.strftime("%Y", (1, 2)),
            lambda: time.strftime("%Y", (2020, 13, 1, 0, 0, 0, 0, 1, 0)), lambda: time.gmtime("x"), lambda: time.strftime(5),
            lambda: time.asctime((2020, 1, 1, 25, 0, 0, 0, 1, 0)), lambda: time.localtime(float("nan")), lambda: time.sleep()]:
    try:
        print("ok", bad())
    except Exception as e:
        print(type(e).__name__, e)
a = time.time(); b = time.time_ns(); c = time.monotonic(); d = time.perf_counter(); e = time.process_time(); f = time.monotonic_ns(); h = time.perf_counter_ns()
print(type(a).__name__, type(b).__name__, type(c).__name__, type(d).__name__, type(e).__name__, type(f).__name__, type(h).__name__)
print(abs(b / 1e9 - a) < 5, time.monotonic() >= c, a > 1.6e9)
s = time.perf_counter(); time.sleep(0.02); print(0.015 < time.perf_counter() - s < 2)
time.sleep(0); time.sleep(False)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)))
print(time.gmtime(t) == time.gmtime(t), time.gmtime(t) < time.gmtime(t + 1))
for tz in ["UTC0", "EST+05EDT,M3.2.0,M11.1.0", "JST-9"]:
    os.environ["TZ"] = tz
    time.tzset()
    l = time.localtime(1700000000)
    print(tz, l, l.tm_zone, l.tm_gmtoff, time.timezone, time.altzone, time.daylight, time.tzname)
    print(time.ctime(1690000000), time.mktime(l), time.strftime("%H:%M %Z", l), time.localtime(1690000000).tm_isdst)

for tz in ["UTC0", "EST+05EDT,M3.2.0,M11.1.0"]:
    os.environ["TZ"] = tz; time.tzset()
    print(repr(time.strftime("%Z %z", (2020,1,1,0,0,0,0,1,0))), repr(time.strftime("%Z %z", (2020,7,1,0,0,0,0,1,1))), repr(time.strftime("%Z %z", time.gmtime(0))), repr(time.strftime("%Z %z", time.localtime(0))))
