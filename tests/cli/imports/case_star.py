from shop import *
print(Item.__name__, VERSION)
print("_private" in dir())
