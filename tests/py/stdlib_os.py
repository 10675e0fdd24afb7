import os, os.path, sys
import posixpath
print(os.path is posixpath, os.name, os.sep, repr(os.linesep), os.curdir, os.pardir, os.pathsep, os.altsep, os.extsep, os.devnull)
p = os.path
for a in ["", "/", "//", "///", "a", "a/", "a/b", "/a/b/", "a//b", "//a", "./a/../b", "a/./b/.", "../..", "/..", "a/b/../../..", ".bashrc", "a.b/c", "x.tar.gz", "..x.y", "a/.b", "a/b."]:
    print(repr(a), p.split(a), p.basename(a), p.dirname(a), p.splitext(a), p.normpath(a), p.isabs(a), p.splitdrive(a))
print(p.join("a", "b", "c"), p.join("a/", "b"), p.join("a", "/b", "c"), p.join("", "a"), p.join("a", ""), p.join(b"x", b"y"))
for bad in [(1,), ("a", 1), ("a", b"b")]:
    try:
        p.join(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    p.basename(3)
except TypeError as e:
    print("TypeError", e)
print(p.split(b"a/b"), p.splitext(b"f.txt"), p.basename(b"/x/y"), p.normpath(b"a//b/../c"))
print(p.commonprefix(["interspecies", "interstellar", "interstate"]), repr(p.commonprefix([])), p.commonprefix([[1,2,3],[1,2,4]]))
print(p.commonpath(["/usr/lib", "/usr/local/lib"]), p.commonpath(["a/b", "a/c"]))
try:
    p.commonpath(["/a", "b"])
except ValueError as e:
    print("ValueError", e)
print(p.relpath("/a/b/c", "/a/d"), p.relpath("/a", "/a"), p.relpath("a/b", "a"))
try:
    p.relpath("")
except ValueError as e:
    print("ValueError", e)
os.environ["GILPY_T"] = "val"
print(p.expandvars("$GILPY_T/x ${GILPY_T}y $NOPE_GILPY ${NOPE_GILPY} $ $"), p.expandvars("no dollars"))
home = os.environ.setdefault("HOME", "/tmp/gilpy_home")
print(p.expanduser("~") == home.rstrip("/") or "/", p.expanduser("~/x") == home.rstrip("/") + "/x", p.expanduser("x~"), p.expanduser("~nosuchuser_zz/x"))
print(os.environ["GILPY_T"], os.getenv("GILPY_T"), os.getenv("GILPY_NONE"), os.getenv("GILPY_NONE", 5), "GILPY_T" in os.environ)
os.system("echo child sees $GILPY_T > tmp_os_child.txt"); print(open("tmp_os_child.txt").read().strip())
del os.environ["GILPY_T"]
print(os.environ.get("GILPY_T", "gone"))
os.system("echo child sees ${GILPY_T:-nothing} > tmp_os_child.txt"); print(open("tmp_os_child.txt").read().strip())
try:
    os.environ["GILPY_T"]
except KeyError as e:
    print("KeyError", e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print("TypeError", e)
try:
    del os.environ["GILPY_NOPE"]
except KeyError as e:
    print("KeyError", e)
os.putenv("GILPY_PUT", "p")
print(os.environ.get("GILPY_PUT"))
os.system("echo put $GILPY_PUT > tmp_os_child.txt"); print(open("tmp_os_child.txt").read().strip()); os.remove("tmp_os_child.txt")
print(os.system("exit 3"), os.system("true"))
print(os.environ.setdefault("GILPY_SD", "d"), os.environ.pop("GILPY_SD"), os.environ.pop("GILPY_SD", "x"))
os.environ.update({"GILPY_U": "1"}, GILPY_V="2")
print(os.environ["GILPY_U"], os.environ["GILPY_V"], type(os.environ).__name__, type(os.environ.copy()).__name__)
print(len(os.environ) > 0, list(os.environ)[:0], sorted(k for k in os.environ if k.startswith("GILPY")))
d = "tmp_os_dir"
os.mkdir(d)
try:
    os.mkdir(d)
except FileExistsError as e:
    print(type(e).__name__, e, e.errno, e.filename, e.strerror)
os.makedirs(d + "/a/b/c")
os.makedirs(d + "/a/b/c", exist_ok=True)
try:
    os.makedirs(d + "/a/b")
except OSError as e:
    print(type(e).__name__, e)
with open(d + "/a/f.txt", "w") as f:
    f.write("hello")
print(sorted(os.listdir(d + "/a")), os.path.getsize(d + "/a/f.txt"), os.stat(d + "/a/f.txt").st_size, os.path.isfile(d + "/a/f.txt"), os.path.isdir(d + "/a"))
for t in os.walk(d):
    print(t[0], sorted(t[1]), sorted(t[2]))
for t in os.walk(d, topdown=False):
    print(t[0], sorted(t[1]), sorted(t[2]))
for t in os.walk(d):
    t[1].clear()
    print("pruned", t)
try:
    os.rmdir(d + "/a")
except OSError as e:
    print(type(e).__name__, e)
try:
    os.remove(d + "/nope")
except FileNotFoundError as e:
    print(type(e).__name__, e, e.args)
try:
    os.rename(d + "/nope", d + "/nope2")
except FileNotFoundError as e:
    print(e, e.filename2)
try:
    os.listdir("nonexistent_dir_x")
except FileNotFoundError as e:
    print(e)
try:
    os.remove(d)
except OSError as e:
    print(type(e).__name__, e)
try:
    os.remove(5)
except TypeError as e:
    print(e)
os.remove(d + "/a/f.txt")
os.removedirs(d + "/a/b/c")
print(os.path.exists(d))
print(os.path.exists(""), os.path.isdir(""), os.path.exists("a\0b"))
try:
    os.path.getsize("nope_file")
except OSError as e:
    print(type(e).__name__, e)
st = os.stat(".")
print(type(st).__name__, len(st), st[0] == st.st_mode, isinstance(st.st_mtime, float), isinstance(st[8], int))
print(len(os.urandom(8)), type(os.urandom(0)), os.cpu_count() > 0, os.getppid() > 0)
try:
    os.urandom(-1)
except ValueError as e:
    print(e)
print(os.strerror(2), os.fspath("x"), os.fspath(b"y"))
class P:
    def __fspath__(self): return "tmp_os_pathlike"
print(os.fspath(P()), os.path.join(P(), "z"), os.path.exists(P()))
cwd = os.getcwd()
os.chdir("/")
print(os.getcwd())
os.chdir(cwd)
print(os.getcwd() == cwd)
try:
    os.chdir("/nonexistent_q")
except FileNotFoundError as e:
    print(e)
r, w = os.pipe()
os.write(w, b"abc")
os.close(w)
print(os.read(r, 10), os.read(r, 10))
os.close(r)
try:
    os.close(r)
except OSError as e:
    print(e)
print(os.access(".", os.F_OK), os.access("nope_zz", os.F_OK))
print(issubclass(FileNotFoundError, os.error), os.error is OSError)
e = OSError(2, "No such file or directory", "x.txt")
print(type(e).__name__, e, e.errno, e.strerror, e.filename, e.args)
print(OSError("plain"), OSError(1, "two"))
sys.stdout.flush()
st = os.system("exit 5")
print(st, os.WIFEXITED(st), os.WEXITSTATUS(st), os.WIFSIGNALED(st), os.waitstatus_to_exitcode(st))
st = os.system("kill -9 $$")
print(os.WIFSIGNALED(st), os.WTERMSIG(st), os.waitstatus_to_exitcode(st))
