# open() and file objects. Files this test writes are named tmp_* and removed at the end.
import os
import sys

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

NAME = "tmp_files_a.txt"

def open_error(*a):
    try:
        open(*a)
    except OSError as e:
        return e


# text write / read
with open(NAME, "w") as f:
    t("write", lambda: f.write("line one\nline two\n"))
    t("write bytes", lambda: f.write(b"x"))
    t("read on w", lambda: f.read())
    t("attrs", lambda: (f.name, f.mode, f.closed, f.encoding, f.errors))
    t("repr", lambda: repr(f))
    t("type", lambda: (type(f).__name__, type(f).__module__))
    t("tell", lambda: f.tell())
    t("flags", lambda: (f.readable(), f.writable(), f.seekable(), f.isatty(), f.fileno() > 2))
    t("writelines", lambda: f.writelines(["three\n", "four\n"]))
    t("writelines bad", lambda: f.writelines([1]))
    t("writelines int", lambda: f.writelines(1))
t("closed after with", lambda: f.closed)
t("write closed", lambda: f.write("x"))
t("read closed", lambda: f.read())
t("readline closed", lambda: f.readline())
t("iter closed", lambda: iter(f))
t("next closed", lambda: next(f))
t("tell closed", lambda: f.tell())
t("seek closed", lambda: f.seek(0))
t("flush closed", lambda: f.flush())
t("fileno closed", lambda: f.fileno())
t("enter closed", lambda: f.__enter__())
t("close again", lambda: f.close())
t("repr closed", lambda: repr(f))

with open(NAME) as f:
    t("read all", lambda: f.read())
    t("read at eof", lambda: f.read())
    t("seek 0", lambda: f.seek(0))
    t("readline", lambda: f.readline())
    t("tell after readline", lambda: f.tell())
    t("read 4", lambda: f.read(4))
    t("readline limit", lambda: f.readline(2))
    t("readline rest", lambda: f.readline())
    t("readlines", lambda: f.readlines())
    t("readline eof", lambda: f.readline())
    t("write on r", lambda: f.write("x"))
    t("seek cur", lambda: f.seek(1, 1))
    t("seek end", lambda: f.seek(-1, 2))
    t("seek negative", lambda: f.seek(-1))
    t("seek whence", lambda: f.seek(0, 3))
    t("seek end 0", lambda: f.seek(0, 2))
    t("read None", lambda: (f.seek(0), f.read(None)))
    t("read str", lambda: f.read("a"))
    t("readline None", lambda: f.readline(None))
    t("truncate r", lambda: f.truncate())

with open(NAME) as f:
    print("iterate:", [line for line in f])
with open(NAME) as f:
    print("enumerate:", list(enumerate(f, 1))[-1])
with open(NAME) as f:
    t("read 0 / readline 0", lambda: (f.read(0), f.readline(0), f.readline(-5)))

# newline handling
with open(NAME, "wb") as f:
    t("write crlf", lambda: f.write(b"abc\r\ndef\rghi\n\n"))
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open(NAME, newline=nl) as f:
        print("newline", repr(nl), f.readlines())
with open(NAME) as f:
    t("read translated", lambda: f.read())
with open(NAME) as f:
    t("read 4 translated", lambda: (f.read(4), f.read(1), f.tell(), f.read()))
with open(NAME, "w", newline="\r\n") as f:
    f.write("a\nb\r\n")
with open(NAME, "rb") as f:
    t("written crlf", lambda: f.read())
with open(NAME, "w", newline="\r") as f:
    f.write("a\nb\n")
with open(NAME, "rb") as f:
    t("written cr", lambda: f.read())

# binary
with open(NAME, "wb") as f:
    t("bin repr", lambda: (repr(f), f.mode, type(f).__name__))
    t("bin write str", lambda: f.write("x"))
    t("bin write int", lambda: f.write(1))
    t("bin write", lambda: f.write(b"abc\r\ndef\rghi\n\n"))
    t("bin write bytearray", lambda: f.write(bytearray(b"tail")))
    t("bin read on wb", lambda: f.read())
    t("bin readline on wb", lambda: f.readline())
