# The traceback of a misspelt name suggests the closest one, as CPython 3.11 does.
count = 1
def show():
    total = 0
    return totl + count
print("start")
show()
