import sys
print("tool", __name__, repr(__package__), sys.argv[1:])