t("bin write closed", lambda: f.write(b"x"))
t("bin read closed writer", lambda: f.read())
t("bin seek closed", lambda: f.seek(0))
t("bin flush closed", lambda: f.flush())
t("bin tell closed", lambda: f.tell())
with open(NAME, "rb") as f:
    t("bin type", lambda: (repr(f), f.mode, type(f).__name__))
    t("bin read 2", lambda: f.read(2))
    t("bin tell", lambda: f.tell())
    t("bin readline", lambda: f.readline())
    t("bin readline 2", lambda: f.readline(2))
    t("bin list", lambda: list(f))
    t("bin read eof", lambda: (f.read(), f.read(5)))
    t("bin seek end", lambda: (f.seek(-2, 2), f.read()))
    t("bin seek cur", lambda: (f.seek(-1, 1), f.read()))
    t("bin seek before start", lambda: f.seek(-100))
    t("bin seek float", lambda: f.seek(1.5))
    t("bin write on rb", lambda: f.write(b"x"))
    t("bin truncate on rb", lambda: f.truncate())
    t("bin read -3", lambda: f.read(-3))
    t("bin readline None", lambda: (f.seek(0), f.readline(None)))
    t("bin readlines", lambda: (f.seek(0), f.readlines()))
f = open(NAME, "rb")
f.close()
t("bin read closed", lambda: f.read())
t("bin readline closed", lambda: f.readline())
t("bin next closed", lambda: next(f))
t("bin readlines closed", lambda: f.readlines())

for mode in ["r+b", "w+b", "a+b", "ab"]:
    with open(NAME, mode) as f:
        print("mode", mode, "->", f.mode, type(f).__name__)

# read/write files
with open(NAME, "w+") as f:
    t("w+ write", lambda: f.write("héllo\nworld\n"))
    t("w+ tell", lambda: f.tell())
    t("w+ seek", lambda: f.seek(0))
    t("w+ readline", lambda: f.readline())
    t("w+ tell 2", lambda: f.tell())
    t("w+ seek read", lambda: (f.seek(0), f.read()))
    t("w+ truncate", lambda: f.truncate(3))
    t("w+ after truncate", lambda: (f.seek(0), f.read()))
with open(NAME, "a+") as f:
    t("a+ tell", lambda: f.tell())
    t("a+ read", lambda: f.read())
    t("a+ write", lambda: f.write("Z"))
    t("a+ reread", lambda: (f.seek(0), f.read()))
with open(NAME, "a") as f:
    f.write("!")
with open(NAME, "r+") as f:
    t("r+ read", lambda: f.read())
with open(NAME, "r+b") as f:
    t("r+b", lambda: (f.read(1), f.write(b"E"), f.seek(0), f.read()))

# exclusive creation
os.remove(NAME)
with open(NAME, "x") as f:
    t("x mode", lambda: (f.mode, repr(f)))
t("x exists", lambda: open(NAME, "x"))
t("x exists errno", lambda: (lambda e: (e.errno, e.strerror, e.filename))(open_error(NAME, "x")))

# encodings and errors
with open(NAME, "wb") as f:
    f.write(b"\xff\xfeabc\n")
with open(NAME) as f:
    t("decode error", lambda: f.read())
with open(NAME, errors="replace") as f:
    t("errors replace", lambda: f.read())
with open(NAME, errors="ignore") as f:
    t("errors ignore", lambda: f.read())
with open(NAME, encoding="latin-1") as f:
    t("latin-1", lambda: (f.read(), f.encoding))
with open(NAME, "w", encoding="ascii") as f:
    t("encode error", lambda: f.write("é"))
    t("encode ok", lambda: f.write("ok"))
with open(NAME, "w", encoding="utf-8") as f:
    f.write("日本語\n€\n")
with open(NAME, encoding="utf-8") as f:
    t("utf-8 read 2", lambda: (f.read(2), f.readline(), f.tell(), f.readline()))
with open(NAME, "rb") as f:
    t("utf-8 bytes", lambda: f.read())

