import sys
print("argv", sys.argv)
print("path0", repr(sys.path[0]))
print("name", __name__)
print("file", globals().get("__file__", "<none>"))
print("package", repr(__package__))
