import loose.inner.mod
from loose.inner import sibling
print(loose.__file__, loose.inner.__package__, loose.__path__[0].endswith("loose"))
print(sibling is loose.inner.sibling)