# open() argument errors
t("open ()", lambda: open())
t("open list", lambda: open([]))
t("open float", lambda: open(3.5))
t("open rw", lambda: open(NAME, "rw"))
t("open z", lambda: open(NAME, "z"))
t("open rbb", lambda: open(NAME, "rbb"))
t("open rU", lambda: open(NAME, "rU"))
t("open tb", lambda: open(NAME, "rt+b"))
t("open empty mode", lambda: open(NAME, ""))
t("open plus only", lambda: open(NAME, "+"))
t("open bin encoding", lambda: open(NAME, "rb", encoding="utf-8"))
t("open bin errors", lambda: open(NAME, "rb", errors="strict"))
t("open bin newline", lambda: open(NAME, "rb", newline=""))
t("open unbuffered text", lambda: open(NAME, "r", buffering=0))
t("open bad newline", lambda: open(NAME, newline="z"))
t("open bad encoding", lambda: open(NAME, encoding="no-such-codec"))
t("open mode int", lambda: open(NAME, mode=1))
t("open foo", lambda: open(NAME, foo=1))
t("open dup", lambda: open(NAME, "r", mode="r"))
t("open 9 args", lambda: open(NAME, "r", 1, None, None, None, True, None, 1))
t("open missing", lambda: open("tmp_no_such_file.txt"))
t("open missing dir", lambda: open("tmp_no_such_dir/x.txt", "w"))
t("open dir", lambda: open("."))
t("open closefd path", lambda: open(NAME, closefd=False))

e = open_error("tmp_no_such_file.txt")
print("oserror", type(e).__name__, e.errno, e.strerror, e.filename, isinstance(e, OSError))
print("oserror args", e.args)

# bytes and PathLike names, buffering=0
t("bytes name", lambda: open(NAME.encode()).name)
class PathLike:
    def __fspath__(self):
        return NAME
with open(PathLike()) as f:
    t("pathlike", lambda: (f.name, f.readline()))
with open(NAME, "wb", buffering=0) as f:
    f.write(b"unbuffered")
    with open(NAME, "rb") as g:
        t("unbuffered visible", lambda: g.read())
with open(NAME, "w", buffering=1) as f:
    t("line buffering", lambda: f.line_buffering)
    f.write("partial")
    with open(NAME) as g:
        t("not flushed yet", lambda: g.read())
    f.write(" line\n")
    with open(NAME) as g:
        t("flushed at newline", lambda: g.read())
    f.write("more")
    f.flush()
    with open(NAME) as g:
        t("flushed", lambda: g.read())

# a file object is its own iterator; lines keep their ends
with open(NAME, "w") as f:
    for i in range(3):
        print("row", i, file=f)
    print("a", "b", sep="-", end="|", file=f)
with open(NAME) as f:
    t("print file", lambda: (iter(f) is f, f.read()))

# many small writes and a large file
with open(NAME, "w") as f:
    for i in range(20000):
        f.write(str(i) + "\n")
with open(NAME) as f:
    total = 0
    count = 0
    for line in f:
        total += int(line)
        count += 1
print("large", count, total)
with open(NAME) as f:
    data = f.read()
print("large read", len(data), data[:12].split())

# sys streams
t("stdout attrs", lambda: (sys.stdout.name, sys.stdout.mode, sys.stdout.encoding, sys.stdout.closed, sys.stdout.readable(), sys.stdout.writable()))
t("stdin attrs", lambda: (sys.stdin.name, sys.stdin.mode, sys.stdin.readable()))
t("std filenos", lambda: (sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno()))
t("stdout repr", lambda: repr(sys.stdout))
t("stdout write", lambda: sys.stdout.write("written with sys.stdout.write\n"))
t("stdout write int", lambda: sys.stdout.write(1))
t("stdout write bytes", lambda: sys.stdout.write(b"x"))
t("stdout read", lambda: sys.stdout.read())
t("stdin write", lambda: sys.stdin.write("x"))
t("stdout flush", lambda: sys.stdout.flush())
print("to stderr", file=sys.stderr)
t("stdin readline eof", lambda: sys.stdin.readline())
t("stdin read eof", lambda: sys.stdin.read())

os.remove(NAME)
print("exists after remove:", os.path.exists(NAME))
