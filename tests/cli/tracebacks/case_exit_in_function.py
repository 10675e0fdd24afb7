import sys
def finish():
    print("finishing")
    sys.exit("fatal: stopping")
finish()
