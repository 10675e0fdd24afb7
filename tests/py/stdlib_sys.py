import sys
print(sys.version_info.major, sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info.releaselevel)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.min)
print(sys.float_info)
print(sys.int_info)
print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.maxunicode, sys.byteorder, sys.platform, type(sys.hexversion))
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), hasattr(sys, "implementation"), type(sys.implementation.name))
print(sys.exc_info())
try:
    1/0
except ZeroDivisionError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v)
print(type(sys.version_info).__name__, len(sys.version_info), tuple(sys.version_info)[:2])
major, minor, *_ = sys.version_info
print(major, minor)
