import os
d = "tmp_scan_dir"
os.makedirs(d + "/sub", exist_ok=True)
with open(d + "/f.txt", "w") as f:
    f.write("abc")
os.symlink("f.txt", d + "/link")
os.symlink("sub", d + "/dlink")
print(os.readlink(d + "/link"), os.path.islink(d + "/link"), os.path.realpath(d + "/link") == os.path.abspath(d + "/f.txt"))
with os.scandir(d) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(e, e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False), os.fspath(e), e.stat().st_size if e.is_file() else "-", e.inode() > 0)
print(sorted(e.name for e in os.scandir(d.encode())))
print(sorted(os.path.basename(e.path) for e in os.scandir(d)))
try:
    os.scandir("nope_scan")
except FileNotFoundError as e:
    print(e)
try:
    os.symlink("x", d + "/link")
except FileExistsError as e:
    print(e)
try:
    os.readlink(d + "/f.txt")
except OSError as e:
    print(type(e).__name__, e)
u = os.uname()
print(type(u).__name__, u.sysname, len(u), u[0] == u.sysname)
old = os.umask(0o22); print(os.umask(old) == 0o22)
for name in ["link", "dlink", "f.txt"]:
    os.remove(d + "/" + name)
os.rmdir(d + "/sub"); os.rmdir(d)
print(os.path.exists(d))
