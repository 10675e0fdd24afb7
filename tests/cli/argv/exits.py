import sys
print(repr(exit), repr(quit))
how = sys.argv[1]
if how == "exit3":
    exit(3)
elif how == "quit":
    quit()
elif how == "message":
    sys.exit("stopping: bad input")
elif how == "true":
    raise SystemExit(True)
elif how == "none":
    sys.exit(None)
print("not reached unless how is unknown")
